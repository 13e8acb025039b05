// A hunt page's shape before it can render (route loading, URL not yet read): the header with the hunt picker
// and title, the window and run status beneath, the Exclusions sidebar, and the page's own content; the same
// boxes in the same places, so nothing jumps when the real page replaces it.
import type { ReactNode } from 'react';
import { ExclusionsSidebarSkeleton } from '@/components/exclusions/exclusions-sidebar-skeleton';
import { Bone } from '@/components/ui/bone';

export function HuntPageSkeleton({
  status,
  windowWidth,
  children,
}: {
  /** What a screen reader hears while it loads, e.g. "Loading devices…". */
  status: string;
  /** The width class of the window or range select. */
  windowWidth: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-0 flex-1 flex-col" aria-busy="true">
      <p className="sr-only" role="status">
        {status}
      </p>
      <div className="shrink-0 space-y-1.5 border-line border-b bg-surface px-3 py-2">
        <div className="flex min-h-7 items-center gap-3">
          <Bone className="h-7 w-20" />
          <Bone className="h-4 w-96" />
        </div>
        <div className="flex min-h-7 items-center gap-4">
          <Bone className={`h-7 ${windowWidth}`} />
          <Bone className="h-4 w-40" />
          <Bone className="h-4 w-36" />
        </div>
      </div>
      <div className="relative flex min-h-0 flex-1">
        <ExclusionsSidebarSkeleton />
        {children}
      </div>
    </div>
  );
}
