// The pages read a window, a range and a set of exclusion rules from a link exactly as the API would: for
// any text, the page's parser keeps it if and only if the route's zod schema accepts it. A table's sort and
// its filter text read the same on every page.
import fc from 'fast-check';
import { createSerializer } from 'nuqs';
import { describe, expect, it } from 'vitest';
import { parseDeviceViewParams } from '@/components/devices/device-view-params';
import { parseTrendViewParams } from '@/components/trends/trend-view-params';
import { excludeSchema, runHuntQuerySchema } from '@/lib/hunts/run-request';
import { trendQuerySchema } from '@/lib/trends/trend-request';
import {
  MAX_FILTER_LENGTH,
  parseAsExclusionIds,
  parseAsFilterText,
  parseAsHuntId,
  parseAsLookback,
  parseAsSort,
  parseLookback,
} from './parsers';

const serverRunsWith = (lookback: string) => runHuntQuerySchema.safeParse({ lookback }).success;

/** Texts near the grammar: numbers with and without units, KQL literals, junk, spaces. */
const timespanLike = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.nat({ max: 300_000 }).map(String),
        fc.double({ min: 0, max: 5000, noNaN: true }).map(String),
      ),
      fc.constantFrom('d', 'h', 'm', 's', 'ms', 'D', 'H', 'min', 'w', ''),
    )
    .map(([n, unit]) => `${n}${unit}`),
  fc.nat({ max: 400 }).map((n) => `timespan(${n}d)`),
  fc.tuple(fc.nat({ max: 200 }), fc.nat({ max: 23 })).map(([d, h]) => `time(${d}.${h}:00:00)`),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(' 5d', '5d ', '-5d', '+5d', '5 d', '1e2h', '0x10h', '', ' '),
);

describe('the one lookback grammar', () => {
  it('is the server’s on the known disagreements: 999d refused, 90m kept', () => {
    expect(serverRunsWith('999d')).toBe(false);
    expect(parseLookback('999d')).toBeNull();
    expect(serverRunsWith('90m')).toBe(true);
    expect(parseLookback('90m')).toBe('90m');
    expect(parseDeviceViewParams('?lookback=90m').lookback).toBe('90m');
    expect(parseDeviceViewParams('?lookback=999d').lookback).toBeNull();
  });

  it('keeps a lookback exactly when the hunt route’s schema accepts it', () => {
    fc.assert(
      fc.property(timespanLike, (text) => {
        expect(parseAsLookback.parse(text) !== null).toBe(serverRunsWith(text));
        expect(parseDeviceViewParams(new URLSearchParams({ lookback: text })).lookback !== null).toBe(
          serverRunsWith(text),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes back what it read, so a kept window runs on the server as it did in the link', () => {
    fc.assert(
      fc.property(timespanLike, (text) => {
        const kept = parseLookback(text);
        if (kept === null) return;
        expect(parseLookback(parseAsLookback.serialize(kept))).toBe(kept);
        expect(runHuntQuerySchema.parse({ lookback: kept }).lookback).toBe(
          runHuntQuerySchema.parse({ lookback: text }).lookback,
        );
      }),
    );
  });

  it('keeps a Trends range exactly when the trends route’s schema accepts it', () => {
    fc.assert(
      fc.property(timespanLike, (text) => {
        const serverAccepts = trendQuerySchema.safeParse({ range: text }).success;
        const kept = parseTrendViewParams(new URLSearchParams({ range: text })).range;
        expect(kept === text.trim()).toBe(serverAccepts || text.trim() === '30d');
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('exclusion ids', () => {
  const idLike = fc.oneof(
    fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}$/),
    fc.string({ maxLength: 10 }),
  );

  it('keep exactly the ids the API accepts, each once, in a stable order', () => {
    fc.assert(
      fc.property(fc.array(idLike, { maxLength: 6 }), (ids) => {
        const text = ids.join(',');
        const kept = parseAsExclusionIds.parse(text) ?? [];
        for (const id of kept)
          expect(excludeSchema.safeParse(id)).toMatchObject({ success: true, data: [id] });
        expect(kept).toEqual([...new Set(kept)].sort());
        const server = excludeSchema.safeParse(text);
        if (server.success) expect(kept).toEqual([...server.data].sort());
      }),
    );
  });

  it('read the same set however it was written', () => {
    const serialize = createSerializer({ exclude: parseAsExclusionIds });
    expect(serialize({ exclude: ['b-rule', 'a-rule', 'b-rule'] })).toBe('?exclude=a-rule,b-rule');
    expect(serialize({ exclude: [] })).toBe('');
  });
});

describe('hunt ids', () => {
  it('are trimmed; blank or longer than any stored id is no hunt', () => {
    expect(parseAsHuntId.parse('  mremoteng ')).toBe('mremoteng');
    expect(parseAsHuntId.parse('   ')).toBeNull();
    expect(parseAsHuntId.parse('x'.repeat(201))).toBeNull();
    expect(parseAsHuntId.parse('x'.repeat(200))).toBe('x'.repeat(200));
  });
});

describe('a table’s sort', () => {
  const sort = parseAsSort(['device', 'count'] as const);

  it('is one of the table’s columns with a direction; anything else is no sort', () => {
    expect(sort.parse('count.desc')).toEqual({ id: 'count', desc: true });
    expect(sort.parse('device.asc')).toEqual({ id: 'device', desc: false });
    for (const text of ['timeline.asc', 'count', 'count.up', 'count.desc ', '.asc', 'constructor.asc'])
      expect(sort.parse(text), text).toBeNull();
  });

  it('may name its columns by a test instead of a list', () => {
    const byPrefix = parseAsSort((id: string): id is `hunt:${string}` => /^hunt:\w+$/.test(id));
    expect(byPrefix.parse('hunt:Account.asc')).toEqual({ id: 'hunt:Account', desc: false });
    expect(byPrefix.parse('hunt:.asc')).toBeNull();
    expect(byPrefix.parse('count.asc')).toBeNull();
  });

  it('is written as it is read, and two sorts of the same column and direction are equal', () => {
    expect(sort.serialize({ id: 'device', desc: false })).toBe('device.asc');
    expect(sort.eq({ id: 'count', desc: true }, { id: 'count', desc: true })).toBe(true);
    expect(sort.eq({ id: 'count', desc: true }, { id: 'count', desc: false })).toBe(false);
  });
});

describe('filter text', () => {
  it('is cut to the longest kept, read or written', () => {
    const long = 'a'.repeat(MAX_FILTER_LENGTH + 50);
    expect(parseAsFilterText.parse(long)).toHaveLength(MAX_FILTER_LENGTH);
    expect(parseAsFilterText.serialize(long)).toHaveLength(MAX_FILTER_LENGTH);
    expect(parseAsFilterText.parse('ws-01')).toBe('ws-01');
  });
});
