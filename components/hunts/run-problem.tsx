// A failed run in words a person can act on: the API's problem title and detail, a next step for
// the usual statuses, and whether an older result is still on screen.
import type { ApiProblem } from '@/components/api/api-client';
import { Button } from '@/components/ui/button';
import { formatUtc } from '@/components/ui/format';
import { AlertIcon } from '@/components/ui/icons';

function nextStep(status: number): string | null {
  switch (status) {
    case 0:
      return 'Nothing reached the server. Check the connection, then run again.';
    case 400:
    case 422:
      return 'Change the window or hunt and run again.';
    case 401:
      return 'The API did not accept your sign-in. Reload the page to sign in again.';
    case 403:
      return 'Your account lacks the role for this. Ask an administrator for access.';
    case 404:
      return 'Pick another hunt from the Hunts menu.';
    case 429:
      return 'A query limit was reached; the message says which one and when to run again.';
    case 502:
      return 'The data source failed. Try again shortly; if it persists, check the source’s status.';
    case 504:
      return 'The query ran out of time. A shorter window usually finishes.';
    default:
      return status >= 500 ? 'Try again in a minute.' : null;
  }
}

export function RunProblem({
  problem,
  staleSince,
  onRetry,
}: {
  problem: ApiProblem;
  /** When the result still on screen ran; null when nothing is shown. */
  staleSince: string | null;
  onRetry: () => void;
}) {
  const step = nextStep(problem.status);
  return (
    <div
      role="alert"
      className="flex shrink-0 items-start gap-2.5 border-danger/30 border-b bg-danger-soft px-3 py-2"
    >
      <AlertIcon size={16} className="mt-0.5 shrink-0 text-danger" />
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="font-semibold text-danger">
          {problem.title}
          {problem.status > 0 && (
            <span className="ml-2 font-normal text-muted text-xs">HTTP {problem.status}</span>
          )}
        </p>
        <p>{problem.detail}</p>
        {(step || staleSince) && (
          <p className="text-muted">
            {step}
            {staleSince && ` The table still shows the result from ${formatUtc(staleSince)}, marked stale.`}
          </p>
        )}
      </div>
      <Button onClick={onRetry} className="shrink-0">
        Try again
      </Button>
    </div>
  );
}
