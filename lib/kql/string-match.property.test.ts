// Property test: the SQL for Kusto's string operators, run on DuckDB, agrees with a direct JS reading of the
// rules in docs/kql.md (terms are maximal runs of letters and digits; NULL acts as ''; ci = lower()).
import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import type { ColumnDef } from '@/lib/tables/types';
import { kqlString } from './literal';
import { createTable, openDatabase, runKql } from './test-support';

const columns: readonly ColumnDef[] = [
  { name: 'Id', type: 'long' },
  { name: 'Name', type: 'string' },
];
// JS toLowerCase and DuckDB lower() agree on this alphabet, so the reference can fold with JS.
const text = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', '1', ' ', '-', '_', '.', '(', 'é', 'É'), maxLength });

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

const REFERENCE: Record<string, (s: string, needles: string[]) => boolean> = {
  has: (s, [n = '']) => has(s, n, false),
  has_cs: (s, [n = '']) => has(s, n, true),
  '!has': (s, [n = '']) => !has(s, n, false),
  has_any: (s, ns) => ns.some((n) => has(s, n, false)),
  has_all: (s, ns) => ns.every((n) => has(s, n, false)),
  contains: (s, [n = '']) => s.toLowerCase().includes(n.toLowerCase()),
  '!contains_cs': (s, [n = '']) => !s.includes(n),
  startswith: (s, [n = '']) => s.toLowerCase().startsWith(n.toLowerCase()),
  endswith_cs: (s, [n = '']) => s.endsWith(n),
  '==': (s, [n = '']) => s === n,
  '=~': (s, [n = '']) => s.toLowerCase() === n.toLowerCase(),
  '!=': (s, [n = '']) => s !== n,
  in: (s, ns) => ns.includes(s),
  'in~': (s, ns) => ns.some((n) => n.toLowerCase() === s.toLowerCase()),
};

let db: DuckDBConnection;
beforeAll(async () => {
  db = await openDatabase();
});

test('string operators on DuckDB match the reference rules', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.option(text(10), { nil: null, freq: 6 }), { minLength: 1, maxLength: 25 }),
      fc.array(text(4), { minLength: 1, maxLength: 20 }),
      async (names, needles) => {
        await createTable(
          db,
          'E',
          columns,
          names.map((name, i) => ({ Id: i, Name: name })),
        );
        for (const [op, reference] of Object.entries(REFERENCE)) {
          const list = ['has_any', 'has_all', 'in', 'in~'].includes(op);
          const right = list ? `(${needles.map(kqlString).join(', ')})` : kqlString(needles[0] ?? '');
          const rows = await runKql(
            db,
            `E | where Name ${op} ${right} | project Id`,
            { E: columns },
            new Date(0),
          );
          const actual = rows.map((r) => r.Id as number).sort((a, b) => a - b);
          const expected = names.flatMap((name, i) =>
            reference(name ?? '', list ? needles : needles.slice(0, 1)) ? [i] : [],
          );
          expect(actual, `${op} ${right} on ${JSON.stringify(names)}`).toEqual(expected);
        }
      },
    ),
    { numRuns: 100 },
  );
}, 600_000);

const SUBQUERY_REFERENCE: Record<string, (s: string, needles: string[]) => boolean> = {
  'has_any (N)': (s, ns) => ns.some((n) => has(s, n, false)),
  'has_any ((N | project Value))': (s, ns) => ns.some((n) => has(s, n, false)),
  'in (N)': (s, ns) => ns.includes(s),
  '!in (N)': (s, ns) => !ns.includes(s),
  'in~ (N)': (s, ns) => ns.some((n) => n.toLowerCase() === s.toLowerCase()),
  '!in~ (N)': (s, ns) => !ns.some((n) => n.toLowerCase() === s.toLowerCase()),
};

test('in, in~, !in, !in~ and has_any over a table mean what they mean over a constant list', async () => {
  const needleColumns: readonly ColumnDef[] = [{ name: 'Value', type: 'string' }];
  const tables = { E: columns, N: needleColumns };
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.option(text(10), { nil: null, freq: 6 }), { minLength: 1, maxLength: 25 }),
      // NULL needles stand for '' and an empty table is allowed.
      fc.array(fc.option(text(4), { nil: null, freq: 6 }), { minLength: 0, maxLength: 20 }),
      async (names, needles) => {
        await createTable(
          db,
          'E',
          columns,
          names.map((name, i) => ({ Id: i, Name: name })),
        );
        await createTable(
          db,
          'N',
          needleColumns,
          needles.map((value) => ({ Value: value })),
        );
        const values = needles.map((n) => n ?? '');
        for (const [operator, reference] of Object.entries(SUBQUERY_REFERENCE)) {
          const rows = await runKql(db, `E | where Name ${operator} | project Id`, tables, new Date(0));
          const actual = rows.map((r) => r.Id as number).sort((a, b) => a - b);
          const expected = names.flatMap((name, i) => (reference(name ?? '', values) ? [i] : []));
          expect(actual, `${operator} over ${JSON.stringify(needles)} on ${JSON.stringify(names)}`).toEqual(
            expected,
          );
        }
      },
    ),
    { numRuns: 60 },
  );
}, 600_000);

