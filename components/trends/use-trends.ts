// Loads a hunt's trends whenever the hunt, range or exclusions change (or on "refresh", or when a change
// invalidates them), with cancel, and keeps the last good answer on screen through later failures, marked
// as belonging to another request.
'use client';
import { fetchTrends } from '@/components/api/trend-api';
import { queryKeys } from '@/components/query/query-keys';
import { useRunQuery } from '@/components/query/use-run-query';

export interface TrendRequest {
  huntId: string;
  range: string;
  exclude: readonly string[];
}

export function useTrends(request: TrendRequest | null) {
  const {
    data: report,
    again: refresh,
    status,
    ...rest
  } = useRunQuery({
    queryKey: request ? queryKeys.trends(request.huntId, request.range, request.exclude) : null,
    run: (signal) =>
      request
        ? fetchTrends(request.huntId, { range: request.range, exclude: request.exclude, signal })
        : Promise.reject(new Error('No hunt to load')),
    failureTitle: 'Loading the trends failed in the browser',
  });
  return { ...rest, status: status === 'running' ? ('loading' as const) : status, report, refresh };
}
