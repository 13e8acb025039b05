// The verdicts of the hunt could not be loaded: what failed, what it means for the table, and a retry.
'use client';
import type { ApiProblem } from '@/components/api/api-client';
import { Button } from '@/components/ui/button';
import { AlertIcon } from '@/components/ui/icons';

export function VerdictsProblem({
  problem,
  haveOlder,
  onRetry,
}: {
  problem: ApiProblem;
  /** Verdicts from an earlier load are still on screen. */
  haveOlder: boolean;
  onRetry: () => void;
}) {
  return (
    <div
      role="alert"
      className="flex shrink-0 items-start gap-2.5 border-warning/30 border-b bg-warning-soft px-3 py-2"
    >
      <AlertIcon size={16} className="mt-0.5 shrink-0 text-warning" />
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="font-semibold text-warning">
          Verdicts: {problem.title}
          {problem.status > 0 && (
            <span className="ml-2 font-normal text-muted text-xs">HTTP {problem.status}</span>
          )}
        </p>
        <p>{problem.detail}</p>
        <p className="text-muted">
          {haveOlder
            ? 'The verdicts on screen are from the last successful load.'
            : 'Until they load, every device counts as unreviewed and no verdict can be set.'}
        </p>
      </div>
      <Button onClick={onRetry} className="shrink-0">
        Try again
      </Button>
    </div>
  );
}
