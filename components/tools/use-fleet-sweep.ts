// Sweeps the fleet whenever the window changes (or on "sweep again", or when an approval or exclusion change
// invalidates it), with cancel, and keeps the last good answer on screen through later failures, marked as
// belonging to another window.
'use client';
import { fetchFleetOverview } from '@/components/api/fleet-api';
import { queryKeys } from '@/components/query/query-keys';
import { useRunQuery } from '@/components/query/use-run-query';

export function useFleetSweep(lookback: string) {
  const {
    data: overview,
    again: sweepAgain,
    ...rest
  } = useRunQuery({
    queryKey: queryKeys.sweep(lookback),
    run: (signal) => fetchFleetOverview({ lookback, signal }),
    failureTitle: 'The sweep failed in the browser',
  });
  return { ...rest, overview, sweepAgain };
}
