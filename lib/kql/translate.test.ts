import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ColumnDef } from '@/lib/tables/types';
import { KqlSemanticError, KqlSyntaxError, KqlUnsupportedError } from './errors';
import { createTable, openDatabase, querySql, type Row, runKql } from './test-support';
import { translateKql } from './translate';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const DAY = 86_400_000;

const columns: readonly ColumnDef[] = [
  { name: 'Id', type: 'long' },
  { name: 'Timestamp', type: 'datetime' },
  { name: 'Device', type: 'string' },
  { name: 'Name', type: 'string' },
  { name: 'N', type: 'long' },
];
const tables = { E: columns };

let db: DuckDBConnection;

beforeAll(async () => {
  db = await openDatabase();
});

async function load(rows: readonly Row[]): Promise<void> {
  await createTable(db, 'E', columns, rows);
}

function run(kql: string, now = NOW): Promise<Row[]> {
  return runKql(db, kql, tables, now);
}

/** Ids of the rows a where-condition keeps, ascending. */
async function ids(condition: string, now = NOW): Promise<number[]> {
  const rows = await run(`E | where ${condition} | project Id`, now);
  return rows.map((r) => r.Id as number).sort((a, b) => a - b);
}

function translate(kql: string): string {
  return translateKql(kql, { now: NOW, tables });
}

function unsupportedError(kql: string): KqlUnsupportedError {
  try {
    translate(kql);
  } catch (error) {
    if (error instanceof KqlUnsupportedError) return error;
    throw error;
  }
  throw new Error(`expected KqlUnsupportedError for: ${kql}`);
}

const NAMES: Record<number, string | null> = {
  1: 'North America',
  2: 'mRemoteNG',
  3: 'mRemoteNGx',
  4: 'NotmRemoteNG',
  5: 'mRemoteNG Portable',
  6: 'MREMOTENG',
  7: 'x-mRemoteNG-y',
  8: 'tool_mRemoteNG',
  9: '',
  10: null,
  11: 'ÄmRemoteNG',
  12: 'Ünïcode mRemoteNG',
  13: 'a.b (x',
  14: 'axb',
  15: 'x a-b y',
  16: 'a-bc',
  17: 'it\'s a \\ "quote"',
  18: 'mremoteng.exe',
};
const ALL = Object.keys(NAMES).map(Number);
const except = (...excluded: number[]): number[] => ALL.filter((id) => !excluded.includes(id));

