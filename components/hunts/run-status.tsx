// How fresh the result on screen is: "Ran 12s ago · 312 ms", or a run in progress with its
// elapsed time and a Cancel control once it passes a second, or a stale marker.
'use client';
import { Button } from '@/components/ui/button';
import { formatDuration, formatRelative, formatUtcExact } from '@/components/ui/format';
import { AlertIcon } from '@/components/ui/icons';
import { useNow } from '@/components/ui/use-now';

/** Below this a run feels instant; no counter, no Cancel to flash past. */
const SLOW_RUN_MS = 1000;

export function RunStatus({
  running,
  startedAt,
  ranAt,
  elapsedMs,
  stale,
  failed,
  cancelled,
  onCancel,
}: {
  running: boolean;
  startedAt: number | null;
  /** The result on screen, if any. */
  ranAt: string | null;
  elapsedMs: number | null;
  stale: boolean;
  failed: boolean;
  cancelled: boolean;
  onCancel: () => void;
}) {
  const now = useNow(running ? 100 : 1000);

  if (running) {
    const elapsed = startedAt === null ? 0 : Math.max(0, now - startedAt);
    const slow = elapsed >= SLOW_RUN_MS;
    return (
      <span className="inline-flex items-center gap-2">
        <span
          aria-hidden="true"
          className="size-3 animate-spin rounded-full border-2 border-accent border-t-transparent"
        />
        <span className="tabular-nums">Running…{slow ? ` ${formatDuration(elapsed)}` : ''}</span>
        {slow && (
          <Button variant="ghost" className="h-6 px-2 text-xs" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </span>
    );
  }

  if (!ranAt) {
    return (
      <span className="text-muted">
        {failed ? 'Run failed' : cancelled ? 'Run cancelled' : 'Not run yet'}
      </span>
    );
  }

  const ranMs = Date.parse(ranAt);
  return (
    <span className="inline-flex items-center gap-2">
      {stale && (
        <span className="inline-flex items-center gap-1 rounded bg-warning-soft px-1.5 py-px font-medium text-warning text-xs">
          <AlertIcon size={12} />
          Stale
        </span>
      )}
      {cancelled && <span className="text-muted">Cancelled ·</span>}
      <span className="text-muted tabular-nums" title={`Ran at ${formatUtcExact(ranMs)}`}>
        Ran {formatRelative(ranMs, Math.max(now, ranMs))}
        {elapsedMs !== null && ` · ${formatDuration(elapsedMs)}`}
      </span>
    </span>
  );
}
