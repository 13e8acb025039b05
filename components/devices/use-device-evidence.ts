// The evidence panel's data: one device's events for the run on screen (same hunt, window and exclusions),
// from the query cache, with the cap the triager chose. A change to the hunt's custom exclusions invalidates
// it with the run.
'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchDeviceEvidence } from '@/components/api/evidence-api';
import { queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';

export interface EvidenceRequest {
  huntId: string;
  deviceId: string;
  lookback: string | null;
  exclude: readonly string[];
  limit: number;
}

export function useDeviceEvidence(request: EvidenceRequest) {
  const { huntId, deviceId, lookback, exclude, limit } = request;
  const query = useQuery({
    queryKey: queryKeys.evidence(huntId, deviceId, { lookback, exclude, limit }),
    queryFn: ({ signal }) => fetchDeviceEvidence(huntId, deviceId, { lookback, exclude, limit, signal }),
    // While a new cap loads the device's events stay; another device's must not pass for this one's.
    placeholderData: (previous) =>
      previous?.huntId === huntId && previous.deviceId === deviceId ? previous : undefined,
    // A query on the source per device: it follows the run's invalidations, not focus.
    refetchOnWindowFocus: false,
  });
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  return {
    evidence: query.data ?? null,
    loading: query.isFetching,
    error:
      query.isError && !query.isFetching ? toProblem(query.error, 'The events could not be loaded') : null,
    retry,
  };
}
