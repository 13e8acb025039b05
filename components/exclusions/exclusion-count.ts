// How many exclusions shape the results on screen: the hunt's rules switched on in the URL and the triagers'
// custom exclusions in effect (switched on and not expired), which every run and every trend applies.

/** Custom exclusions the server applies now: on, and not past their expiry. */
export function customInEffect<T extends { enabled: boolean; expired: boolean }>(items: readonly T[]): T[] {
  return items.filter((item) => item.enabled && !item.expired);
}

/** The sidebar's "N active": rules switched on (of those the hunt defines, once known) plus custom ones. */
export function activeExclusionCount({
  ruleIds,
  selected,
  customActive,
}: {
  /** The hunt's rule ids; null before the first result. */
  ruleIds: readonly string[] | null;
  selected: readonly string[];
  customActive: number;
}): number {
  const known = ruleIds ? new Set(ruleIds) : null;
  const rules = known ? selected.filter((id) => known.has(id)).length : selected.length;
  return rules + customActive;
}