describe('string operators', () => {
  beforeAll(async () => {
    await load(Object.entries(NAMES).map(([id, name]) => ({ Id: Number(id), Name: name })));
  });

  test('has matches whole terms, case-insensitively', async () => {
    expect(await ids(`Name has 'mRemoteNG'`)).toEqual([2, 5, 6, 7, 8, 12, 18]);
    expect(await ids(`Name has 'america'`)).toEqual([1]);
    expect(await ids(`Name has 'amer'`)).toEqual([]);
    expect(await ids(`Name has 'NORTH america'`)).toEqual([1]);
  });

  test('has treats underscore and punctuation as separators and non-ASCII letters as term characters', async () => {
    // 8: tool_mRemoteNG (underscore separates), 11: ÄmRemoteNG (Ä is a letter, so no boundary).
    expect(await ids(`Name has 'tool'`)).toEqual([8]);
    expect(await ids(`Name has 'Ünïcode'`)).toEqual([12]);
    expect(await ids(`Name has 'ünïcode'`)).toEqual([12]);
  });

  test('a needle with separators must appear as that run of terms', async () => {
    expect(await ids(`Name has 'mRemoteNG Portable'`)).toEqual([5]);
    expect(await ids(`Name has 'a-b'`)).toEqual([15]);
    expect(await ids(`Name has 'x-mremoteng'`)).toEqual([7]);
  });

  test('regex metacharacters in the needle are literal', async () => {
    expect(await ids(`Name has 'a.b'`)).toEqual([13]);
    expect(await ids(`Name has '(x'`)).toEqual([13]);
    expect(await ids(`Name has '.*'`)).toEqual([]);
  });

  test('matches regex finds an RE2 pattern anywhere, case-sensitively unless (?i); NULL is the empty string', async () => {
    expect(await ids(`Name matches regex @'^mRemoteNG$'`)).toEqual([2]);
    expect(await ids(`Name matches regex @'(?i)^mremoteng(\\.exe)?$'`)).toEqual([2, 6, 18]);
    expect(await ids(`Name matches regex @'a\\.b'`)).toEqual([13]);
    expect(await ids(`Name matches regex '^$'`)).toEqual([9, 10]);
    expect(await ids(`not(Name matches regex 'm')`)).toEqual(except(1, 2, 3, 4, 5, 7, 8, 11, 12, 18));
  });

  test('has_cs is case-sensitive', async () => {
    expect(await ids(`Name has_cs 'mRemoteNG'`)).toEqual([2, 5, 7, 8, 12]);
  });

  test('!has and not(has) keep empty and NULL strings', async () => {
    const expected = except(2, 5, 6, 7, 8, 12, 18);
    expect(await ids(`Name !has 'mRemoteNG'`)).toEqual(expected);
    expect(await ids(`not(Name has 'mRemoteNG')`)).toEqual(expected);
    expect(await ids(`Name !has_cs 'mRemoteNG'`)).toEqual(except(2, 5, 7, 8, 12));
  });

  test("has '' matches every row, the NULL one included", async () => {
    expect(await ids(`Name has ''`)).toEqual(ALL);
  });

  test('has_any and has_all, with short and long needle lists', async () => {
    expect(await ids(`Name has_any ('america', 'portable')`)).toEqual([1, 5]);
    const noise = Array.from({ length: 20 }, (_, i) => `'zz${i}'`).join(', ');
    expect(await ids(`Name has_any (${noise}, 'america', 'portable', 'a-b', '(x')`)).toEqual([1, 5, 13, 15]);
    expect(await ids(`Name has_all ('mRemoteNG', 'portable')`)).toEqual([5]);
  });

  test('contains, startswith, endswith and their _cs and negated forms', async () => {
    expect(await ids(`Name contains 'remote'`)).toEqual([2, 3, 4, 5, 6, 7, 8, 11, 12, 18]);
    expect(await ids(`Name contains_cs 'Remote'`)).toEqual([2, 3, 4, 5, 7, 8, 11, 12]);
    expect(await ids(`Name !contains 'remote'`)).toEqual(except(2, 3, 4, 5, 6, 7, 8, 11, 12, 18));
    expect(await ids(`Name startswith 'MREMOTE'`)).toEqual([2, 3, 5, 6, 18]);
    expect(await ids(`Name startswith_cs 'mRemote'`)).toEqual([2, 3, 5]);
    expect(await ids(`Name endswith 'ng'`)).toEqual([2, 4, 6, 8, 11, 12]);
    expect(await ids(`Name endswith_cs 'NG'`)).toEqual([2, 4, 6, 8, 11, 12]);
    expect(await ids(`Name endswith_cs 'ng'`)).toEqual([]);
    expect(await ids(`Name !startswith 'm'`)).toEqual(except(2, 3, 5, 6, 18));
    expect(await ids(`Name contains ''`)).toEqual(ALL);
  });

  test('equality: ==, != case-sensitive, =~, !~ case-insensitive, NULL acting as empty', async () => {
    expect(await ids(`Name == 'mRemoteNG'`)).toEqual([2]);
    expect(await ids(`Name =~ 'MREMOTENG'`)).toEqual([2, 6]);
    expect(await ids(`Name != 'mRemoteNG'`)).toEqual(except(2));
    expect(await ids(`Name !~ 'mremoteng'`)).toEqual(except(2, 6));
    expect(await ids(`Name == ''`)).toEqual([9, 10]);
    expect(await ids(`'' == Name`)).toEqual([9, 10]);
    expect(await ids(`Name != ''`)).toEqual(except(9, 10));
  });

  test('in, in~, !in, !in~', async () => {
    expect(await ids(`Name in ('mRemoteNG', '')`)).toEqual([2, 9, 10]);
    expect(await ids(`Name in~ ('MREMOTENG', 'north AMERICA')`)).toEqual([1, 2, 6]);
    expect(await ids(`Name !in ('mRemoteNG')`)).toEqual(except(2));
    expect(await ids(`Name !in~ ('MREMOTENG')`)).toEqual(except(2, 6));
  });

  test('isempty, isnotempty, isnull, isnotnull on strings', async () => {
    expect(await ids('isempty(Name)')).toEqual([9, 10]);
    expect(await ids('isnotempty(Name)')).toEqual(except(9, 10));
    // Kusto strings are never null, so a NULL string is just empty.
    expect(await ids('isnull(Name)')).toEqual([]);
    expect(await ids('isnotnull(Name)')).toEqual(ALL);
  });

  test('a NULL string comes out as an empty string', async () => {
    const rows = await run('E | where Id == 10 | project Name');
    expect(rows).toEqual([{ Name: '' }]);
  });

  test('string literals in every form', async () => {
    expect(await ids(`Name == "mRemoteNG"`)).toEqual([2]);
    expect(await ids(`Name == h'mRemoteNG'`)).toEqual([2]);
    expect(await ids(`Name == @'it''s a \\ "quote"'`)).toEqual([17]);
    expect(await ids(`Name == 'it\\'s a \\\\ "quote"'`)).toEqual([17]);
    expect(await ids(`Name == "it's a \\\\ \\"quote\\""`)).toEqual([17]);
    expect(await ids(`Name == 'mRemote' "NG"`)).toEqual([2]);
    expect(await ids(`Name == H@'mRemoteNG'`)).toEqual([2]);
  });
});

