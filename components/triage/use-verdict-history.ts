// One device's verdict history for the evidence panel, from the query cache: every verdict change made here
// invalidates it, and coming back to the page reloads it.
'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchVerdictHistory } from '@/components/api/triage-api';
import { queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';

export function useVerdictHistory(huntId: string, deviceId: string) {
  const query = useQuery({
    queryKey: queryKeys.verdictHistory(huntId, deviceId),
    queryFn: ({ signal }) => fetchVerdictHistory(huntId, deviceId, signal),
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  return {
    entries: query.data ?? null,
    error:
      query.isError && !query.isFetching ? toProblem(query.error, 'The history could not be loaded') : null,
    retry,
  };
}
