// Shown while the trends route itself loads (navigation from another page).
import { TrendsPageSkeleton } from '@/components/trends/trends-page-skeleton';

export default function TrendsLoading() {
  return <TrendsPageSkeleton />;
}
