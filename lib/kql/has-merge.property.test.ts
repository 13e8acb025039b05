// Property test: chains of and/or whose has tests the translator merges into one regex per subject return the
// same rows as the reference rules of docs/kql.md and as the same tests applied one `where` at a time.
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
// JS toLowerCase and DuckDB lower() agree on this alphabet, so the reference can fold with JS.
const text = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', '1', ' ', '-', '.', '\\', 'é', 'É'), maxLength });

const isTerm = (ch: string | undefined) => ch !== undefined && /^[\p{L}\p{N}]$/u.test(ch);

function has(subject: string, needle: string, caseSensitive: boolean): boolean {
  const s = caseSensitive ? subject : subject.toLowerCase();
  const n = caseSensitive ? needle : needle.toLowerCase();
  const start = isTerm(n[0]);
  const end = isTerm(n[n.length - 1]);
  for (let i = s.indexOf(n); i >= 0; i = s.indexOf(n, i + 1)) {
    const before = i === 0 || !start || !isTerm(s[i - 1]);
    const after = i + n.length === s.length || !end || !isTerm(s[i + n.length]);
    if (before && after) return true;
  }
  return false;
}

const OPERATORS = ['has', 'has_cs', 'has_any', '!has', 'contains', '=~', 'startswith', 'in~'] as const;
type Operator = (typeof OPERATORS)[number];

const REFERENCE: Record<Operator, (s: string, needles: readonly string[]) => boolean> = {
  has: (s, [n = '']) => has(s, n, false),
  has_cs: (s, [n = '']) => has(s, n, true),
  has_any: (s, ns) => ns.some((n) => has(s, n, false)),
  '!has': (s, [n = '']) => !has(s, n, false),
  contains: (s, [n = '']) => s.toLowerCase().includes(n.toLowerCase()),
  '=~': (s, [n = '']) => s.toLowerCase() === n.toLowerCase(),
  startswith: (s, [n = '']) => s.toLowerCase().startsWith(n.toLowerCase()),
  'in~': (s, ns) => ns.some((n) => n.toLowerCase() === s.toLowerCase()),
};

interface Term {
  readonly field: 'Name' | 'Path';
  readonly op: Operator;
  readonly needles: readonly string[];
  readonly negated: boolean;
}

const term: fc.Arbitrary<Term> = fc.record({
  field: fc.constantFrom('Name' as const, 'Path' as const),
  // Mostly has tests, so that merging happens in most chains.
  op: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<Operator>('has', 'has_any', 'has_cs') },
    { weight: 2, arbitrary: fc.constantFrom<Operator>(...OPERATORS) },
  ),
  needles: fc.array(text(4), { minLength: 1, maxLength: 4 }),
  negated: fc.boolean(),
});

function termKql(t: Term): string {
  const list = t.op === 'has_any' || t.op === 'in~';
  const right = list ? `(${t.needles.map(kqlString).join(', ')})` : kqlString(t.needles[0] ?? '');
  const test = `${t.field} ${t.op} ${right}`;
  return t.negated ? `not(${test})` : test;
}

function termHolds(t: Term, row: { Name: string | null; Path: string | null }): boolean {
  const needles = t.op === 'has_any' || t.op === 'in~' ? t.needles : t.needles.slice(0, 1);
  const v = REFERENCE[t.op](row[t.field] ?? '', needles);
  return t.negated ? !v : v;
}

const cell = fc.option(text(10), { nil: null, freq: 5 });

let db: DuckDBConnection;
beforeAll(async () => {
  db = await openDatabase();
});

test('merged has tests in and/or chains keep the rows of the unmerged tests, NULLs and case included', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ Name: cell, Path: cell }), { minLength: 1, maxLength: 20 }),
      fc.array(term, { minLength: 2, maxLength: 7 }),
      fc.constantFrom('and' as const, 'or' as const),
      async (rows, terms, kind) => {
        await createTable(
          db,
          'E',
          columns,
          rows.map((r, i) => ({ Id: i, ...r })),
        );
        const ids = (kql: string) => runKqlIds(db, kql, tables, new Date(0));
        const chain = `E | where ${terms.map(termKql).join(`\n ${kind} `)} | project Id`;
        const expected = rows.flatMap((row, i) =>
          (kind === 'and' ? terms.every((t) => termHolds(t, row)) : terms.some((t) => termHolds(t, row)))
            ? [i]
            : [],
        );
        expect(await ids(chain), chain).toEqual(expected);
        if (kind === 'and') {
          // One where per test: nothing to merge across stages.
          const staged = `E ${terms.map((t) => `| where ${termKql(t)}`).join(' ')} | project Id`;
          expect(await ids(staged), staged).toEqual(expected);
        }
      },
    ),
    { numRuns: 150 },
  );
}, 600_000);

