// What each exclusion rule does to the current window, measured in one query for all rules: the hunt's events
// (window applied, no exclusions) counted per device and per combination of rules they match.
//
// For a rule r, let O be the enabled rules other than r. Then:
// - events: events in the window that r matches and no rule of O matches: what toggling r removes (or, when
//   r is enabled, what it currently hides and would bring back).
// - devices: devices with at least one such event: the rows whose Count changes when r is toggled.
// - devicesGone: devices whose every event is matched by r or by a rule of O, at least one of them by r
//   alone: the rows that leave the table when r is switched on (or come back when it is switched off).
// With no other rule enabled, these are exactly what enabling r alone removes from the unfiltered hunt.
//
// The query names each rule's predicate once (`by DeviceId, Match_0=(p0), Match_1=(p1), …`), so its text
// and its cost grow linearly with the rules; the figures above, which compare every rule with every other,
// are worked out here from the few rows per device it returns.
import { composeMatchGroups, matchColumn } from '@/lib/kql/compose';
import type { Cell, QueryResult } from '@/lib/sources/types';
import type { ExclusionImpact } from './hunt-run';

/** Anything that excludes by predicate: a hunt's named rule or a triager's custom exclusion. */
export interface MeasuredExclusion {
  id: string;
  predicate: string;
}

/** The one query that measures every rule: the hunt's window grouped by device and by the rules matched. */
export function composeImpact(
  huntKql: string,
  {
    lookbackMs,
    rules,
    perDay = false,
  }: {
    lookbackMs?: number;
    rules: readonly MeasuredExclusion[];
    /** Also by UTC day: impactOf over the rows of some days gives the figures of a window of those days. */
    perDay?: boolean;
  },
): string {
  return composeMatchGroups(huntKql, { lookbackMs, predicates: rules.map((r) => r.predicate), perDay });
}

function count(row: Record<string, Cell>, name: string): number {
  const v = row[name];
  if (typeof v !== 'number' && typeof v !== 'bigint')
    throw new Error(`The impact query returned no '${name}'.`);
  return Number(v);
}

/** A Kusto bool as sources return it; a null predicate (possible outside strings) is neither true nor false. */
function truth(row: Record<string, Cell>, name: string): boolean | null {
  if (!(name in row)) throw new Error(`The impact query returned no '${name}'.`);
  const v = row[name];
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw new Error(`The impact query's '${name}' is not a bool.`);
}

interface DeviceTally {
  total: number;
  /** Events some enabled rule matches. */
  coveredByEnabled: number;
  /** Per rule: its events that no other enabled rule may hide. */
  removed: Map<number, number>;
  /** Per rule: its events that no enabled rule matches (they make the difference between covered and not). */
  onlyOwn: Map<number, number>;
}

const add = (map: Map<number, number>, key: number, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * Folds the impact query's rows into one figure set per rule, in the rules' order. Reads each row once and
 * touches only the rules it matches, so the work grows with rows times rules, never rules squared.
 *
 * Null matches keep countif's and where's meanings: `countif(p)` counts only true, and `where not(p)` hides
 * a row whose p is null, so an enabled rule hides its null rows but never counts them as its own.
 */
export function impactOf(
  rules: readonly MeasuredExclusion[],
  enabled: ReadonlySet<string>,
  result: QueryResult,
): ExclusionImpact[] {
  const isEnabled = rules.map((r) => enabled.has(r.id));
  const columns = rules.map((_, i) => matchColumn(i));
  const devices = new Map<string, DeviceTally>();
  for (const row of result.rows) {
    const events = count(row, 'Events');
    const deviceId = String(row.DeviceId ?? '');
    let tally = devices.get(deviceId);
    if (!tally) {
      tally = { total: 0, coveredByEnabled: 0, removed: new Map(), onlyOwn: new Map() };
      devices.set(deviceId, tally);
    }
    tally.total += events;
    const matched: number[] = [];
    let enabledTrue = 0;
    let enabledHiding = 0; // true or null: rows `where not(p)` drops
    for (let i = 0; i < columns.length; i++) {
      const m = truth(row, columns[i] as string);
      if (m === true) matched.push(i);
      if (isEnabled[i] && m !== false) {
        enabledHiding++;
        if (m === true) enabledTrue++;
      }
    }
    if (enabledTrue > 0) tally.coveredByEnabled += events;
    for (const i of matched) {
      // r itself is among the enabled hiders exactly when it is enabled (it matched, so it is not false).
      const othersHiding = enabledHiding - (isEnabled[i] ? 1 : 0);
      if (othersHiding === 0) add(tally.removed, i, events);
      if (enabledTrue === 0) add(tally.onlyOwn, i, events);
    }
  }
  const impacts = rules.map((): ExclusionImpact => ({ events: 0, devices: 0, devicesGone: 0 }));
  for (const tally of devices.values()) {
    for (const [i, removed] of tally.removed) {
      const impact = impacts[i] as ExclusionImpact;
      impact.events += removed;
      impact.devices += 1;
      // Covered by r or by O: every event some enabled rule matches, plus r's own that none does.
      if (tally.coveredByEnabled + (tally.onlyOwn.get(i) ?? 0) === tally.total) impact.devicesGone += 1;
    }
  }
  return impacts;
}
