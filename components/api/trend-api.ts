// Typed call for the trends endpoint.
import { type TrendReport, trendReportSchema } from '@/lib/trends/trend-report';
import { apiGet } from './api-client';

/** A hunt's trends over `range` (e.g. "30d"), with the named exclusion rules switched on. */
export function fetchTrends(
  huntId: string,
  options: { range: string; exclude?: readonly string[]; signal?: AbortSignal },
): Promise<TrendReport> {
  const params = new URLSearchParams({ range: options.range });
  if (options.exclude?.length) params.set('exclude', options.exclude.join(','));
  return apiGet(
    `/api/hunts/${encodeURIComponent(huntId)}/trends?${params.toString().replace(/%2C/gi, ',')}`,
    trendReportSchema,
    {
      signal: options.signal,
    },
  );
}