describe('numbers, nulls and logic', () => {
  beforeAll(async () => {
    await load([
      { Id: 1, N: 1 },
      { Id: 2, N: 5 },
      { Id: 3, N: 10 },
      { Id: 4, N: null },
      { Id: 5, N: -3 },
    ]);
  });

  test('ordering comparisons with null are null: neither they nor their not() pass', async () => {
    expect(await ids('N > 4')).toEqual([2, 3]);
    expect(await ids('not(N > 4)')).toEqual([1, 5]);
    expect(await ids('N <= 1')).toEqual([1, 5]);
  });

  test('== with one null side is false and != true (Kusto null rules)', async () => {
    expect(await ids('N == 5')).toEqual([2]);
    expect(await ids('not(N == 5)')).toEqual([1, 3, 4, 5]);
    expect(await ids('N != 5')).toEqual([1, 3, 4, 5]);
    expect(await ids('N == long(null)')).toEqual([]);
    expect(await ids('isnull(N == long(null))')).toEqual([4]);
  });

  test('between is inclusive at both ends; !between leaves null out', async () => {
    expect(await ids('N between (1 .. 5)')).toEqual([1, 2]);
    expect(await ids('N !between (1 .. 5)')).toEqual([3, 5]);
    expect(await ids('N between (-3 .. -3)')).toEqual([5]);
  });

  test('in and !in on numbers', async () => {
    expect(await ids('N in (1, 10)')).toEqual([1, 3]);
    expect(await ids('N !in (1, 10)')).toEqual([2, 4, 5]);
  });

  test('isnull, isempty and three-valued or/and', async () => {
    expect(await ids('isnull(N)')).toEqual([4]);
    expect(await ids('isempty(N)')).toEqual([4]);
    expect(await ids('isnotnull(N)')).toEqual([1, 2, 3, 5]);
    expect(await ids('isnull(N) or N > 5')).toEqual([3, 4]);
    expect(await ids('not(isnull(N) or N > 5)')).toEqual([1, 2, 5]);
    expect(await ids('N > 0 and N < 10')).toEqual([1, 2]);
    expect(await ids('(N > 0) and not(N == 1 or N == 10)')).toEqual([2]);
  });

  test('arithmetic: long division truncates like Kusto', async () => {
    expect(await ids('N * 2 + 1 == 11')).toEqual([2]);
    expect(await ids('N / 2 == 2')).toEqual([2]);
    expect(await ids('N / 2 == -1')).toEqual([5]);
    expect(await ids('N - 1 == -(4)')).toEqual([5]);
    expect(await ids('N > 2.5')).toEqual([2, 3]);
  });

  test('literals: long, real, bool, null', async () => {
    const rows = await run(
      'E | where Id == 1 | project a = 9223372036854775807, b = -5, c = 1.5, d = true, e = false, f = long(null), g = 1e3',
    );
    expect(rows).toEqual([{ a: '9223372036854775807', b: -5, c: 1.5, d: true, e: false, f: null, g: 1000 }]);
    expect(await ids('true')).toEqual([1, 2, 3, 4, 5]);
    expect(await ids('bool(null)')).toEqual([]);
    expect(await ids('not(bool(null))')).toEqual([]);
  });

  test('a bool column built by extend keeps not() exact', async () => {
    const rows = await run('E | extend Big = N > 4, Five = N == 5 | where not(Five) | project Id, Big');
    expect(rows.sort((a, b) => (a.Id as number) - (b.Id as number))).toEqual([
      { Id: 1, Big: false },
      { Id: 3, Big: true },
      { Id: 4, Big: null },
      { Id: 5, Big: false },
    ]);
  });
});

