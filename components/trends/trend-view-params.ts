// The Trends view as URL search params, so a link or a reload reproduces it, declared once as a parser map
// (`trendViewParsers`) that the page's hook, the reader and the writer below all use:
//   hunt=<id>  range=<whole days, 2d to 180d; 7d 14d 30d 90d 180d offered>  exclude=admin-scripts,veeam-backup
// Defaults are left out of the URL; anything unrecognised is ignored rather than trusted.
import { createLoader, createParser, createSerializer } from 'nuqs';
import { parseAsExclusionIds, parseAsHuntId } from '@/components/url-state/parsers';
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

/** A range as written, if the API accepts it (the server's own grammar, lib/trends/trend-request.ts). */
function parseRange(text: string): RangeChoice | null {
  const range = text.trim();
  return rangeSchema.safeParse(range).success ? range : null;
}

/** The Trends view's URL state: each param's parser and default. */
export const trendViewParsers = {
  hunt: parseAsHuntId,
  range: createParser({ parse: parseRange, serialize: (range: RangeChoice) => range }).withDefault(
    DEFAULT_RANGE,
  ),
  exclude: parseAsExclusionIds,
};

const loadTrendViewParams = createLoader(trendViewParsers);
const serializeTrendViewParams = createSerializer(trendViewParsers);

/** Days in a range: "30d" → 30; an invalid range counts as the default. */
export function rangeDays(range: RangeChoice): number {
  const days = rangeSchema.safeParse(range);
  return days.success ? days.data : rangeDays(DEFAULT_RANGE);
}

export function parseTrendViewParams(params: URLSearchParams | string): TrendViewParams {
  return loadTrendViewParams(params);
}

/** Applies a change to the current query string (`?a=1` or empty), dropping defaults; other params survive. */
export function writeTrendViewParams(current: string, patch: Partial<TrendViewParams>): string {
  return serializeTrendViewParams(current.startsWith('?') ? current : `?${current}`, patch);
}
