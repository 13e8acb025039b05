// What each exclusion rule does to the current window, measured in one query for all rules: per device, the
// hunt's events (window applied, no exclusions) counted with one pair of countifs per rule.
//
// For a rule r, let O be the enabled rules other than r. Then:
// - events: events in the window that r matches and no rule of O matches: what toggling r removes (or, when
//   r is enabled, what it currently hides and would bring back).
// - devices: devices with at least one such event: the rows whose Count changes when r is toggled.
// - devicesGone: devices whose every event is matched by r or by a rule of O, at least one of them by r
//   alone: the rows that leave the table when r is switched on (or come back when it is switched off).
// With no other rule enabled, these are exactly what enabling r alone removes from the unfiltered hunt.
import type { DeviceCount } from '@/lib/kql/compose';
import type { Cell, QueryResult } from '@/lib/sources/types';
import type { ExclusionImpact } from './hunt-run';

const anyOf = (predicates: readonly string[]) => predicates.map((p) => `(${p})`).join(' or ');

const removedColumn = (i: number) => `Removed_${i}`;
const coveredColumn = (i: number) => `Covered_${i}`;

/** The countif columns of the impact query: per rule, its marginal matches and its union with the others. */
/** Anything that excludes by predicate: a hunt's named rule or a triager's custom exclusion. */
export interface MeasuredExclusion {
  id: string;
  predicate: string;
}

export function impactCounts(
  rules: readonly MeasuredExclusion[],
  enabled: ReadonlySet<string>,
): DeviceCount[] {
  return rules.flatMap((rule, i) => {
    const others = rules.filter((r) => r !== rule && enabled.has(r.id)).map((r) => r.predicate);
    const own = `(${rule.predicate})`;
    return [
      { name: removedColumn(i), predicate: others.length ? `${own} and not(${anyOf(others)})` : own },
      { name: coveredColumn(i), predicate: others.length ? `${own} or ${anyOf(others)}` : own },
    ];
  });
}

function count(row: Record<string, Cell>, name: string): number {
  const v = row[name];
  if (typeof v !== 'number' && typeof v !== 'bigint')
    throw new Error(`The impact query returned no '${name}'.`);
  return Number(v);
}

/** Folds the per-device rows of the impact query into one figure set per rule, in the rules' order. */
export function impactOf(rules: readonly MeasuredExclusion[], result: QueryResult): ExclusionImpact[] {
  return rules.map((_, i) => {
    const impact: ExclusionImpact = { events: 0, devices: 0, devicesGone: 0 };
    for (const row of result.rows) {
      const total = count(row, 'Total');
      const removed = count(row, removedColumn(i));
      impact.events += removed;
      if (removed > 0) impact.devices += 1;
      if (removed > 0 && count(row, coveredColumn(i)) === total) impact.devicesGone += 1;
    }
    return impact;
  });
}
