// iff() and mv-expand of a pack_array: what the fleet sweep's tagging needs, run on DuckDB. Expectations are
// worked out by hand from Kusto's documented semantics; unsupported forms fail naming the construct.
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ColumnDef } from '@/lib/tables/types';
import { KqlSemanticError, KqlUnsupportedError } from './errors';
import { createTable, openDatabase, type Row, runKql } from './test-support';
import { translateKql } from './translate';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const columns: ColumnDef[] = [
  { name: 'Id', type: 'long' },
  { name: 'Name', type: 'string' },
  { name: 'Size', type: 'long' },
  { name: 'Timestamp', type: 'datetime' },
];
const tables = { T: columns };
const rows: Row[] = [
  { Id: 1, Name: 'anydesk.exe', Size: 10, Timestamp: new Date('2026-11-29T01:00:00Z') },
  { Id: 2, Name: 'TeamViewer.exe', Size: null, Timestamp: new Date('2026-11-29T02:00:00Z') },
  { Id: 3, Name: null, Size: 5, Timestamp: new Date('2026-11-30T03:00:00Z') },
  { Id: 4, Name: 'AnyDesk TeamViewer', Size: 7, Timestamp: new Date('2026-11-30T04:00:00Z') },
];

let db: DuckDBConnection;
beforeAll(async () => {
  db = await openDatabase();
  await createTable(db, 'T', columns, rows);
}, 60_000);

const run = (kql: string) => runKql(db, kql, tables, NOW);

describe('iff', () => {
  test('takes the then branch where the condition holds, else the other, a null condition as false', async () => {
    const result = await run(
      `T | extend Tag = iff(Name has 'anydesk', 'A', 'no'), Big = iff(Size > 6, 1, 0) | project Id, Tag, Big | order by Id asc`,
    );
    expect(result).toEqual([
      { Id: 1, Tag: 'A', Big: 1 },
      { Id: 2, Tag: 'no', Big: 0 },
      { Id: 3, Tag: 'no', Big: 0 },
      { Id: 4, Tag: 'A', Big: 1 },
    ]);
  });

  test('iif is the same function; a long branch meets a real one as real', async () => {
    const result = await run(`T | where Id == 1 | project V = iif(Id == 1, 2, 0.5)`);
    expect(result).toEqual([{ V: 2 }]);
  });

  test('branches of different types are refused with the position', () => {
    expect(() => translateKql(`T | project V = iff(Id == 1, 'a', 1)`, { now: NOW, tables })).toThrow(
      KqlSemanticError,
    );
  });
});

describe('mv-expand of a pack_array', () => {
  test('gives one row per element, so an event can carry several tags', async () => {
    const result = await run(`T
| mv-expand Tag = pack_array(iff(Name has 'anydesk', 'h-anydesk', ''), iff(Name has 'teamviewer', 'h-tv', '')) to typeof(string)
| where Tag != ''
| summarize Count = count(), First = min(Timestamp) by Tag, Day = bin(Timestamp, 1d)
| order by Tag asc, Day asc`);
    expect(result).toEqual([
      { Tag: 'h-anydesk', Day: '2026-11-29T00:00:00.000Z', Count: 1, First: '2026-11-29T01:00:00.000Z' },
      { Tag: 'h-anydesk', Day: '2026-11-30T00:00:00.000Z', Count: 1, First: '2026-11-30T04:00:00.000Z' },
      { Tag: 'h-tv', Day: '2026-11-29T00:00:00.000Z', Count: 1, First: '2026-11-29T02:00:00.000Z' },
      { Tag: 'h-tv', Day: '2026-11-30T00:00:00.000Z', Count: 1, First: '2026-11-30T04:00:00.000Z' },
    ]);
  });

  test('keeps the input columns and replaces one of the same name', async () => {
    const result = await run(
      `T | where Id == 3 | mv-expand Name = pack_array('x', 'y') to typeof(string) | project Id, Name`,
    );
    expect(result).toEqual([
      { Id: 3, Name: 'x' },
      { Id: 3, Name: 'y' },
    ]);
  });

  test('keeps a sort order it expands', async () => {
    const result = await run(
      `T | order by Id desc | mv-expand N = pack_array(Id, Id * 10) to typeof(long) | project N`,
    );
    expect(result.map((r) => r.N)).toEqual([4, 40, 3, 30, 2, 20, 1, 10]);
  });

  test.each([
    [
      `T | mv-expand Parts = split(Name, ' ') to typeof(string)`,
      'mv-expand of anything but Name = pack_array',
    ],
    [`T | mv-expand X = pack_array(1, 2)`, 'mv-expand without to typeof'],
    [`T | mv-expand X = pack_array(1) to typeof(dynamic)`, 'mv-expand to typeof(dynamic)'],
    [`T | mv-expand with_itemindex=i X = pack_array(1) to typeof(long)`, 'mv-expand parameter'],
    [`T | extend X = pack_array(1, 2)`, "function 'pack_array'"],
  ])('%s is unsupported, naming the construct and its place', (kql, construct) => {
    let error: unknown;
    try {
      translateKql(kql, { now: NOW, tables });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KqlUnsupportedError);
    expect((error as Error).message).toContain(construct);
    expect((error as Error).message).toMatch(/line 1/);
  });

  test('an element of another type than the typeof is refused', () => {
    expect(() =>
      translateKql(`T | mv-expand X = pack_array('a', 1) to typeof(string)`, { now: NOW, tables }),
    ).toThrow(KqlSemanticError);
  });
});
