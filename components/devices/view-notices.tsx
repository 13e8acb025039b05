// What the page changed in a link it could not follow as written (an unknown exclusion id, a window it does
// not understand), so a shared link that quietly shows something else does not go unnoticed.
import { Button } from '@/components/ui/button';
import { AlertIcon, CloseIcon } from '@/components/ui/icons';

export function ViewNotices({ notices, onDismiss }: { notices: string[]; onDismiss: () => void }) {
  if (notices.length === 0) return null;
  return (
    <div
      role="status"
      className="flex shrink-0 items-start gap-2.5 border-warning/30 border-b bg-warning-soft px-3 py-2"
    >
      <AlertIcon size={16} className="mt-0.5 shrink-0 text-warning" />
      <ul className="min-w-0 flex-1 space-y-0.5">
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <Button variant="ghost" className="h-6 shrink-0 px-1.5" onClick={onDismiss}>
        <CloseIcon />
        <span className="sr-only">Dismiss</span>
      </Button>
    </div>
  );
}
