// The devices page's shape before it can render (route loading, URL not yet read): the same
// boxes in the same places, so nothing jumps when the real page replaces it.
import { ExclusionsSidebarSkeleton } from '@/components/exclusions/exclusions-sidebar-skeleton';

function Bone({ className }: { className: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-skeleton ${className}`} />;
}

export function DevicesPageSkeleton() {
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true">
      <p className="sr-only" role="status">
        Loading devices…
      </p>
      <div className="shrink-0 space-y-1.5 border-line border-b bg-surface px-3 py-2">
        <div className="flex min-h-7 items-center gap-3">
          <Bone className="h-7 w-20" />
          <Bone className="h-4 w-96" />
        </div>
        <div className="flex min-h-7 items-center gap-4">
          <Bone className="h-7 w-44" />
          <Bone className="h-4 w-40" />
          <Bone className="h-4 w-36" />
        </div>
      </div>
      <div className="relative flex min-h-0 flex-1">
        <ExclusionsSidebarSkeleton />
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <div className="flex h-10 shrink-0 items-center gap-3 border-line border-b bg-surface px-3">
            <Bone className="h-7 w-72" />
          </div>
          <div className="min-h-0 flex-1 overflow-hidden bg-surface">
            <div className="h-[45px] border-line border-b bg-surface-2" />
            {Array.from({ length: 14 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
              <div key={index} className="flex h-[33px] items-center gap-6 border-line/60 border-b px-2">
                <Bone className="h-3 w-48" />
                <Bone className="h-3 w-36" />
                <Bone className="h-3 w-36" />
                <Bone className="h-3 w-10" />
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
