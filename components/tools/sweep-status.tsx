// How fresh a fleet sweep is, on the overview and on a tool's page: running (with Cancel), when it ran and how
// long it took, or that what is shown is stale, failed or cancelled.
'use client';
import { RunStatus } from '@/components/hunts/run-status';
import type { useFleetSweep } from './use-fleet-sweep';

export function SweepStatus({ sweep }: { sweep: ReturnType<typeof useFleetSweep> }) {
  return (
    <RunStatus
      running={sweep.status === 'running'}
      startedAt={sweep.startedAt}
      ranAt={sweep.overview?.window.end ?? null}
      elapsedMs={sweep.overview?.tookMs ?? null}
      stale={!sweep.current || sweep.status === 'failed'}
      failed={sweep.status === 'failed'}
      cancelled={sweep.status === 'cancelled'}
      onCancel={sweep.cancel}
    />
  );
}
