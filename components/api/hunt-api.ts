// Typed calls for the hunt endpoints: the catalog and one run of a hunt.
import { z } from 'zod';
import { type HuntRun, type HuntSummary, huntRunSchema, huntSummarySchema } from '@/lib/hunts/hunt-run';
import { apiGet } from './api-client';

const huntListSchema = z.object({ hunts: z.array(huntSummarySchema) });

export async function fetchHunts(signal?: AbortSignal): Promise<HuntSummary[]> {
  const { hunts } = await apiGet('/api/hunts', huntListSchema, { signal });
  return hunts;
}

/** Runs a hunt; without a lookback the hunt's own window applies. */
export function fetchHuntRun(
  huntId: string,
  options: { lookback?: string | null; signal?: AbortSignal } = {},
): Promise<HuntRun> {
  const query = options.lookback ? `?${new URLSearchParams({ lookback: options.lookback })}` : '';
  return apiGet(`/api/hunts/${encodeURIComponent(huntId)}/run${query}`, huntRunSchema, {
    signal: options.signal,
  });
}