describe('datetimes, timespans and now()', () => {
  beforeAll(async () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    await load([
      { Id: 1, Timestamp: at(-5 * DAY) },
      { Id: 2, Timestamp: at(-5 * DAY - 1) },
      { Id: 3, Timestamp: at(0) },
      { Id: 4, Timestamp: at(1) },
      { Id: 5, Timestamp: at(-DAY) },
      { Id: 6, Timestamp: null },
    ]);
  });

  test('between includes both ends of the window', async () => {
    expect(await ids('Timestamp between (now(-5d) .. now())')).toEqual([1, 3, 5]);
    expect(await ids('Timestamp between (ago(5d) .. now())')).toEqual([1, 3, 5]);
    expect(await ids('Timestamp !between (now(-5d) .. now())')).toEqual([2, 4]);
  });

  test('a timespan right side means start .. start + span', async () => {
    expect(await ids('Timestamp between (ago(5d) .. 5d)')).toEqual([1, 3, 5]);
    expect(await ids('Timestamp between (datetime(2026-11-29T12:00:00Z) .. 1d)')).toEqual([3, 5]);
  });

  test('lets bound to now(), ago(), datetime() and timespans', async () => {
    const kql = `let Time_start = now(-5d);
let Time_end = now();
let span = 5d;
// comment
E
| where Timestamp between (Time_start..Time_end)
| where Timestamp between (Time_start .. Time_start + span)
| project Id`;
    const rows = await run(kql);
    expect(rows.map((r) => r.Id).sort()).toEqual([1, 3, 5]);
  });

  test('now() is the instant the caller passes', async () => {
    expect(await ids('Timestamp > ago(1d)')).toEqual([3, 4]);
    expect(await ids('Timestamp > ago(1d)', new Date(NOW.getTime() - 2 * DAY))).toEqual([3, 4, 5]);
    expect(await ids('Timestamp > ago(1d)', new Date(NOW.getTime() - 4.5 * DAY))).toEqual([1, 2, 3, 4, 5]);
    const rows = await run(
      'E | where Id == 3 | project T = now(), H = now(-1h), A = ago(90m), D = now() - Timestamp',
    );
    expect(rows[0]?.T).toBe('2026-11-30T12:00:00.000Z');
    expect(rows[0]?.H).toBe('2026-11-30T11:00:00.000Z');
    expect(rows[0]?.A).toBe('2026-11-30T10:30:00.000Z');
  });

  test('datetime and timespan literal forms and arithmetic', async () => {
    expect(await ids('Timestamp >= datetime(2026-11-29T12:00:00Z)')).toEqual([3, 4, 5]);
    expect(await ids('Timestamp >= datetime(2026-11-29 12:00)')).toEqual([3, 4, 5]);
    expect(await ids('Timestamp == datetime(2026-11-30T12:00:00.0000000Z)')).toEqual([3]);
    expect(await ids('Timestamp + 1d > now()')).toEqual([3, 4]);
    expect(await ids('now() - Timestamp < 1.5d')).toEqual([3, 4, 5]);
    expect(await ids('Timestamp >= now() - time(1.00:00:00)')).toEqual([3, 4, 5]);
    expect(await ids('Timestamp > now() - 1500ms')).toEqual([3, 4]);
    expect(await ids('Timestamp > now() - 36h and Timestamp < now() - 12h')).toEqual([5]);
    expect(await ids('Timestamp between (now() - 2880m .. now() - 1440m)')).toEqual([5]);
    expect(await ids('isnull(Timestamp)')).toEqual([6]);
    expect(await ids('Timestamp == datetime(null)')).toEqual([]);
  });
});

