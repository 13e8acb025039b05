// Typed calls for the hunt endpoints: the catalog and one run of a hunt.
import { z } from 'zod';
import { type HuntRun, type HuntSummary, huntRunSchema, huntSummarySchema } from '@/lib/hunts/hunt-run';
import { apiGet } from './api-client';

const huntListSchema = z.object({ hunts: z.array(huntSummarySchema) });

export async function fetchHunts(signal?: AbortSignal): Promise<HuntSummary[]> {
  const { hunts } = await apiGet('/api/hunts', huntListSchema, { signal });
  return hunts;
}

/**
 * Runs a hunt; without a lookback the hunt's own window applies. `exclude` names the hunt's
 * exclusion rules to switch on (`?exclude=admin-scripts,veeam-backup`); none when empty.
 */
export function fetchHuntRun(
  huntId: string,
  options: { lookback?: string | null; exclude?: readonly string[]; signal?: AbortSignal } = {},
): Promise<HuntRun> {
  const params = new URLSearchParams();
  if (options.lookback) params.set('lookback', options.lookback);
  if (options.exclude?.length) params.set('exclude', options.exclude.join(','));
  const text = params.toString();
  const query = text ? `?${text}` : '';
  return apiGet(`/api/hunts/${encodeURIComponent(huntId)}/run${query}`, huntRunSchema, {
    signal: options.signal,
  });
}
