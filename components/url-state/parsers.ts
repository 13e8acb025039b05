// The URL parsers every page shares, so a hunt, a window, a set of exclusion rules, a table's sort and its
// filter text read the same in each page's address and exactly as the API reads them: the window through the
// one lookback grammar (lib/hunts/lookback.ts), the rule ids through the API's own pattern
// (lib/hunts/run-request.ts). A value the API would refuse parses to null, so the page falls back to its
// default instead of running it.
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

/**
 * A comma-separated list, read and written through `normalize` (which drops what it does not know); two lists
 * are the same when they normalize alike, unless `eq` says otherwise.
 */
export function parseAsList<T extends string>(
  normalize: (values: readonly string[]) => T[],
  eq: (a: T[], b: T[]) => boolean = (a, b) => normalize(a).join(',') === normalize(b).join(','),
) {
  return createParser({
    parse: (text) => normalize(text.split(',')),
    serialize: (values: T[]) => normalize(values).join(','),
    eq,
  });
}

/** `?exclude=admin-scripts,veeam-backup`: the hunt's exclusion rules switched on; absent: none. */
export const parseAsExclusionIds = parseAsList(normalizeExclude).withDefault([]);

/** A table's sort: one column and its direction. */
export interface ColumnSort<Id extends string> {
  id: Id;
  desc: boolean;
}

/**
 * `?sort=lastSeen.desc`: a column the table sorts by (one of `columns`, or an id `columns` accepts), ascending
 * or descending; any other column is no sort.
 */
export function parseAsSort<Id extends string>(columns: readonly Id[] | ((id: string) => id is Id)) {
  const isColumn =
    typeof columns === 'function'
      ? columns
      : (id: string): id is Id => (columns as readonly string[]).includes(id);
  return createParser({
    parse: (text): ColumnSort<Id> | null => {
      const match = /^(.+)\.(asc|desc)$/.exec(text);
      const id = match?.[1];
      return id !== undefined && isColumn(id) ? { id, desc: match?.[2] === 'desc' } : null;
    },
    serialize: (sort: ColumnSort<Id>) => `${sort.id}.${sort.desc ? 'desc' : 'asc'}`,
    eq: (a, b) => a.id === b.id && a.desc === b.desc,
  });
}

/**
 * The longest filter text kept: enough for any host name or id, and far below the URL length a server
 * refuses (a 20,000-character filter made the address itself fail with 431).
 */
export const MAX_FILTER_LENGTH = 200;

/** Filter text as the page keeps it: cut to MAX_FILTER_LENGTH characters. */
export function clampFilter(text: string): string {
  return text.length > MAX_FILTER_LENGTH ? text.slice(0, MAX_FILTER_LENGTH) : text;
}

/** `?q=<filter text>`, cut to MAX_FILTER_LENGTH; absent: no filter. */
export const parseAsFilterText = createParser({ parse: clampFilter, serialize: clampFilter }).withDefault('');
