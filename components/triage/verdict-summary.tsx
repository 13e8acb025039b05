// A device's verdict in the evidence panel: what it counts as, who decided and when, why, and for
// triagers the buttons (and keys) that change it; everyone else reads it.
'use client';
import { Kbd } from '@/components/ui/button';
import { formatRelative, formatUtc } from '@/components/ui/format';
import type { ReviewState } from '@/lib/triage/needs-review';
import type { VerdictStatus } from '@/lib/triage/types';
import { iconTone, ReviewBadge, VERDICT_KEYS, VERDICT_LABELS, VerdictIcon } from './verdict-badge';

const ACTIONS: readonly VerdictStatus[] = ['benign', 'suspicious', 'malicious', 'unreviewed'];

export function VerdictSummary({
  state,
  canTriage,
  unavailable,
  onSet,
  scenarioTitle,
}: {
  state: ReviewState;
  canTriage: boolean;
  /** The verdicts could not be loaded: nothing to show or change. */
  unavailable: boolean;
  onSet: (status: VerdictStatus) => void;
  scenarioTitle: (id: string) => string;
}) {
  const verdict = state.verdict;
  return (
    <div className="space-y-2">
      {unavailable ? (
        <p className="text-[12px] text-muted">
          The verdicts could not be loaded; see the message above the table.
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <ReviewBadge state={state} />
            {verdict && (
              <span className="text-[12px] text-muted">
                by <span className="text-fg">{verdict.setBy.name}</span>,{' '}
                <time dateTime={verdict.setAt} title={formatUtc(verdict.setAt)}>
                  {formatRelative(Date.parse(verdict.setAt), Date.now())}
                </time>
              </span>
            )}
          </div>
          {verdict?.reason && <p className="break-words text-[12px]">“{verdict.reason}”</p>}
          {verdict && (verdict.scenario || verdict.reviewAfter || verdict.reference) && (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[12px]">
              {verdict.scenario && (
                <>
                  <dt className="text-muted">Scenario</dt>
                  <dd>{scenarioTitle(verdict.scenario)}</dd>
                </>
              )}
              {verdict.reviewAfter && (
                <>
                  <dt className="text-muted">Review from</dt>
                  <dd className="tabular-nums">{formatUtc(verdict.reviewAfter)}</dd>
                </>
              )}
              {verdict.reference && (
                <>
                  <dt className="text-muted">Reference</dt>
                  <dd className="break-all">{verdict.reference}</dd>
                </>
              )}
            </dl>
          )}
        </>
      )}
      {canTriage && !unavailable && (
        <div className="flex flex-wrap gap-1.5" role="toolbar" aria-label="Set verdict">
          {ACTIONS.map((status) => (
            <button
              key={status}
              type="button"
              onClick={() => onSet(status)}
              className="inline-flex h-7 items-center gap-1.5 rounded-md border border-line bg-surface px-2 font-medium text-[12px] hover:border-line-strong hover:bg-surface-2"
            >
              <VerdictIcon status={status} className={iconTone(status)} />
              {status === 'unreviewed' ? 'Reset' : VERDICT_LABELS[status]}
              {VERDICT_KEYS[status] && <Kbd>{VERDICT_KEYS[status]}</Kbd>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
