// The Exclusions sidebar's frame and its placeholder, shared by the page skeleton and the sidebar
// itself so nothing moves when the rules arrive.

export const EXCLUSIONS_SIDEBAR_CLASS =
  'flex w-60 shrink-0 flex-col overflow-y-auto border-line border-r bg-surface text-[13px]';

function Bone({ className }: { className: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-skeleton ${className}`} />;
}

export function ExclusionsSidebarSkeleton() {
  return (
    <div className={EXCLUSIONS_SIDEBAR_CLASS} aria-hidden="true">
      <div className="flex h-10 shrink-0 items-center border-line border-b px-3">
        <Bone className="h-3.5 w-24" />
      </div>
      <div className="space-y-2.5 p-3">
        {Array.from({ length: 5 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
          <Bone key={index} className="h-3.5 w-full" />
        ))}
      </div>
    </div>
  );
}
