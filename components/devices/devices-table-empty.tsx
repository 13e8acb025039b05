// What the devices table says when it has no row to show, from the most specific cause to the least: the
// filter, the view, the rules switched on, an empty window, no hunt, a failed or cancelled run.
'use client';
import type { ApiProblem } from '@/components/api/api-client';
import type { RunQueryStatus } from '@/components/query/use-run-query';
import type { HuntRun } from '@/lib/hunts/hunt-run';
import {
  AllExcluded,
  HiddenByView,
  NoFilterMatches,
  NoMatchesInWindow,
  NoResult,
} from './devices-empty-state';

export function DevicesTableEmpty({
  run,
  status,
  filtered,
  query,
  needsReviewOnly,
  enabledRules,
  noHunt,
  huntsError,
  onClearQuery,
  onShowAll,
  onClearRules,
  onWiden,
  onRun,
}: {
  run: HuntRun | null;
  status: RunQueryStatus;
  /** The table's filters hide every row. */
  filtered: boolean;
  /** The filter text. */
  query: string;
  /** The view shows only devices that need review, with no verdict filter of its own. */
  needsReviewOnly: boolean;
  enabledRules: number;
  noHunt: boolean;
  huntsError: ApiProblem | null;
  onClearQuery: () => void;
  onShowAll: () => void;
  onClearRules: () => void;
  onWiden: (lookback: string) => void;
  onRun: () => void;
}) {
  if (run && filtered && query.trim() !== '') return <NoFilterMatches query={query} onClear={onClearQuery} />;
  if (run && filtered) return <HiddenByView needsReview={needsReviewOnly} onShowAll={onShowAll} />;
  if (run && enabledRules > 0) return <AllExcluded run={run} count={enabledRules} onClear={onClearRules} />;
  if (run) return <NoMatchesInWindow run={run} onWiden={onWiden} />;
  if (noHunt)
    return (
      <NoResult
        title="No hunt to run"
        detail={
          huntsError
            ? 'The hunt list could not be loaded; see the message above.'
            : 'The hunt catalog is empty.'
        }
      />
    );
  if (status === 'failed')
    return (
      <NoResult
        title="No result to show"
        detail="The run failed before returning devices; see the message above."
      />
    );
  if (status === 'cancelled')
    return <NoResult title="Run cancelled" detail="The run was stopped before it returned." onRun={onRun} />;
  return null;
}
