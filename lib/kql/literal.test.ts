import { describe, expect, test } from 'vitest';
import { child, listElements, requiredChild } from './kusto';
import {
  kqlDatetime,
  kqlString,
  kqlTimespan,
  parseTimespan,
  readDatetimeTicks,
  readTimespanTicks,
  sqlIdent,
  sqlInterval,
  sqlString,
  sqlTimestamp,
} from './literal';
import { parseKql } from './parse';
import { openDatabase, querySql } from './test-support';

/** The value of the single string literal `text` parses to, or undefined if it is not exactly one. */
function literalValue(text: string): string | undefined {
  const { root } = parseKql(text);
  const statements = listElements(child(root, 'Statements'));
  const expression =
    statements.length === 1 && statements[0] ? requiredChild(statements[0], 'Expression') : undefined;
  if (expression?.kind !== 'StringLiteralExpression') return undefined;
  return requiredChild(expression, 'Token').stringValue;
}

describe('kqlString', () => {
  test.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['say "hi"', `'say "hi"'`],
    ['c:\\temp\\', "'c:\\\\temp\\\\'"],
    ['line\nbreak\r\ttab', "'line\\nbreak\\r\\ttab'"],
    ['nul\u0000bell\u0007', "'nul\\u0000bell\\u0007'"],
    ['sep\u2028x', "'sep\\u2028x'"],
    ['emoji 😀 and é', "'emoji 😀 and é'"],
    ['lone \ud800 surrogate', "'lone \\ud800 surrogate'"],
    ['', "''"],
  ])('%j is written as %s', (value, literal) => {
    expect(kqlString(value)).toBe(literal);
    expect(literalValue(literal)).toBe(value);
  });

  test('a very long string round-trips', () => {
    const value = `${'\'|;//*/\\"\n'.repeat(5_000)}end`;
    expect(literalValue(kqlString(value))).toBe(value);
  });
});

describe('kqlDatetime', () => {
  test('writes 7 fractional digits in UTC', () => {
    expect(kqlDatetime(new Date('2026-11-30T00:00:00Z'))).toBe('datetime(2026-11-30T00:00:00.0000000Z)');
    expect(kqlDatetime(new Date('2026-01-02T03:04:05.678Z'))).toBe('datetime(2026-01-02T03:04:05.6780000Z)');
  });

  test('refuses invalid and out-of-range dates', () => {
    expect(() => kqlDatetime(new Date(Number.NaN))).toThrow();
    expect(() => kqlDatetime(new Date('+010000-01-01T00:00:00Z'))).toThrow();
  });

  test('reads back what it writes', () => {
    const date = new Date('2026-11-30T12:34:56.789Z');
    const literal = kqlDatetime(date);
    expect(readDatetimeTicks(literal.slice('datetime('.length, -1))).toBe(BigInt(date.getTime()) * 10_000n);
  });
});

describe('kqlTimespan', () => {
  test.each([
    [5 * 86_400_000, '5d'],
    [12 * 3_600_000, '12h'],
    [90 * 60_000, '90m'],
    [45_000, '45s'],
    [1_500, '1500ms'],
    [0.5, '500microsecond'],
    [0.0001, '1tick'],
    [0, '0s'],
    [-86_400_000, '-1d'],
  ])('%d ms is %s', (ms, literal) => {
    expect(kqlTimespan(ms)).toBe(literal);
    if (ms > 0) expect(parseTimespan(literal)).toBe(ms);
  });

  test('refuses what no literal can hold', () => {
    expect(() => kqlTimespan(Number.POSITIVE_INFINITY)).toThrow();
    expect(() => kqlTimespan(0.00001)).toThrow();
  });
});

describe('parseTimespan', () => {
  test.each([
    ['5d', 432_000_000],
    ['12h', 43_200_000],
    ['30m', 1_800_000],
    ['45s', 45_000],
    ['1500ms', 1_500],
    ['1.5h', 5_400_000],
    [' 2days ', 172_800_000],
    ['10min', 600_000],
    ['time(1.02:03:04)', 93_784_000],
    ['time(02:30)', 9_000_000],
    ['timespan(2d)', 172_800_000],
    ['time(2)', 172_800_000],
    ['time(00:00:01.5)', 1_500],
  ])('%s is %d ms', (text, ms) => {
    expect(parseTimespan(text)).toBe(ms);
  });

  test.each(['', '5', 'd', '5 d', '5x', '-5d', '5d2h', 'time(25:00)', 'time()', '1e3s', 'now()', '5D'])(
    '%j is refused with a hint',
    (text) => {
      expect(() => parseTimespan(text)).toThrow(/not a timespan; write a number and a unit, like 5d/);
    },
  );

  test('agrees with the Kusto parser on simple literals', () => {
    for (const literal of ['5d', '1.5h', '90m', '1500ms', '10sec', '3tick', '2microseconds', '1hr']) {
      expect(readTimespanTicks(literal), literal).toBeDefined();
      expect(() => parseKql(`print ${literal}`), literal).not.toThrow();
    }
  });
});

describe('readDatetimeTicks', () => {
  test.each([
    ['2026-11-30', '2026-11-30T00:00:00.000Z', 0n],
    ['2026-11-30 01:02', '2026-11-30T01:02:00.000Z', 0n],
    ['2026-11-30T01:02:03.1234567Z', '2026-11-30T01:02:03.123Z', 4567n],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z', 0n],
  ])('%s', (text, iso, extraTicks) => {
    expect(readDatetimeTicks(text)).toBe(BigInt(new Date(iso).getTime()) * 10_000n + extraTicks);
  });

  test.each([
    '2026-02-30',
    '2026-13-01',
    '26-11-30',
    '2026-11-30T25:00',
    'Sat, 8 Nov 2014 15:05:02 GMT',
    '2026-11-30+01:00',
  ])('%s is not read', (text) => {
    expect(readDatetimeTicks(text)).toBeUndefined();
  });
});

describe('SQL literals', () => {
  test('strings, identifiers, timestamps and intervals read back exactly in DuckDB', async () => {
    const db = await openDatabase();
    const value = `it's "x" \\ ; -- /* */ \u0000 é 😀\n`;
    const sql = `SELECT ${sqlString(value)} AS ${sqlIdent('we"ird')}, ${sqlTimestamp(-62_135_596_800_000_000n)} AS t0, ${sqlTimestamp(1_795_996_800_123_456n)} AS t1, ${sqlInterval(-90n)} < ${sqlInterval(0n)} AS i`;
    const [row] = await querySql(db, sql);
    expect(row?.['we"ird']).toBe(value);
    expect(row?.t0).toBe('0001-01-01T00:00:00.000Z');
    expect(row?.t1).toBe('2026-11-30T00:00:00.123Z');
    expect(row?.i).toBe(true);
  });

  test('sqlTimestamp keeps microseconds; sqlString refuses unpaired surrogates', () => {
    expect(sqlTimestamp(1_795_996_800_123_456n)).toBe("TIMESTAMP '2026-11-30 00:00:00.123456'");
    expect(sqlTimestamp(-1n)).toBe("TIMESTAMP '1969-12-31 23:59:59.999999'");
    expect(() => sqlString('\ud800')).toThrow(/surrogate/);
    expect(() => sqlIdent('')).toThrow();
  });
});
