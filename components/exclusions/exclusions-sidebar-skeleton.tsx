// The Exclusions sidebar's frame and its placeholder, shared by the page skeleton and the sidebar
// itself so nothing moves when the rules arrive, open or folded as the person left it.
'use client';
import { Bone } from '@/components/ui/bone';
import { useSidebarOpen } from './sidebar-state';

/**
 * The sidebar's box: open, a column beside the content (over it on narrow screens, where the content keeps
 * the whole width); folded, a narrow rail that keeps the button to open it.
 */
export function exclusionsSidebarClass(open: boolean): string {
  return open
    ? 'flex w-60 shrink-0 flex-col overflow-y-auto border-line border-r bg-surface text-[13px] max-md:absolute max-md:inset-y-0 max-md:left-0 max-md:z-30 max-md:w-72 max-md:max-w-[85vw] max-md:shadow-lg'
    : 'flex w-9 shrink-0 flex-col items-center border-line border-r bg-surface text-[13px]';
}

export function ExclusionsSidebarSkeleton() {
  const [open] = useSidebarOpen();
  return (
    <div className={exclusionsSidebarClass(open)} aria-hidden="true">
      <div className="flex h-10 w-full shrink-0 items-center gap-2 border-line border-b px-2">
        <Bone className="size-5 shrink-0" />
        {open && <Bone className="h-3.5 w-24" />}
      </div>
      {open && (
        <div className="space-y-2.5 p-3">
          {Array.from({ length: 5 }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
            <Bone key={index} className="h-3.5 w-full" />
          ))}
        </div>
      )}
    </div>
  );
}