describe('summarize', () => {
  beforeAll(async () => {
    await load([
      { Id: 1, Device: 'A', Name: 'x', N: 1, Timestamp: new Date('2026-11-28T01:00:00Z') },
      { Id: 2, Device: 'A', Name: 'y', N: 2, Timestamp: new Date('2026-11-28T23:00:00Z') },
      { Id: 3, Device: 'A', Name: 'x', N: null, Timestamp: new Date('2026-11-29T05:00:00Z') },
      { Id: 4, Device: 'B', Name: null, N: 4, Timestamp: new Date('2026-11-29T06:00:00Z') },
      { Id: 5, Device: 'B', Name: '', N: 4, Timestamp: new Date('2026-11-30T00:00:00Z') },
      { Id: 6, Device: null, Name: 'z', N: 6, Timestamp: new Date('2026-11-25T00:00:00Z') },
      { Id: 7, Device: '', Name: 'z', N: 7, Timestamp: new Date('2026-11-26T00:00:00Z') },
    ]);
  });

  const byDevice = (rows: Row[]) =>
    [...rows].sort((a, b) => String(a.Device).localeCompare(String(b.Device)));
  const sortSet = (row: Row, key: string) => ({ ...row, [key]: [...(row[key] as unknown[])].sort() });

  test("aggregates with Kusto's default column names", async () => {
    const rows = await run(
      'E | summarize count(), min(Timestamp), max(N), make_set(Name), dcount(N), countif(N > 1), sum(N), avg(N) by Device',
    );
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'Device',
      'count_',
      'min_Timestamp',
      'max_N',
      'set_Name',
      'dcount_N',
      'countif_',
      'sum_N',
      'avg_N',
    ]);
    expect(byDevice(rows).map((r) => sortSet(r, 'set_Name'))).toEqual([
      // The NULL device and the '' device are one group: Kusto has no null strings.
      {
        Device: '',
        count_: 2,
        min_Timestamp: '2026-11-25T00:00:00.000Z',
        max_N: 7,
        set_Name: ['z'],
        dcount_N: 2,
        countif_: 2,
        sum_N: 13,
        avg_N: 6.5,
      },
      {
        Device: 'A',
        count_: 3,
        min_Timestamp: '2026-11-28T01:00:00.000Z',
        max_N: 2,
        set_Name: ['x', 'y'],
        dcount_N: 2,
        countif_: 1,
        sum_N: 3,
        avg_N: 1.5,
      },
      {
        Device: 'B',
        count_: 2,
        min_Timestamp: '2026-11-29T06:00:00.000Z',
        max_N: 4,
        set_Name: [''],
        dcount_N: 1,
        countif_: 2,
        sum_N: 8,
        avg_N: 4,
      },
    ]);
  });

  test('bin(Timestamp, 1d) keeps the name Timestamp; a named key takes its name', async () => {
    const rows = await run(
      "E | where Device == 'A' | summarize Count = count() by Device, bin(Timestamp, 1d)",
    );
    expect(Object.keys(rows[0] ?? {})).toEqual(['Device', 'Timestamp', 'Count']);
    expect(rows.map((r) => [r.Timestamp, r.Count]).sort()).toEqual([
      ['2026-11-28T00:00:00.000Z', 2],
      ['2026-11-29T00:00:00.000Z', 1],
    ]);
    const named = await run(
      "E | where Device == 'A' | summarize Count = count() by Device, Day = bin(Timestamp, 1d)",
    );
    expect(Object.keys(named[0] ?? {})).toEqual(['Device', 'Day', 'Count']);
  });

  test('7-day bins start on Mondays, counted from 0001-01-01 as Kusto does', async () => {
    const rows = await run('E | summarize c = count() by Week = bin(Timestamp, 7d)');
    expect(rows.map((r) => [r.Week, r.c]).sort()).toEqual([
      ['2026-11-23T00:00:00.000Z', 6],
      ['2026-11-30T00:00:00.000Z', 1],
    ]);
  });

  test('make_set ignores nulls, honours its size limit, and gives [] when nothing is left', async () => {
    const rows = await run("E | where Device == 'A' | summarize s = make_set(N), one = make_set(Name, 1)");
    expect(rows.map((r) => sortSet(r, 's'))).toEqual([{ s: [1, 2], one: [expect.any(String)] }]);
    const empty = await run("E | where Device == 'A' and isnull(N) | summarize s = make_set(N)");
    expect(empty).toEqual([{ s: [] }]);
  });

  test('make_set_if keeps the values of the rows its condition holds for, within its size', async () => {
    const rows = await run(
      "E | where Device == 'A' | summarize s = make_set_if(N, N > 1), none = make_set_if(Name, N > 100), one = make_set_if(N, N >= 1, 1)",
    );
    expect(rows.map((r) => sortSet(r, 's'))).toEqual([{ s: [2], none: [], one: [expect.any(Number)] }]);
  });

  test('strcat joins its arguments as text, a null as empty', async () => {
    const rows = await run(
      "E | where Device == 'A' | extend x = strcat(Device, '\\\\', N, Name) | project Id, x",
    );
    expect(rows.map((r) => [r.Id, r.x]).sort()).toEqual([
      [1, 'A\\1x'],
      [2, 'A\\2y'],
      [3, 'A\\x'],
    ]);
  });

  test('summarize without by over no rows yields one row', async () => {
    expect(await run('E | where N > 100 | summarize c = count(), m = max(N)')).toEqual([{ c: 0, m: null }]);
  });

  test('summarize by only lists distinct keys', async () => {
    const rows = await run('E | summarize by Device');
    expect(rows.map((r) => r.Device).sort()).toEqual(['', 'A', 'B']);
  });

  test('count operator', async () => {
    expect(await run("E | where Device == 'A' | count")).toEqual([{ Count: 3 }]);
  });
});

