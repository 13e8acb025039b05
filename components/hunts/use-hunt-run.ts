// Runs a hunt whenever the hunt, window or exclusions change (or on "run again", or when a change to its
// custom exclusions invalidates it), with cancel, and keeps the last good result on screen through later
// failures so the analyst never loses what they had.
'use client';
import { fetchHuntRun } from '@/components/api/hunt-api';
import { queryKeys } from '@/components/query/query-keys';
import { useRunQuery } from '@/components/query/use-run-query';

export interface RunRequest {
  huntId: string;
  /** Null: the hunt's own window. */
  lookback: string | null;
  /** Ids of the hunt's exclusion rules to switch on; empty: none. */
  exclude: readonly string[];
}

export function useHuntRun(request: RunRequest | null) {
  const result = useRunQuery({
    queryKey: request ? queryKeys.run(request.huntId, request.lookback, request.exclude) : null,
    run: (signal) =>
      request
        ? fetchHuntRun(request.huntId, { lookback: request.lookback, exclude: request.exclude, signal })
        : Promise.reject(new Error('No hunt to run')),
    failureTitle: 'The run failed in the browser',
  });
  const { data: run, again: runAgain, ...rest } = result;
  return { ...rest, run, runAgain };
}
