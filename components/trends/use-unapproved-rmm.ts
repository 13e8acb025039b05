// Loads the fleet's unapproved RMM use per day for a range; the last good answer stays while a new one loads.
'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '@/components/api/api-client';
import { queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';
import { unapprovedRmmTrendSchema } from '@/lib/trends/unapproved-rmm';

export function useUnapprovedRmm(range: string) {
  // A sweep per range: it follows approval changes, not focus.
  const query = useQuery({
    queryKey: queryKeys.unapprovedRmm(range),
    queryFn: ({ signal }) =>
      apiGet(`/api/trends/unapproved-rmm?${new URLSearchParams({ range })}`, unapprovedRmmTrendSchema, {
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
  });
  return {
    trend: query.data ?? null,
    error: query.error && !query.isFetching ? toProblem(query.error, 'Loading failed') : null,
    loading: query.isFetching,
  };
}
