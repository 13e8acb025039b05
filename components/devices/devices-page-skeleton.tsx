// The devices page's shape before it can render: the hunt page's frame around the table's toolbar and rows.
import { HuntPageSkeleton } from '@/components/hunts/hunt-page-skeleton';
import { Bone } from '@/components/ui/bone';

export function DevicesPageSkeleton() {
  return (
    <HuntPageSkeleton status="Loading devices…" windowWidth="w-44">
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
    </HuntPageSkeleton>
  );
}
