// Shown while the devices route itself loads (navigation from another page).
import { DevicesPageSkeleton } from '@/components/devices/devices-page-skeleton';

export default function DevicesLoading() {
  return <DevicesPageSkeleton />;
}