test('has decides non-ASCII neighbours by the Unicode classes, and in~ over many values is exact', async () => {
  const names = [
    'éanydesk',
    '·anydesk',
    'anydesk→x',
    'anydeskä',
    'ANYDESK',
    'x anydesk2',
    '日本anydesk',
    'anydesk。',
  ];
  await createTable(
    db,
    'E',
    columns,
    names.map((name, i) => ({ Id: i, Name: name })),
  );
  const has = await runKql(
    db,
    `E | where Name has 'anydesk' | project Id | order by Id asc`,
    { E: columns },
    new Date(0),
  );
  expect(has.map((r) => names[r.Id as number])).toEqual(['·anydesk', 'anydesk→x', 'ANYDESK', 'anydesk。']);
  const values = Array.from({ length: 40 }, (_, i) => `'v${i}.exe'`).join(', ');
  const inList = await runKql(
    db,
    `E | where Name in~ (${values}, 'Anydesk', 'ANYDESK.') | project Id`,
    { E: columns },
    new Date(0),
  );
  expect(inList.map((r) => names[r.Id as number])).toEqual(['ANYDESK']);
});
// Letters, digits and other characters outside ASCII around ASCII needles, and the private-use characters
// that the term shadow writes in their place.
const wide = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom(
      'a',
      'B',
      '1',
      ' ',
      '-',
      '.',
      'é',
      'É',
      'ж',
      '中',
      '٣',
      '→',
      '\u00a0',
      '\ue000',
      '\ue001',
    ),
    maxLength,
  });

const fillers = Array.from({ length: 16 }, (_, i) => `zz${i}`);
// Enough for a keyed has_any on the shadow column; some share a key with the generated text.
const manyFillers = Array.from({ length: 70 }, (_, i) =>
  i % 2 ? `a-${'1'.repeat(1 + (i % 5))}` : `zz${i}.b`,
);

test('has tests as summarize keys, which share a term shadow per column, match the reference rules', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.option(wide(10), { nil: null, freq: 6 }), { minLength: 1, maxLength: 25 }),
      fc.array(fc.oneof(text(4), wide(3)), { minLength: 6, maxLength: 6 }),
      async (names, needles) => {
        await createTable(
          db,
          'E',
          columns,
          names.map((name, i) => ({ Id: i, Name: name })),
        );
        const [a = '', b = '', c = '', d = '', e = '', f = ''] = needles;
        const keys: [string, (s: string) => boolean][] = [
          [`Name has ${kqlString(a)}`, (s) => has(s, a, false)],
          [`Name has ${kqlString(b)}`, (s) => has(s, b, false)],
          [`Name has_cs ${kqlString(c)}`, (s) => has(s, c, true)],
          [`Name !has ${kqlString(d)}`, (s) => !has(s, d, false)],
          [`Name has_any (${[e, f].map(kqlString).join(', ')})`, (s) => has(s, e, false) || has(s, f, false)],
          [`Name has_all (${[a, f].map(kqlString).join(', ')})`, (s) => has(s, a, false) && has(s, f, false)],
          // Above 16 needles has_any is one regex.
          [
            `Name has_any (${[b, d, ...fillers].map(kqlString).join(', ')})`,
            (s) => has(s, b, false) || has(s, d, false),
          ],
          // Above 64 needles, keyed: a gate on key terms, then substring tests on the shadow.
          [
            `Name has_any (${[b, d, e, ...manyFillers].map(kqlString).join(', ')})`,
            (s) => [b, d, e, ...manyFillers].some((n) => has(s, n, false)),
          ],
        ];
        const by = keys.map(([kql], i) => `M${i}=(${kql})`).join(', ');
        const rows = await runKql(db, `E | summarize by Id, ${by}`, { E: columns }, new Date(0));
        expect(rows).toHaveLength(names.length);
        for (const row of rows) {
          const name = names[Number(row.Id)] ?? '';
          keys.forEach(([kql, reference], i) => {
            expect(row[`M${i}`], `${kql} on ${JSON.stringify(name)}`).toBe(reference(name));
          });
        }
      },
    ),
    { numRuns: 100 },
  );
}, 600_000);
