// Last resort if a dashboard page itself breaks while rendering (API failures are handled inside the page and
// never reach here): say so plainly and offer to try again. Each page's error.tsx names the page.
'use client';
import { Button } from '@/components/ui/button';
import { AlertIcon } from '@/components/ui/icons';

export function PageError({
  error,
  retry,
  page,
  drawing,
}: {
  error: unknown;
  retry: () => void;
  /** How the heading names the page: "The {page} page stopped working". */
  page: string;
  /** What the page was drawing when it failed, e.g. "the charts". */
  drawing: string;
}) {
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : null;
  return (
    <div
      role="alert"
      className="m-6 flex max-w-2xl items-start gap-3 rounded-md border border-danger/30 bg-danger-soft p-4"
    >
      <AlertIcon size={18} className="mt-0.5 shrink-0 text-danger" />
      <div className="space-y-1.5">
        <h1 className="font-semibold text-[14px] text-danger">The {page} page stopped working</h1>
        <p>
          Something in the page failed while drawing {drawing}. Trying again usually helps; if it happens
          again, reload the page and report the time{digest ? ` and the reference ${digest}` : ''}.
        </p>
        {error instanceof Error && error.message && (
          <p className="font-mono text-muted text-xs">{error.message}</p>
        )}
        <Button variant="primary" onClick={retry} className="mt-1">
          Try again
        </Button>
      </div>
    </div>
  );
}
