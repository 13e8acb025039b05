// Why the devices table is empty, and what to do about it.
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { formatLookback, formatUtc, plural } from '@/components/ui/format';
import type { HuntRun } from '@/lib/hunts/hunt-run';
import { lookbackSchema } from '@/lib/hunts/lookback';
import { LOOKBACK_CHOICES } from './device-view-params';

function Message({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mx-auto max-w-xl space-y-2 text-center whitespace-normal">
      <p className="font-semibold text-[14px]">{title}</p>
      {children}
    </div>
  );
}

function lookbackHours(span: string): number {
  const ms = lookbackSchema.safeParse(span);
  return ms.success ? ms.data / 3_600_000 : Number.NaN;
}

/** Wider windows than the one that ran, nearest first, plus the widest. */
function widerWindows(current: string): string[] {
  const hours = lookbackHours(current);
  const wider = LOOKBACK_CHOICES.filter((choice) => lookbackHours(choice) > hours);
  const next = wider[0];
  const widest = wider[wider.length - 1];
  return [
    ...new Set([next, widest].filter((choice): choice is (typeof LOOKBACK_CHOICES)[number] => !!choice)),
  ];
}

export function NoMatchesInWindow({ run, onWiden }: { run: HuntRun; onWiden: (lookback: string) => void }) {
  const wider = widerWindows(run.window.lookback);
  return (
    <Message title={`No device matched this hunt in the last ${formatLookback(run.window.lookback)}`}>
      <p className="text-muted">
        {run.source.label} returned no rows between{' '}
        <span className="whitespace-nowrap">{formatUtc(run.window.start)}</span> and{' '}
        <span className="whitespace-nowrap">{formatUtc(run.window.end)}</span>. That is good news if the tool
        is not used here; it can also mean the source holds no data for this period.
      </p>
      {wider.length > 0 ? (
        <div className="flex items-center justify-center gap-2 pt-1">
          {wider.map((choice) => (
            <Button key={choice} onClick={() => onWiden(choice)}>
              Look back {formatLookback(choice)}
            </Button>
          ))}
        </div>
      ) : (
        <p className="text-muted">This is already the widest window the sources keep (30 days).</p>
      )}
    </Message>
  );
}

export function NoFilterMatches({ query, onClear }: { query: string; onClear: () => void }) {
  return (
    <Message title={`No device matches “${query}”`}>
      <p className="text-muted">The filter looks for the text inside device names and device IDs.</p>
      <div className="pt-1">
        <Button onClick={onClear}>Clear filter</Button>
      </div>
    </Message>
  );
}

export function NoResult({ title, detail, onRun }: { title: string; detail: string; onRun?: () => void }) {
  return (
    <Message title={title}>
      <p className="text-muted">{detail}</p>
      {onRun && (
        <div className="pt-1">
          <Button onClick={onRun}>Run the hunt</Button>
        </div>
      )}
    </Message>
  );
}

/** Nothing left with exclusions on: say which may be the reason, and offer to switch them off. */
export function AllExcluded({ run, count, onClear }: { run: HuntRun; count: number; onClear: () => void }) {
  return (
    <Message title={`No device left with ${plural(count, 'exclusion')} on`}>
      <p className="text-muted">
        In the last {formatLookback(run.window.lookback)}, every device {run.source.label} returned is hidden
        by the exclusions switched on, or none matched at all. Switch them off to see what they hide.
      </p>
      <div className="pt-1">
        <Button onClick={onClear}>Clear exclusions</Button>
      </div>
    </Message>
  );
}

/** The view or the verdict filter hides every device: say so, and offer the way back to all of them. */
export function HiddenByView({
  needsReview,
  onShowAll,
}: {
  /** True when the Needs review view hides them (every device is marked Benign). */
  needsReview: boolean;
  onShowAll: () => void;
}) {
  return (
    <Message title={needsReview ? 'Nothing needs review' : 'No device has the verdicts you filter for'}>
      <p className="text-muted">
        {needsReview
          ? 'Every device in this window is marked Benign, and none has been seen since its verdict.'
          : 'The verdict filter leaves no device of this run on the table.'}
      </p>
      <div className="pt-1">
        <Button onClick={onShowAll}>Show all devices</Button>
      </div>
    </Message>
  );
}
