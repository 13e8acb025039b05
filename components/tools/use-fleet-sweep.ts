// Sweeps the fleet (or one tool's hunts) whenever the window changes (or on "sweep again", or when an approval
// or exclusion change invalidates it), with cancel, and keeps the last good answer on screen through later
// failures, marked as belonging to another window.
'use client';
import { fetchFleetOverview } from '@/components/api/fleet-api';
import { queryKeys } from '@/components/query/query-keys';
import { useRunQuery } from '@/components/query/use-run-query';

/** `tool`: sweep only that tool's hunts (its devices page); absent, every tool (the overview). */
export function useFleetSweep(lookback: string, tool?: string) {
  const {
    data: overview,
    again: sweepAgain,
    ...rest
  } = useRunQuery({
    queryKey: queryKeys.sweep(lookback, tool),
    run: (signal) => fetchFleetOverview({ lookback, ...(tool !== undefined ? { tool } : {}), signal }),
    failureTitle: 'The sweep failed in the browser',
  });
  return { ...rest, overview, sweepAgain };
}