describe('project, extend, sort, take, top', () => {
  beforeAll(async () => {
    await load([
      { Id: 1, N: 1, Name: 'b' },
      { Id: 2, N: 5, Name: null },
      { Id: 3, N: 10, Name: 'a' },
      { Id: 4, N: null, Name: 'c' },
      { Id: 5, N: -3, Name: 'B' },
    ]);
  });

  test('project renames, computes and orders columns as written', async () => {
    const rows = await run('E | where Id == 2 | project Twice = N * 2, Id, Label = Name');
    expect(rows).toEqual([{ Twice: 10, Id: 2, Label: '' }]);
  });

  test('project items read the input only', () => {
    expect(() => translate('E | project X = N, Y = X')).toThrow(KqlSemanticError);
  });

  test('extend adds columns at the end, replaces in place, and later items see earlier ones', async () => {
    const rows = await run('E | where Id == 2 | extend N = N + 100, A = Id + 1 | extend B = A * 2');
    expect(Object.keys(rows[0] ?? {})).toEqual(['Id', 'Timestamp', 'Device', 'Name', 'N', 'A', 'B']);
    expect(rows[0]).toMatchObject({ N: 105, A: 3, B: 6 });
  });

  test('sort is descending by default with nulls last; ascending puts nulls first', async () => {
    expect((await run('E | sort by N | project Id')).map((r) => r.Id)).toEqual([3, 2, 1, 5, 4]);
    expect((await run('E | order by N asc | project Id')).map((r) => r.Id)).toEqual([4, 5, 1, 2, 3]);
    expect((await run('E | order by N asc nulls last | project Id')).map((r) => r.Id)).toEqual([
      5, 1, 2, 3, 4,
    ]);
    expect((await run('E | order by N desc nulls first | project Id')).map((r) => r.Id)).toEqual([
      4, 3, 2, 1, 5,
    ]);
  });

  test('strings sort ordinally with NULL as the empty string', async () => {
    expect((await run('E | sort by Name asc | project Id')).map((r) => r.Id)).toEqual([2, 5, 3, 1, 4]);
  });

  test('the order survives where, extend and project, and several keys apply in turn', async () => {
    const rows = await run('E | sort by N asc | where Id != 3 | extend M = N | project Id');
    expect(rows.map((r) => r.Id)).toEqual([4, 5, 1, 2]);
    const multi = await run('E | extend G = N > 2 | sort by G asc, Id desc | project Id');
    expect(multi.map((r) => r.Id)).toEqual([4, 5, 1, 3, 2]);
  });

  test('take, limit and top', async () => {
    expect(await run('E | take 2 | count')).toEqual([{ Count: 2 }]);
    expect(await run('E | limit 0')).toEqual([]);
    expect((await run('E | sort by N | take 2 | project Id')).map((r) => r.Id)).toEqual([3, 2]);
    expect((await run('E | top 2 by N | project Id')).map((r) => r.Id)).toEqual([3, 2]);
    expect((await run('E | top 2 by N asc | project Id')).map((r) => r.Id)).toEqual([4, 5]);
    expect((await run('E | top 2 by N asc nulls last | project Id')).map((r) => r.Id)).toEqual([5, 1]);
  });
});

