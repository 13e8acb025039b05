import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ColumnDef } from '@/lib/tables/types';
import { ConditionCache, type ConditionReads, type Kept } from './condition-cache';
import { KqlSemanticError } from './errors';
import { createTable, openDatabase, runKql } from './test-support';
import { translateKql } from './translate';

describe('ConditionCache', () => {
  test('keeps what read only its text and columns, and compiles the rest every time', () => {
    const cache = new ConditionCache<string>(1_000);
    let compiles = 0;
    const always = () => true;
    const pure = () => {
      compiles++;
      return 'pure';
    };
    expect(cache.get('a', always, pure)).toBe('pure');
    expect(cache.get('a', always, pure)).toBe('pure');
    expect(compiles).toBe(1);
    const timed = (reads: { now: boolean }) => {
      compiles++;
      reads.now = true;
      return 'timed';
    };
    cache.get('b', always, timed);
    cache.get('b', always, timed);
    expect(compiles).toBe(3);
    const withLet = (reads: { context: boolean }) => {
      compiles++;
      reads.context = true;
      return 'let';
    };
    cache.get('c', always, withLet);
    cache.get('c', always, withLet);
    expect(compiles).toBe(5);
  });

  test('compiles again when the caller finds the kept compilation out of date', () => {
    const cache = new ConditionCache<string>(1_000);
    const compile = (answer: string) => (reads: ConditionReads) => {
      reads.missingLets.add('x');
      reads.shadows.push(['subject', 'shadow_0']);
      return answer;
    };
    const lets = (names: string[]) => (kept: Kept<string>) =>
      !kept.missingLets.some((name) => names.includes(name)) &&
      kept.shadows.every(([subject, name]) => subject === 'subject' && name === 'shadow_0');
    expect(cache.get('k', lets([]), compile('first'))).toBe('first');
    expect(cache.get('k', lets(['y']), compile('second'))).toBe('first');
    expect(cache.get('k', lets(['x']), compile('third'))).toBe('third');
  });

  test('holds at most its limit of key characters, dropping the least recently used', () => {
    const cache = new ConditionCache<number>(10);
    const always = () => true;
    cache.get('aaaa', always, () => 1);
    cache.get('bbbb', always, () => 2);
    cache.get('aaaa', always, () => 0);
    cache.get('cccc', always, () => 3);
    expect(cache.size).toBe(2);
    expect(cache.get('aaaa', always, () => -1)).toBe(1);
    expect(cache.get('bbbb', always, () => -2)).toBe(-2);
    cache.get('x'.repeat(11), always, () => 9);
    expect(cache.get('x'.repeat(11), always, () => 10)).toBe(10);
  });
});

describe('translated conditions recalled across queries', () => {
  const NOW = new Date('2026-11-30T12:00:00.000Z');
  const columns: readonly ColumnDef[] = [
    { name: 'Id', type: 'long' },
    { name: 'Timestamp', type: 'datetime' },
    { name: 'Name', type: 'string' },
    { name: 'Other', type: 'string' },
    { name: 'N', type: 'long' },
  ];
  const tables = { E: columns };
  let db: DuckDBConnection;

  beforeAll(async () => {
    db = await openDatabase();
    const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3_600_000);
    await createTable(db, 'E', columns, [
      { Id: 1, Timestamp: at(1), Name: 'alpha beta', Other: 'alpha beta', N: 1 },
      { Id: 2, Timestamp: at(30), Name: 'beta', Other: 'gamma', N: 2 },
      { Id: 3, Timestamp: at(60), Name: null, Other: '', N: null },
      { Id: 4, Timestamp: at(2), Name: 'gamma', Other: 'gamma', N: 4 },
    ]);
  });

  async function ids(kql: string, now = NOW): Promise<number[]> {
    const rows = await runKql(db, kql, tables, now);
    return rows.map((r) => r.Id as number).sort((a, b) => a - b);
  }

  test('a condition on now() follows each query’s instant', async () => {
    const condition = 'Timestamp > ago(1d)';
    expect(await ids(`E | where ${condition} | project Id`)).toEqual([1, 4]);
    const later = new Date(NOW.getTime() + 86_400_000);
    expect(await ids(`E | where ${condition} | project Id`, later)).toEqual([]);
    const earlier = new Date(NOW.getTime() - 86_400_000);
    expect(await ids(`E | where ${condition} | project Id`, earlier)).toEqual([1, 2, 4]);
  });

  test('a condition on a let follows each query’s value of it', async () => {
    expect(await ids("let v = 'alpha'; E | where Name has v | project Id")).toEqual([1]);
    expect(await ids("let v = 'gamma'; E | where Name has v | project Id")).toEqual([4]);
  });

  test('the same text over columns of another type or source is compiled for them', async () => {
    const condition = 'Name == Other';
    expect(await ids(`E | where ${condition} | project Id`)).toEqual([1, 3, 4]);
    // Now longs: null == null is not true, so row 3 no longer passes.
    expect(await ids(`E | extend Name = N, Other = N | where ${condition} | project Id`)).toEqual([1, 2, 4]);
    expect(await ids(`E | extend Other = Name | where ${condition} | project Id`)).toEqual([1, 2, 3, 4]);
  });

  test('a let named like a column is refused even after the same condition was recalled', () => {
    const condition = "Name has 'alpha'";
    translateKql(`E | where ${condition}`, { now: NOW, tables });
    translateKql(`E | where ${condition}`, { now: NOW, tables });
    expect(() => translateKql(`let Name = 'x'; E | where ${condition}`, { now: NOW, tables })).toThrow(
      KqlSemanticError,
    );
  });

  test('a condition on a tabular expression selects from its own query’s table', async () => {
    const condition = 'Name in ((E | where N >= 2 | project Name))';
    expect(await ids(`E | where ${condition} | project Id`)).toEqual([2, 4]);
    expect(await ids(`E | where N > 2 | where ${condition} | project Id`)).toEqual([4]);
    expect(await ids(`E | extend K = 1 | take 10 | where ${condition} | project Id`)).toEqual([2, 4]);
  });

  test('group keys recalled in another summarize read that summarize’s own term shadows', async () => {
    const keys = "by A=(Name has 'alpha'), B=(Other has 'gamma'), C=(Name has 'beta')";
    const counts = async (kql: string) =>
      (await runKql(db, kql, tables, NOW))
        .map((r) => `${r.A}${r.B}${r.C}:${r.n}`)
        .sort()
        .join(' ');
    const expected = 'falsefalsefalse:1 falsetruefalse:1 falsetruetrue:1 truefalsetrue:1';
    expect(await counts(`E | summarize n=count() ${keys}`)).toBe(expected);
    expect(await counts(`E | summarize n=count() ${keys}`)).toBe(expected);
    // Another key first: the same keys over the same columns, with this summarize's names for their shadows.
    expect(await counts(`E | summarize n=count() by Z=(Other has 'zzz'), ${keys.slice(3)}`)).toBe(expected);
  });

  test('a condition repeated in one query keeps its has tests', async () => {
    const condition = "not(Name has 'alpha') and not(Name has 'gamma')";
    expect(await ids(`E | where ${condition} | project Id`)).toEqual([2, 3]);
    expect(await ids(`E | where ${condition} | where ${condition} | project Id`)).toEqual([2, 3]);
  });
});
