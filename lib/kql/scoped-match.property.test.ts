// Property test: conditions scoped by one column (`Name == 'v' and …`, as exclusions scoped to a device are),
// merged into one test in a where and packed into one list in a summarize, keep Kusto's answers, NULLs included.
import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import type { ColumnDef } from '@/lib/tables/types';
import { kqlString } from './literal';
import { createTable, openDatabase, runKql, runKqlIds } from './test-support';
import { translateKql } from './translate';

const columns: readonly ColumnDef[] = [
  { name: 'Id', type: 'long' },
  { name: 'Name', type: 'string' },
  { name: 'Path', type: 'string' },
];
const tables = { E: columns };
// Few names, so that rows and conditions meet; JS and DuckDB fold this alphabet alike.
const name = fc.constantFrom('d1', 'd2', 'D1', 'd3', '', 'x');
const path = fc.string({ unit: fc.constantFrom('a', 'B', '\\', ':', 'é'), maxLength: 6 });

interface Scoped {
  readonly value: string;
  readonly op: 'startswith' | 'contains' | '==';
  readonly needle: string;
}
const scoped: fc.Arbitrary<Scoped> = fc.record({
  value: name.filter((v) => v !== ''),
  op: fc.constantFrom('startswith' as const, 'contains' as const, '==' as const),
  needle: fc.string({ unit: fc.constantFrom('a', 'b', '\\', ':'), maxLength: 3 }),
});

const scopedKql = (s: Scoped) => `(Name == ${kqlString(s.value)} and (Path ${s.op} ${kqlString(s.needle)}))`;

function holds(s: Scoped, row: { Name: string | null; Path: string | null }): boolean {
  // A NULL string is '' in Kusto.
  const n = row.Name ?? '';
  const p = row.Path ?? '';
  if (n !== s.value) return false;
  if (s.op === 'startswith') return p.toLowerCase().startsWith(s.needle.toLowerCase());
  if (s.op === 'contains') return p.toLowerCase().includes(s.needle.toLowerCase());
  return p === s.needle;
}

const rows = fc.array(
  fc.record({ Name: fc.option(name, { nil: null, freq: 5 }), Path: fc.option(path, { nil: null, freq: 5 }) }),
  { minLength: 1, maxLength: 25 },
);

let db: DuckDBConnection;
beforeAll(async () => {
  db = await openDatabase();
});

const load = (data: readonly { Name: string | null; Path: string | null }[]) =>
  createTable(
    db,
    'E',
    columns,
    data.map((r, i) => ({ Id: i, ...r })),
  );

test('many not()-ed conditions scoped by one column keep the rows that pass each of them', async () => {
  await fc.assert(
    fc.asyncProperty(rows, fc.array(scoped, { minLength: 1, maxLength: 12 }), async (data, conditions) => {
      await load(data);
      const kql = `E | where ${conditions.map((c) => `not(${scopedKql(c)})`).join(' and ')} | project Id`;
      const expected = data.flatMap((row, i) => (conditions.some((c) => holds(c, row)) ? [] : [i]));
      expect(await runKqlIds(db, kql, tables, new Date(0)), kql).toEqual(expected);
    }),
    { numRuns: 150 },
  );
}, 600_000);

test('many group keys scoped by one column, packed into one list, are the keys one by one', async () => {
  await fc.assert(
    fc.asyncProperty(rows, fc.array(scoped, { minLength: 8, maxLength: 14 }), async (data, keys) => {
      await load(data);
      const kql = `E | summarize N=count() by Id, ${keys.map((k, i) => `K${i}=${scopedKql(k)}`).join(', ')}`;
      const expected = data.map((row, i) => ({
        Id: i,
        ...Object.fromEntries(keys.map((k, j) => [`K${j}`, holds(k, row)])),
        N: 1,
      }));
      const got = await runKql(db, kql, tables, new Date(0));
      expect(
        got.sort((a, b) => (a.Id as number) - (b.Id as number)),
        kql,
      ).toEqual(expected);
    }),
    { numRuns: 120 },
  );
}, 600_000);

test('scoped conditions are one test of the column in a where and one group column in a summarize', () => {
  const conditions = Array.from(
    { length: 30 },
    (_, i) => `(Name == 'd${i}' and (Path startswith 'c:\\\\v${i}\\\\'))`,
  );
  const where = translateKql(`E | where ${conditions.map((c) => `not(${c})`).join(' and ')}`, {
    now: new Date(0),
    tables,
  });
  // One regex gate for all 30 names instead of 30 comparisons, and each condition once.
  expect(where.match(/"Name" = /g) ?? []).toHaveLength(0);
  expect(where.match(/regexp_full_match\("Name"/g) ?? []).toHaveLength(1);
  expect(where.match(/starts_with/g) ?? []).toHaveLength(30);
  const summarize = translateKql(
    `E | summarize N=count() by Id, ${conditions.map((c, i) => `K${i}=${c}`).join(', ')}`,
    { now: new Date(0), tables },
  );
  expect(summarize).toContain('__kql_hits_0');
  expect(summarize.match(/GROUP BY [0-9, ]+/)?.[0]).toBe('GROUP BY 1, 2');
});
