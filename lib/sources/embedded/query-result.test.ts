// Checks the mapping of DuckDB result types and values to Kusto types and cells.
import { DuckDBInstance, intervalValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTimespan, readResult } from './query-result';

let instance: DuckDBInstance;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

async function run(sql: string) {
  const connection = await instance.connect();
  try {
    return readResult(await connection.runAndReadAll(sql));
  } finally {
    connection.closeSync();
  }
}

describe('readResult', () => {
  it('names each column with its DuckDB type and the Kusto type a caller maps it to', async () => {
    const result = await run(`SELECT
      'x' AS s, 42::BIGINT AS l, 7 AS i, 1.5::DOUBLE AS r, 2.25 AS d, true AS b,
      TIMESTAMP '2026-11-28 10:15:00.123' AS t, TIMESTAMPTZ '2026-11-28 10:15:00+00' AS tz,
      INTERVAL 90 MINUTE AS span, ['a', 'b'] AS list, {'k': 1} AS bag, '{"a":[1,2]}'::JSON AS js,
      uuid() AS g, sum(3::BIGINT) AS total`);
    expect(result.columns.map((c) => [c.name, c.duckdbType, c.kustoType])).toEqual([
      ['s', 'VARCHAR', 'string'],
      ['l', 'BIGINT', 'long'],
      ['i', 'INTEGER', 'int'],
      ['r', 'DOUBLE', 'real'],
      ['d', 'DECIMAL(3,2)', 'real'],
      ['b', 'BOOLEAN', 'bool'],
      ['t', 'TIMESTAMP', 'datetime'],
      ['tz', 'TIMESTAMP WITH TIME ZONE', 'datetime'],
      ['span', 'INTERVAL', 'timespan'],
      ['list', 'VARCHAR[]', 'dynamic'],
      ['bag', 'STRUCT("k" INTEGER)', 'dynamic'],
      ['js', 'JSON', 'dynamic'],
      ['g', 'UUID', 'guid'],
      ['total', 'HUGEINT', 'long'],
    ]);
    const [row] = result.rows;
    expect(row).toMatchObject({
      s: 'x',
      l: 42n,
      i: 7,
      r: 1.5,
      d: 2.25,
      b: true,
      span: '01:30:00',
      list: ['a', 'b'],
      bag: '{"k":1}',
      js: '{"a":[1,2]}',
      total: 3n,
    });
    expect(row?.t).toEqual(new Date('2026-11-28T10:15:00.123Z'));
    expect(row?.tz).toEqual(new Date('2026-11-28T10:15:00Z'));
    expect(row?.g).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps NULLs, and reads JSON arrays as arrays', async () => {
    const result = await run(`SELECT NULL::VARCHAR AS s, NULL::TIMESTAMP AS t, '[1,"two",null]'::JSON AS js`);
    expect(result.rows).toEqual([{ s: null, t: null, js: [1, 'two', null] }]);
  });

  it('gives duplicate column names distinct keys', async () => {
    const result = await run('SELECT 1 AS a, 2 AS a');
    expect(result.columns.map((c) => c.name)).toEqual(['a', 'a:1']);
    expect(result.rows).toEqual([{ a: 1, 'a:1': 2 }]);
  });
});

describe('formatTimespan', () => {
  it('writes Kusto timespans: days, hours, fractions and sign', () => {
    expect(formatTimespan(intervalValue(0, 0, 0n))).toBe('00:00:00');
    expect(formatTimespan(intervalValue(0, 5, 3_723_000_000n))).toBe('5.01:02:03');
    expect(formatTimespan(intervalValue(0, 0, 1_500_000n))).toBe('00:00:01.5000000');
    expect(formatTimespan(intervalValue(0, 0, -90_000_000n))).toBe('-00:01:30');
  });
});