/**
 * Regexes DuckDB compiles in every query (at bind time and again on each thread): patterns that depend on the
 * row (`|| left(…, 0)`) are compiled only for the rare rows that reach them, so they do not count.
 */
const compiledRegexes = (sql: string) =>
  (sql.match(/regexp_(matches|replace|full_match)\(/g)?.length ?? 0) -
  (sql.match(/\|\| left\(/g)?.length ?? 0);

/** The constant patterns of the regexes in `sql`. */
const patterns = (sql: string) =>
  [...sql.matchAll(/regexp_(?:matches|replace|full_match)\((?:[^()']|\([^()]*\))*, '((?:[^']|'')*)'/g)].map(
    (m) => m[1] ?? '',
  );

test('has exclusions on one field compile a few short regexes however many they are and however many wheres hold them', () => {
  const chain = (n: number, perWhere: number) => {
    const values = Array.from({ length: n }, (_, i) => `task-${i}.ps1`);
    const wheres: string[] = [];
    for (let i = 0; i < n; i += perWhere)
      wheres.push(
        `| where ${values
          .slice(i, i + perWhere)
          .map((v) => `not(Name has ${kqlString(v)})`)
          .join('\n and ')}`,
      );
    return translateKql(`E ${wheres.join('\n')}`, { now: new Date(0), tables });
  };
  const few = compiledRegexes(chain(3, 3));
  expect(few).toBeLessThanOrEqual(2);
  for (const sql of [chain(300, 300), chain(300, 50)]) {
    expect(compiledRegexes(sql)).toBe(few);
    // The needles reach no pattern: a pattern's cost grows with its text, and each query compiles it anew.
    for (const pattern of patterns(sql)) expect(pattern).not.toContain('ps1');
  }
});

/** A tree of and/or/not over terms, as KQL, and what it holds for a row. */
type Tree = { term: Term } | { op: 'and' | 'or'; left: Tree; right: Tree } | { not: Tree };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((t) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ term }),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), left: t('tree'), right: t('tree') }),
    fc.record({ not: t('tree') }),
  ),
})).tree;

function treeKql(t: Tree): string {
  if ('term' in t) return termKql(t.term);
  if ('not' in t) return `not(${treeKql(t.not)})`;
  return `(${treeKql(t.left)} ${t.op} ${treeKql(t.right)})`;
}

function treeHolds(t: Tree, row: { Name: string | null; Path: string | null }): boolean {
  if ('term' in t) return termHolds(t.term, row);
  if ('not' in t) return !treeHolds(t.not, row);
  return t.op === 'and'
    ? treeHolds(t.left, row) && treeHolds(t.right, row)
    : treeHolds(t.left, row) || treeHolds(t.right, row);
}

test('not() of and/or trees keeps the rows Kusto keeps, NULLs included', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ Name: cell, Path: cell }), { minLength: 1, maxLength: 20 }),
      fc.array(tree, { minLength: 1, maxLength: 3 }),
      async (rows, trees) => {
        await createTable(
          db,
          'E',
          columns,
          rows.map((r, i) => ({ Id: i, ...r })),
        );
        const kql = `E | where ${trees.map((t) => `not(${treeKql(t)})`).join(' and ')} | project Id`;
        const expected = rows.flatMap((row, i) => (trees.every((t) => !treeHolds(t, row)) ? [i] : []));
        expect(await runKqlIds(db, kql, tables, new Date(0)), kql).toEqual(expected);
      },
    ),
    { numRuns: 150 },
  );
}, 600_000);

test('an exclusion scoped to a device tests its condition only after the device: not(a and b) is not(a) or not(b)', () => {
  const sql = translateKql(`E | where not(Name == 'd1' and (Path startswith 'c:\\\\x\\\\'))`, {
    now: new Date(0),
    tables,
  });
  expect(sql).toContain(
    `(("Name" = 'd1') IS NOT TRUE) OR (starts_with(lower("Path"), 'c:\\x\\') IS NOT TRUE)`,
  );
});

