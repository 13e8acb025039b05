// The Trends view as URL search params, so a link or a reload reproduces it:
//   hunt=<id>  range=<whole days, 2d to 180d; 7d 14d 30d 90d 180d offered>  exclude=admin-scripts,veeam-backup
// Defaults are left out of the URL; anything unrecognised is ignored rather than trusted.
import { normalizeExclude } from '@/components/devices/device-view-params';
import { rangeSchema } from '@/lib/trends/trend-request';

/** Ranges offered: up to the source's 30 days, and longer ones answered by recorded runs. */
export const RANGE_CHOICES = ['7d', '14d', '30d', '90d', '180d'] as const;
/** A range the API accepts (whole days, 2d to 180d): one of the choices or one from a link. */
export type RangeChoice = string;
export const DEFAULT_RANGE: RangeChoice = '30d';

export interface TrendViewParams {
  /** Null: the first hunt of the catalog. */
  hunt: string | null;
  range: RangeChoice;
  /** Ids of the hunt's exclusion rules switched on, sorted; empty: none. */
  exclude: string[];
}

/** The server's own grammar (lib/trends/trend-request.ts), so a link the API would answer is kept. */
function isRange(value: string): boolean {
  return rangeSchema.safeParse(value).success;
}

/** Days in a range: "30d" → 30; an invalid range counts as the default. */
export function rangeDays(range: RangeChoice): number {
  const days = rangeSchema.safeParse(range);
  return days.success ? days.data : rangeDays(DEFAULT_RANGE);
}

export function parseTrendViewParams(params: { get: (name: string) => string | null }): TrendViewParams {
  const range = params.get('range')?.trim() ?? '';
  return {
    hunt: params.get('hunt')?.trim() || null,
    range: isRange(range) ? range : DEFAULT_RANGE,
    exclude: normalizeExclude((params.get('exclude') ?? '').split(',')),
  };
}

/** Applies a change to the current query string, dropping defaults; other params survive. */
export function writeTrendViewParams(current: string, patch: Partial<TrendViewParams>): string {
  const params = new URLSearchParams(current);
  const set = (name: string, value: string | null) => {
    if (value === null || value === '') params.delete(name);
    else params.set(name, value);
  };
  if ('hunt' in patch) set('hunt', patch.hunt ?? null);
  if (patch.range) set('range', patch.range === DEFAULT_RANGE ? null : patch.range);
  if (patch.exclude) set('exclude', normalizeExclude(patch.exclude).join(','));
  // Commas are legal in a query string; keep exclude=a,b readable in the address bar.
  const text = params.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}
