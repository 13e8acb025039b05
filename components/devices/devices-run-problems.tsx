// Between the devices page's header and its table: link corrections, the run's problem (unless it only named
// exclusion ids the page dropped), the catalog's, the verdicts', what a screen reader hears of the run, and
// the progress bar over a result that is being replaced.
'use client';
import { splitUnknownExclusions } from '@/components/hunts/ignored-exclusions';
import { RunProblem } from '@/components/hunts/run-problem';
import { VerdictsProblem } from '@/components/triage/verdicts-problem';
import type { DevicesRun } from './use-devices-run';
import { ViewNotices } from './view-notices';

export function DevicesRunProblems({
  page,
  exclude,
  notices,
  onDismissNotices,
}: {
  page: DevicesRun;
  /** Rule ids in the URL. */
  exclude: readonly string[];
  notices: string[];
  onDismissNotices: () => void;
}) {
  const { result, run, verdicts } = page;
  return (
    <>
      <ViewNotices notices={notices} onDismiss={onDismissNotices} />
      {result.error && !splitUnknownExclusions(result.error, exclude) && (
        <RunProblem problem={result.error} staleSince={run?.ranAt ?? null} onRetry={result.runAgain} />
      )}
      {page.noHunt && page.huntsError && (
        <RunProblem problem={page.huntsError} staleSince={null} onRetry={() => window.location.reload()} />
      )}
      {verdicts.error && (
        <VerdictsProblem
          problem={verdicts.error}
          haveOlder={verdicts.verdicts !== null}
          onRetry={verdicts.reload}
        />
      )}
      <p className="sr-only" aria-live="polite">
        {page.announcement}
      </p>
      <div className="relative h-0" aria-hidden="true">
        {page.running && run && (
          <div className="absolute inset-x-0 top-0 z-20 h-0.5 overflow-hidden">
            <div className="h-full w-1/3 animate-[progress_1.1s_ease-in-out_infinite] bg-accent" />
          </div>
        )}
      </div>
    </>
  );
}
