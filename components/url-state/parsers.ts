// The URL parsers every page shares, so a hunt, a window and a set of exclusion rules read the same in each
// page's address and exactly as the API reads them: the window through the one lookback grammar
// (lib/hunts/lookback.ts), the rule ids through the API's own pattern (lib/hunts/run-request.ts). A value
// the API would refuse parses to null, so the page falls back to its default instead of running it.
import { createParser } from 'nuqs';
import { isValidLookback } from '@/lib/hunts/lookback';
import { EXCLUSION_ID_PATTERN } from '@/lib/hunts/run-request';

/** Longer than any id the API stores (it refuses ids over 200 characters). */
export const MAX_ID_LENGTH = 200;

/** An id from a link: trimmed; blank or longer than any stored id is no id. */
export function parseId(text: string): string | null {
  const id = text.trim();
  return id !== '' && id.length <= MAX_ID_LENGTH ? id : null;
}

/** `?hunt=<catalog id>`; null: the page's default hunt. */
export const parseAsHuntId = createParser({ parse: parseId, serialize: (id: string) => id });

/** `?lookback=5d`: a window the API would run a hunt with, trimmed; anything else is null. */
export function parseLookback(text: string): string | null {
  const lookback = text.trim();
  return isValidLookback(lookback) ? lookback : null;
}

export const parseAsLookback = createParser({ parse: parseLookback, serialize: (text: string) => text });

/** The shape the API accepts for a rule id (kebab case); anything else is dropped. */
export function isExclusionId(value: string): boolean {
  return EXCLUSION_ID_PATTERN.test(value);
}

/** Distinct, well-formed rule ids in a stable order, so the same set always reads the same. */
export function normalizeExclude(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()).filter(isExclusionId))].sort();
}

/** `?exclude=admin-scripts,veeam-backup`: the hunt's exclusion rules switched on; absent: none. */
export const parseAsExclusionIds = createParser({
  parse: (text) => normalizeExclude(text.split(',')),
  serialize: (ids: string[]) => normalizeExclude(ids).join(','),
  eq: (a, b) => normalizeExclude(a).join(',') === normalizeExclude(b).join(','),
}).withDefault([]);
