// impactOf against the figures' definitions (exclusion-impact.ts), worked out event by event on random
// events, rules and switches: the grouped query must give exactly what per-rule countifs over all others gave.
import { describe, expect, it } from 'vitest';
import { matchColumn } from '@/lib/kql/compose';
import type { Cell, QueryResult } from '@/lib/sources/types';
import { impactOf, type MeasuredExclusion } from './exclusion-impact';
import type { ExclusionImpact } from './hunt-run';

type Match = boolean | null;
interface Event {
  device: string;
  matches: Match[];
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The definitions, read literally: `countif(r and not(any of O))`, `countif(r or any of O)`, Kusto's logic. */
function expected(events: readonly Event[], enabled: readonly boolean[]): ExclusionImpact[] {
  const or = (a: Match, b: Match): Match =>
    a === true || b === true ? true : a === null || b === null ? null : false;
  const and = (a: Match, b: Match): Match =>
    a === false || b === false ? false : a === null || b === null ? null : true;
  const not = (a: Match): Match => (a === null ? null : !a);
  return enabled.map((_, r) => {
    const devices = new Map<string, { total: number; removed: number; covered: number }>();
    for (const e of events) {
      let others: Match = false;
      e.matches.forEach((m, j) => {
        if (j !== r && enabled[j]) others = or(others, m);
      });
      const own = e.matches[r] ?? false;
      const d = devices.get(e.device) ?? { total: 0, removed: 0, covered: 0 };
      d.total += 1;
      if (and(own, not(others)) === true) d.removed += 1;
      if (or(own, others) === true) d.covered += 1;
      devices.set(e.device, d);
    }
    const impact = { events: 0, devices: 0, devicesGone: 0 };
    for (const d of devices.values()) {
      impact.events += d.removed;
      if (d.removed > 0) impact.devices += 1;
      if (d.removed > 0 && d.covered === d.total) impact.devicesGone += 1;
    }
    return impact;
  });
}

/** What the source returns for the grouped query: one row per device and combination of matches. */
function grouped(events: readonly Event[], rules: number): QueryResult {
  const groups = new Map<string, Record<string, Cell>>();
  for (const e of events) {
    const key = JSON.stringify([e.device, e.matches]);
    const row = groups.get(key) ?? {
      DeviceId: e.device,
      Events: 0,
      ...Object.fromEntries(e.matches.map((m, i) => [matchColumn(i), m])),
    };
    row.Events = (row.Events as number) + 1;
    groups.set(key, row);
  }
  return {
    columns: [
      { name: 'DeviceId', type: 'string' },
      ...Array.from({ length: rules }, (_, i) => ({ name: matchColumn(i), type: 'bool' })),
      { name: 'Events', type: 'long' },
    ],
    rows: [...groups.values()],
    truncated: false,
  };
}

describe('impactOf', () => {
  it('gives exactly the defined figures for random events, rules and switches, nulls included', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const rules = 1 + Math.floor(next() * 6);
      const events: Event[] = Array.from({ length: Math.floor(next() * 40) }, () => ({
        device: `d${Math.floor(next() * 5)}`,
        matches: Array.from({ length: rules }, () => {
          const x = next();
          return x < 0.05 ? null : x < 0.35;
        }),
      }));
      const enabled = Array.from({ length: rules }, () => next() < 0.5);
      const measured: MeasuredExclusion[] = enabled.map((_, i) => ({ id: `r${i}`, predicate: 'x' }));
      const on = new Set(measured.filter((_, i) => enabled[i]).map((r) => r.id));
      expect(impactOf(measured, on, grouped(events, rules)), `seed ${seed}`).toEqual(
        expected(events, enabled),
      );
    }
  });

  it('refuses rows without the columns it needs', () => {
    const rules = [{ id: 'a', predicate: 'x' }];
    const result = (row: Record<string, Cell>): QueryResult => ({
      columns: [],
      rows: [row],
      truncated: false,
    });
    expect(() => impactOf(rules, new Set(), result({ DeviceId: 'd', Events: 1 }))).toThrow(/Match_0/);
    expect(() => impactOf(rules, new Set(), result({ DeviceId: 'd', Match_0: true }))).toThrow(/Events/);
  });
});
