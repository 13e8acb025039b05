// /devices: the devices that matched a hunt in a time window. The view reads its state from the
// URL in the browser, so it renders inside a Suspense boundary with a same-shaped skeleton.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DevicesPageSkeleton } from '@/components/devices/devices-page-skeleton';
import { DevicesView } from '@/components/devices/devices-view';

export const metadata: Metadata = { title: 'Devices' };

export default function DevicesPage() {
  return (
    <Suspense fallback={<DevicesPageSkeleton />}>
      <DevicesView />
    </Suspense>
  );
}
