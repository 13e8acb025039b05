// The largest number of custom exclusions a hunt may have (500) still composes into queries that Kusto's
// parser accepts and the embedded engine translates: the wheres stay within the parser's depth limit.
import { describe, expect, test } from 'vitest';
import { composeImpact } from '@/lib/hunts/exclusion-impact';
import { composeHunt, EXCLUSIONS_PER_WHERE } from './compose';
import { kqlString } from './literal';
import { SEED_QUERY } from './test-support';
import { translateKql } from './translate';

const NOW = new Date('2026-11-01T12:00:00Z');
const predicates = Array.from({ length: 500 }, (_, i) =>
  i % 2 ? `ProcessCommandLine has ${kqlString(`job-${i}`)}` : `FolderPath =~ ${kqlString(`C:\\tools\\${i}`)}`,
);

describe('composing 500 exclusions', () => {
  test('spreads them over wheres of at most EXCLUSIONS_PER_WHERE, in order, and the result translates', () => {
    const composed = composeHunt(SEED_QUERY, { exclusions: predicates });
    const wheres = composed.events.split('\n| where not(').slice(1);
    expect(wheres).toHaveLength(Math.ceil(500 / EXCLUSIONS_PER_WHERE));
    expect(wheres.map((w) => w.split('\n    and ').length)).toEqual(wheres.map(() => EXCLUSIONS_PER_WHERE));
    // Every exclusion once, in the order given.
    const order = [...composed.events.matchAll(/not\(([^\n]*)\)/g)].map((m) => m[1]);
    expect(order).toEqual(predicates);
    expect(() => translateKql(composed.devices, { now: NOW })).not.toThrow();
    expect(() => translateKql(composed.timeline, { now: NOW })).not.toThrow();
  });

  test('the impact query measuring all of them translates too', () => {
    const kql = composeImpact(SEED_QUERY, {
      rules: predicates.map((predicate, i) => ({ id: `c${i}`, predicate })),
    });
    expect(() => translateKql(kql, { now: NOW })).not.toThrow();
  });
});
