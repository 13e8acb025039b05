// Typed calls for the hunt endpoints: the catalog and one run of a hunt.
import { z } from 'zod';
import {
  type CatalogProblemSummary,
  catalogProblemSchema,
  type HuntRun,
  type HuntSummary,
  huntRunSchema,
  huntSummarySchema,
} from '@/lib/hunts/hunt-run';
import { apiGet } from './api-client';

const huntListSchema = z.object({
  hunts: z.array(huntSummarySchema),
  problems: z.array(catalogProblemSchema).default([]),
});

/** The catalog's hunts and the catalog files that did not load. */
export function fetchHunts(
  signal?: AbortSignal,
): Promise<{ hunts: HuntSummary[]; problems: CatalogProblemSummary[] }> {
  return apiGet('/api/hunts', huntListSchema, { signal });
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