// Group keys from an ASCII alphabet (so that most can be packed) plus a few others that cannot.
const keyText = (maxLength: number) =>
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', '-', '.'), maxLength }),
      fc.constantFrom('a', 'b', 'A', '1', 'ab', 'B1'),
      fc.string({ unit: fc.constantFrom('a', 'b', 'A', '1', ' ', '-', '.'), maxLength }),
    )
    .map((parts) => parts.join(''));
const hasKey = fc.record({
  field: fc.oneof(
    { weight: 6, arbitrary: fc.constant('Name' as const) },
    { weight: 1, arbitrary: fc.constant('Path' as const) },
  ),
  op: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<Operator>('has', 'has_any') },
    { weight: 1, arbitrary: fc.constant<Operator>('has_cs') },
  ),
  needles: fc.array(fc.oneof({ weight: 40, arbitrary: keyText(3) }, { weight: 1, arbitrary: text(3) }), {
    minLength: 1,
    maxLength: 4,
  }),
  negated: fc.constant(false),
});

test('many has keys of a summarize, answered by one list per column, group rows as the keys one by one', async () => {
  let packed = 0;
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ Name: cell, Path: cell }), { minLength: 1, maxLength: 20 }),
      fc.array(hasKey, { minLength: 10, maxLength: 16 }),
      async (rows, keys) => {
        await createTable(
          db,
          'E',
          columns,
          rows.map((r, i) => ({ Id: i, ...r })),
        );
        const by = keys.map((k, i) => `K${i}=(${termKql(k)})`).join(', ');
        const kql = `E | summarize N=count() by Id, ${by}`;
        const got = await runKql(db, kql, tables, new Date(0));
        runs++;
        if (translateKql(kql, { now: new Date(0), tables }).includes('__kql_hits_')) packed++;
        const expected = rows.map((row, i) => ({
          Id: i,
          ...Object.fromEntries(keys.map((k, j) => [`K${j}`, termHolds(k, row)])),
          N: 1,
        }));
        expect(
          got.sort((a, b) => (a.Id as number) - (b.Id as number)),
          kql,
        ).toEqual(expected);
      },
    ),
    { numRuns: 120 },
  );
  // The lists answer most of these queries, or the property says little about them.
  expect(packed).toBeGreaterThan(runs / 3);
}, 600_000);

test('a summarize groups by one hits list per column once it has many has keys on it, and by the keys below that', () => {
  const keys = (n: number, field = 'Name') =>
    Array.from({ length: n }, (_, i) => `K${i}=(${field} has ${kqlString(`task-${i}.ps1`)})`).join(', ');
  const grouped = (sql: string) => sql.match(/GROUP BY [0-9, ]+/)?.[0].split(',').length ?? 0;
  const many = translateKql(`E | summarize N=count() by Id, ${keys(20)}`, { now: new Date(0), tables });
  expect(many).toContain('__kql_hits_0');
  expect(grouped(many)).toBe(2);
  const few = translateKql(`E | summarize N=count() by Id, ${keys(3)}`, { now: new Date(0), tables });
  expect(few).not.toContain('__kql_hits_');
  expect(grouped(few)).toBe(4);
  // A needle outside ASCII has no key term to gate on: that key stays a group column of its own.
  const mixed = translateKql(`E | summarize N=count() by Id, ${keys(10)}, Other=(Name has 'café')`, {
    now: new Date(0),
    tables,
  });
  expect(mixed).toContain('__kql_hits_0');
  expect(grouped(mixed)).toBe(3);
});

test('needles that share more than their key let only rows holding that text reach the check behind the gate', async () => {
  const values = Array.from({ length: 30 }, (_, i) => `maintenance-task-${i}.ps1`);
  const kql = `E | where ${values.map((v) => `not(Name has ${kqlString(v)})`).join(' and ')} | project Id`;
  const sql = translateKql(kql, { now: new Date(0), tables });
  expect(sql).toContain(`contains(lower("Name"), 'maintenance-task-')`);
  const names = [
    'run maintenance-task-7.ps1 now', // excluded
    'MAINTENANCE-TASK-29.PS1', // excluded: has is case-insensitive
    'maintenance window', // the key alone
    'maintenance-task-70.ps1', // the shared text, no needle
    'xmaintenance-task-7.ps1', // the needle inside a longer term
    null,
  ];
  await createTable(
    db,
    'E',
    columns,
    names.map((Name, i) => ({ Id: i, Name, Path: null })),
  );
  expect(await runKqlIds(db, kql, tables, new Date(0))).toEqual([2, 3, 4, 5]);
});
