// One typed shape from every service: type names, value conversion, case-insensitive columns, and JSON parsing
// that keeps every digit of a long.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf, kustoType, member, shapeArrayRows, shapeObjectRows, toCell } from './cells';
import { parseJsonKeepingLongs } from './json-longs';

describe('parseJsonKeepingLongs', () => {
  it('integers beyond 2^53 become strings of their digits; everything else parses as JSON.parse does', () => {
    expect(
      parseJsonKeepingLongs(
        '{"a":9007199254740993,"b":-9223372036854775808,"c":9007199254740991,"d":1.2345678901234567890,"e":1e300,"f":"12345678901234567890","g":[18446744073709551615]}',
      ),
    ).toEqual({
      a: '9007199254740993',
      b: '-9223372036854775808',
      c: 9007199254740991,
      d: 1.2345678901234567,
      e: 1e300,
      f: '12345678901234567890',
      g: ['18446744073709551615'],
    });
  });

  it('digits inside strings, escaped quotes included, are left alone', () => {
    expect(parseJsonKeepingLongs('["say \\"12345678901234567890\\"", 1]')).toEqual([
      'say "12345678901234567890"',
      1,
    ]);
  });

  it('any JSON without unsafe integers parses exactly as JSON.parse', () => {
    const unsafe = (v: unknown): boolean =>
      typeof v === 'number'
        ? Number.isInteger(v) && !Number.isSafeInteger(v)
        : typeof v === 'object' && v !== null && Object.values(v).some(unsafe);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(!unsafe(value));
        const text = JSON.stringify(value);
        expect(parseJsonKeepingLongs(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('an integer just past 2^53 is read as its digits, not rounded', () => {
    expect(parseJsonKeepingLongs('[9007199254740992, 9007199254740993]')).toEqual([
      '9007199254740992',
      '9007199254740993',
    ]);
  });

  it('any bigint survives as its digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n }), (n) => {
        const parsed = parseJsonKeepingLongs(`{"v":${n}}`) as { v: unknown };
        expect(BigInt(parsed.v as string | number)).toBe(n);
      }),
    );
  });
});

describe('type names', () => {
  it.each([
    ['DateTime', 'datetime'],
    ['System.DateTime', 'datetime'],
    ['Int64', 'long'],
    ['long', 'long'],
    ['Int32', 'int'],
    ['Double', 'real'],
    ['Boolean', 'bool'],
    ['SByte', 'bool'],
    ['Object', 'dynamic'],
    ['String', 'string'],
    ['TimeSpan', 'timespan'],
    ['Guid', 'guid'],
    ['SomethingNew', 'dynamic'],
  ])('%s is %s', (name, type) => {
    expect(kustoType(name)).toBe(type);
  });
});

describe('cells', () => {
  it('datetimes become Dates (7 fractional digits read to the millisecond); empty is null', () => {
    expect(toCell('2026-11-01T10:00:00.1234567Z', 'datetime')).toEqual(new Date('2026-11-01T10:00:00.123Z'));
    expect(toCell('', 'datetime')).toBeNull();
    expect(toCell('not a time', 'datetime')).toBe('not a time');
  });

  it('longs become bigints, from numbers and from digit strings', () => {
    expect(toCell(42, 'long')).toBe(42n);
    expect(toCell('9223372036854775807', 'long')).toBe(9223372036854775807n);
  });

  it('dynamic arrays become arrays, from values or JSON text; property bags stay JSON text', () => {
    expect(toCell([1, 'a', null], 'dynamic')).toEqual([1, 'a', null]);
    expect(toCell('["x", 9007199254740993]', 'dynamic')).toEqual(['x', '9007199254740993']);
    expect(toCell('{"a":1}', 'dynamic')).toBe('{"a":1}');
    expect(toCell({ a: [1] }, 'dynamic')).toBe('{"a":[1]}');
    expect(toCell('plain text', 'dynamic')).toBe('plain text');
  });

  it('booleans and reals from their usual encodings', () => {
    expect(toCell(1, 'bool')).toBe(true);
    expect(toCell('False', 'bool')).toBe(false);
    expect(toCell('1.5', 'real')).toBe(1.5);
    expect(toCell(null, 'real')).toBeNull();
  });
});

describe('columns, read case-insensitively', () => {
  it('schema entries in either casing', () => {
    expect(
      columnsOf([
        { name: 'A', type: 'String' },
        { Name: 'B', Type: 'Int64' },
        { ColumnName: 'C', ColumnType: 'datetime' },
      ]),
    ).toEqual([
      { name: 'A', type: 'string' },
      { name: 'B', type: 'long' },
      { name: 'C', type: 'datetime' },
    ]);
  });

  it('object rows are keyed by the schema’s names whatever casing the rows use', () => {
    const columns = columnsOf([
      { name: 'DeviceId', type: 'String' },
      { name: 'Count', type: 'Int64' },
    ]);
    expect(shapeObjectRows(columns, [{ deviceid: 'd', COUNT: 2 }, {}])).toEqual([
      { DeviceId: 'd', Count: 2n },
      { DeviceId: null, Count: null },
    ]);
    expect(shapeArrayRows(columns, [['d', 3]])).toEqual([{ DeviceId: 'd', Count: 3n }]);
  });

  it('member prefers the exact key, then any casing', () => {
    expect(member({ Results: 1, results: 2 }, 'results')).toBe(2);
    expect(member({ Results: 1 }, 'results')).toBe(1);
    expect(member([1], 'length')).toBeUndefined();
  });
});