describe('values are data, never SQL', () => {
  test('quotes, semicolons, comments and NUL in literals stay inside the value', async () => {
    await load([
      { Id: 1, Name: "x'; DROP TABLE E; --" },
      { Id: 2, Name: 'a\u0000b' },
      { Id: 3, Name: 'c:\\temp\\*/ x' },
    ]);
    expect(await ids(`Name == 'x\\'; DROP TABLE E; --'`)).toEqual([1]);
    expect(await ids(`Name == 'a\\0b'`)).toEqual([2]);
    expect(await ids(`Name has @'c:\\temp\\*/'`)).toEqual([3]);
    expect(await querySql(db, 'SELECT count(*) AS n FROM "E"')).toEqual([{ n: 3 }]);
  });
});

describe('what fails, and where', () => {
  test.each([
    ['E\n| join (E) on Id', 'join', 2, 3],
    [
      "E | mv-expand Part = split(Name, ',')",
      'mv-expand of anything but Name = pack_array(...) to typeof(...)',
      1,
      15,
    ],
    ['E | parse Name with a', 'parse', 1, 5],
    ['E | union E', 'union', 1, 5],
    ['E | project-away N', 'project-away', 1, 5],
    ['E | serialize', 'serialize', 1, 5],
    ['E\n| extend x = reverse(Name)', "function 'reverse'", 2, 14],
    ['E | summarize percentile(N, 50)', "aggregate function 'percentile'", 1, 15],
    ['E | summarize x = count() * 2', 'summarize item that is not an aggregate call', 1, 19],
    ['E | where Name matches regex Device', "'matches regex' with a non-constant pattern", 1, 30],
    ["E | where Name hasprefix 'a'", "operator 'hasprefix'", 1, 11],
    ['E | where Name has Device', "'has' with a non-constant right side", 1, 20],
    ['E | extend M = N + 1, K = N * 2, N = 0, L = N', 'a column replaced earlier in the same extend', 1, 45],
    ['let f = (x: long) { x + 1 };\nE', 'let with a function body', 1, 9],
    [
      'E | summarize hint.shufflekey = Device count() by Device',
      "summarize parameter 'hint.shufflekey = Device'",
      1,
      15,
    ],
    ['E | where Name in (dynamic(["a"]))', 'expression DynamicExpression', 1, 20],
    [
      'E | where Timestamp > datetime(Sat, 8 Nov 2014 15:05:02 GMT)',
      "datetime literal format 'Sat, 8 Nov 2014 15:05:02 GMT' (use ISO 8601)",
      1,
      23,
    ],
    ['set notruncation;\nE', "'set' statement", 1, 1],
  ])('%s fails as %s', (kql, construct, line, column) => {
    const error = unsupportedError(kql);
    expect(error.construct).toBe(construct);
    expect(error.position).toEqual({ line, column });
    expect(error.message).toContain(`line ${line}, column ${column}`);
  });

  test('unknown tables and columns name the culprit and its position', () => {
    // Kusto's own analysis runs first, so these are the parser's messages.
    expect(() => translate('Nope | take 1')).toThrow(
      /'Nope' does not refer to any known table.*line 1, column 1/,
    );
    expect(() => translate('E\n| where  Missing == 1')).toThrow(
      /'Missing' does not refer to any known column.*line 2, column 10/,
    );
    expect(() => translate('E | where Name > "a"')).toThrow(KqlSemanticError);
    expect(() => translate('E | where N')).toThrow(KqlSemanticError);
    expect(() => translate('E | extend c = count()')).toThrow(/aggregate function 'count' is not allowed/);
  });

  test('a let and a column or table with the same name are refused rather than guessed', () => {
    expect(() => translate('let N = 5; E | where N > 1')).toThrow(/both a column and a let/);
    expect(() => translate('let E = 5; E | take 1')).toThrow(/scalar let, not a table/);
  });

  test('syntax errors carry the parser message and position', () => {
    try {
      translate('E\n| where ');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KqlSyntaxError);
      expect((error as KqlSyntaxError).position).toEqual({ line: 2, column: 8 });
    }
  });
});
