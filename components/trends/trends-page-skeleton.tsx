// The Trends page's shape before it can render: the same boxes in the same places, so nothing jumps when the
// real page replaces it.
import { ExclusionsSidebarSkeleton } from '@/components/exclusions/exclusions-sidebar-skeleton';

function Bone({ className }: { className: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-skeleton ${className}`} />;
}

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
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true">
      <p className="sr-only" role="status">
        Loading trends…
      </p>
      <div className="shrink-0 space-y-1.5 border-line border-b bg-surface px-3 py-2">
        <div className="flex min-h-7 items-center gap-3">
          <Bone className="h-7 w-20" />
          <Bone className="h-4 w-96" />
        </div>
        <div className="flex min-h-7 items-center gap-4">
          <Bone className="h-7 w-60" />
          <Bone className="h-4 w-40" />
          <Bone className="h-4 w-36" />
        </div>
      </div>
      <div className="relative flex min-h-0 flex-1">
        <ExclusionsSidebarSkeleton />
        <div className="min-h-0 min-w-0 flex-1 overflow-hidden">
          <TrendsChartsSkeleton />
        </div>
      </div>
    </div>
  );
}
