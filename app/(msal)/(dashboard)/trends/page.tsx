// /trends: how the hunt's matches and their triage develop over days, as small multiples. The view reads its
// state from the URL in the browser, so it renders inside a Suspense boundary with a same-shaped skeleton.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TrendsPageSkeleton } from '@/components/trends/trends-page-skeleton';
import { TrendsView } from '@/components/trends/trends-view';

export const metadata: Metadata = { title: 'Trends' };

export default function TrendsPage() {
  return (
    <Suspense fallback={<TrendsPageSkeleton />}>
      <TrendsView />
    </Suspense>
  );
}
