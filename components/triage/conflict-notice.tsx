// Someone else changed a verdict while this triager was deciding: who changed which device to what and
// when, with the two ways on: keep their verdict, or write this one over it on purpose.
'use client';
import { Button } from '@/components/ui/button';
import { formatRelative, formatUtc } from '@/components/ui/format';
import { AlertIcon } from '@/components/ui/icons';
import type { VerdictStatus } from '@/lib/triage/types';
import { VERDICT_LABELS, VerdictBadge } from './verdict-badge';
import type { VerdictConflict } from './verdict-state';

export function ConflictNotice({
  conflicts,
  deviceNames,
  mine,
  busy,
  onUseTheirs,
  onRetryMine,
}: {
  conflicts: readonly VerdictConflict[];
  /** Names by device id, for conflicts whose current verdict is gone. */
  deviceNames: ReadonlyMap<string, string>;
  mine: VerdictStatus;
  busy: boolean;
  onUseTheirs: () => void;
  onRetryMine: () => void;
}) {
  const now = Date.now();
  return (
    <div role="alert" className="space-y-2 rounded-md border border-warning/40 bg-warning-soft p-3">
      <p className="flex items-center gap-2 font-semibold text-warning">
        <AlertIcon size={14} />
        {conflicts.length === 1
          ? 'This verdict was changed while you were deciding'
          : `${conflicts.length} verdicts were changed while you were deciding`}
      </p>
      <ul className="space-y-1">
        {conflicts.map(({ deviceId, current }) => (
          <li key={deviceId} className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
            <span className="font-medium">
              {current?.deviceName ?? deviceNames.get(deviceId) ?? deviceId}:
            </span>
            {current ? (
              <>
                <span>{current.setBy.name} set it to</span>
                <VerdictBadge status={current.status} />
                <time
                  dateTime={current.setAt}
                  title={formatUtc(current.setAt)}
                  className="text-muted tabular-nums"
                >
                  {formatRelative(Date.parse(current.setAt), now)}
                </time>
                {current.reason && <span className="w-full text-muted">“{current.reason}”</span>}
              </>
            ) : (
              <span>its verdict is gone; it counts as unreviewed.</span>
            )}
          </li>
        ))}
      </ul>
      <p className="text-muted">
        Nothing was saved. Keep their verdict, or set yours ({VERDICT_LABELS[mine]}) over it.
      </p>
      <div className="flex gap-2">
        <Button onClick={onUseTheirs} disabled={busy}>
          Use theirs
        </Button>
        <Button variant="primary" onClick={onRetryMine} disabled={busy}>
          Retry mine
        </Button>
      </div>
    </div>
  );
}
