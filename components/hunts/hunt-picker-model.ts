// What the hunt picker lists: hunts grouped by tool, filtered by what the analyst typed, and where the active
// option goes on each navigation key. Pure, so the picker's behaviour with hundreds of hunts is tested here.
import type { HuntSummary } from '@/lib/hunts/hunt-run';
import { findTable } from '@/lib/tables/registry';

/** The group of hunts whose catalog file names no tool. */
export const NO_TOOL = 'Other hunts';

export interface HuntGroup {
  tool: string;
  hunts: HuntSummary[];
}

/** A table's short name for people ("process", "network", "file signer"); the table name if unknown. */
export function tableLabel(name: string): string {
  return findTable(name)?.label ?? name;
}

/** Everything a search term may match: name, tool, tables (by name and label), techniques, tactics. */
function haystack(hunt: HuntSummary): string {
  return [
    hunt.name,
    hunt.tool ?? '',
    ...hunt.tables,
    ...hunt.tables.map(tableLabel),
    ...hunt.techniques,
    ...hunt.tactics,
  ]
    .join('\n')
    .toLowerCase();
}

/** The query's terms: every one must occur in a hunt for it to match ("anydesk network"). */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesHunt(hunt: HuntSummary, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const text = haystack(hunt);
  return terms.every((term) => text.includes(term));
}

const TABLE_ORDER = new Map(
  ['DeviceProcessEvents', 'DeviceNetworkEvents', 'DeviceFileCertificateInfo'].map((name, i) => [name, i]),
);
const tableRank = (hunt: HuntSummary) => TABLE_ORDER.get(hunt.tables[0] ?? '') ?? TABLE_ORDER.size;
const byText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });

/**
 * The hunts that match `query`, grouped by tool in alphabetical order (hunts without a tool last); inside a
 * group, process hunts before network before signer, then by name.
 */
export function groupHunts(hunts: readonly HuntSummary[], query = ''): HuntGroup[] {
  const terms = searchTerms(query);
  const groups = new Map<string, HuntSummary[]>();
  for (const hunt of hunts) {
    if (!matchesHunt(hunt, terms)) continue;
    const tool = hunt.tool?.trim() || NO_TOOL;
    const group = groups.get(tool);
    if (group) group.push(hunt);
    else groups.set(tool, [hunt]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === NO_TOOL ? 1 : b === NO_TOOL ? -1 : byText(a, b)))
    .map(([tool, members]) => ({
      tool,
      hunts: members.sort((a, b) => tableRank(a) - tableRank(b) || byText(a.name, b.name)),
    }));
}

/** The options in the order the list shows them. */
export function flattenGroups(groups: readonly HuntGroup[]): HuntSummary[] {
  return groups.flatMap((group) => group.hunts);
}

export type NavigationKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';

/** How many options PageDown and PageUp move. */
export const PAGE_SIZE = 10;

export function isNavigationKey(key: string): key is NavigationKey {
  return ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(key);
}

/**
 * The index of the option that becomes active after `key`, from `active` (-1: none) in a list of `count`
 * options; the arrows stop at the ends rather than wrap, so holding a key never jumps back to the top.
 * -1 when the list is empty.
 */
export function moveActive(active: number, count: number, key: NavigationKey): number {
  if (count === 0) return -1;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return active < 0 ? 0 : Math.min(active + 1, last);
    case 'ArrowUp':
      return active < 0 ? last : Math.max(active - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return active < 0 ? Math.min(PAGE_SIZE - 1, last) : Math.min(active + PAGE_SIZE, last);
    case 'PageUp':
      return active < 0 ? 0 : Math.max(active - PAGE_SIZE, 0);
  }
}
