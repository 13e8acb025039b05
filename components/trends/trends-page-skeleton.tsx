// The Trends page's shape before it can render: the hunt page's frame around the charts' cards.
import { HuntPageSkeleton } from '@/components/hunts/hunt-page-skeleton';
import { Bone } from '@/components/ui/bone';

export function TrendsChartsSkeleton() {
  return (
    <div className="grid gap-3 p-3 xl:grid-cols-2" aria-hidden="true">
      {Array.from({ length: 6 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
        <div key={index} className="space-y-2 rounded-md border border-line bg-surface p-3">
          <Bone className="h-4 w-2/3" />
          <Bone className="h-3 w-32" />
          <Bone className="h-[184px] w-full" />
        </div>
      ))}
    </div>
  );
}

export function TrendsPageSkeleton() {
  return (
    <HuntPageSkeleton status="Loading trends…" windowWidth="w-60">
      <div className="min-h-0 min-w-0 flex-1 overflow-hidden">
        <TrendsChartsSkeleton />
      </div>
    </HuntPageSkeleton>
  );
}
