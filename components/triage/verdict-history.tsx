// A device's verdict history, oldest first: when (UTC, with a relative hint), who, from what to what, and why.
'use client';
import type { ApiProblem } from '@/components/api/api-client';
import { Button } from '@/components/ui/button';
import { formatRelative, formatUtc, formatUtcExact } from '@/components/ui/format';
import type { AuditEntry } from '@/lib/triage/types';
import { VERDICT_LABELS, VerdictBadge } from './verdict-badge';
import { describeChange } from './verdict-state';

export function VerdictHistory({
  entries,
  error,
  onRetry,
  scenarioTitle,
}: {
  /** Null while loading. */
  entries: readonly AuditEntry[] | null;
  error: ApiProblem | null;
  onRetry: () => void;
  scenarioTitle: (id: string) => string;
}) {
  if (error) {
    return (
      <div role="alert" className="flex items-start gap-2 text-[12px]">
        <p className="min-w-0 flex-1">
          <span className="font-medium text-danger">{error.title}.</span> {error.detail}
        </p>
        <Button onClick={onRetry} className="h-6 px-2 text-[12px]">
          Try again
        </Button>
      </div>
    );
  }
  if (entries === null) {
    return (
      <div role="status" aria-busy="true" className="space-y-1.5">
        <span className="sr-only">Loading the history</span>
        <div className="h-3 w-3/4 animate-pulse rounded bg-skeleton" />
        <div className="h-3 w-1/2 animate-pulse rounded bg-skeleton" />
      </div>
    );
  }
  if (entries.length === 0)
    return <p className="text-[12px] text-muted">No verdict has been set for this device yet.</p>;

  const now = Date.now();
  return (
    <ol className="space-y-2" aria-label="Verdict history">
      {entries.map((entry) => {
        const change = describeChange(entry);
        return (
          <li key={entry.id} className="border-line border-l-2 pl-2.5 text-[12px]">
            <div className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
              <time dateTime={entry.at} title={formatUtcExact(entry.at)} className="tabular-nums">
                {formatUtc(entry.at)}
              </time>
              <span className="text-muted">{formatRelative(Date.parse(entry.at), now)}</span>
              <span className="font-medium">{entry.actor.name}</span>
            </div>
            <div className="mt-0.5 flex flex-wrap items-center gap-1.5">
              {change.from && change.from !== change.to ? (
                <>
                  <VerdictBadge status={change.from} />
                  <span aria-hidden="true" className="text-muted">
                    →
                  </span>
                </>
              ) : null}
              {change.to ? <VerdictBadge status={change.to} /> : <span className="text-muted">changed</span>}
              <span className="sr-only">
                {change.from ? `from ${VERDICT_LABELS[change.from]} ` : ''}
                {change.to ? `to ${VERDICT_LABELS[change.to]}` : ''}
              </span>
            </div>
            {change.reason && <p className="mt-0.5 break-words">“{change.reason}”</p>}
            {(change.scenario || change.reviewAfter || change.reference) && (
              <p className="mt-0.5 text-muted">
                {[
                  change.scenario && `Scenario: ${scenarioTitle(change.scenario)}`,
                  change.reviewAfter && `review from ${formatUtc(change.reviewAfter)}`,
                  change.reference && `Reference: ${change.reference}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
