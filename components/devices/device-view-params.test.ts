// The devices view in the URL: the Needs review / All view, the verdict filter and the open evidence panel
// read back as written, defaults stay out of the address, junk is ignored, and the view and filter combine.
import { describe, expect, it } from 'vitest';
import { runHuntQuerySchema } from '@/lib/hunts/run-request';
import {
  DEFAULT_HIDDEN,
  invalidLookback,
  MAX_FILTER_LENGTH,
  parseDeviceViewParams,
  shownStatuses,
  writeDeviceViewParams,
} from './device-view-params';

const parse = (query: string) => parseDeviceViewParams(new URLSearchParams(query));

describe('view, verdict and device params', () => {
  it('default to Needs review, any verdict and no panel, and leave the URL empty', () => {
    const params = parse('');
    expect(params).toMatchObject({ view: 'needs-review', verdict: [], device: null });
    expect(writeDeviceViewParams('', { view: 'needs-review', verdict: [], device: null })).toBe('');
  });

  it('round-trip through the URL, keeping other params', () => {
    const query = writeDeviceViewParams('?hunt=h1&lookback=14d', {
      view: 'all',
      verdict: ['malicious', 'benign'],
      device: 'a1b2c3',
    });
    expect(query).toBe('?hunt=h1&lookback=14d&view=all&verdict=benign,malicious&device=a1b2c3');
    expect(parse(query)).toMatchObject({
      hunt: 'h1',
      lookback: '14d',
      view: 'all',
      verdict: ['benign', 'malicious'],
      device: 'a1b2c3',
    });
    expect(writeDeviceViewParams(query, { device: null, view: 'needs-review' })).toBe(
      '?hunt=h1&lookback=14d&verdict=benign,malicious',
    );
  });

  it('ignore unknown views and statuses', () => {
    expect(parse('view=everything&verdict=benign,nonsense,benign')).toMatchObject({
      view: 'needs-review',
      verdict: ['benign'],
    });
  });

  it('accept the verdict column for sorting and hiding', () => {
    expect(parse('sort=verdict.asc&hide=verdict,select').sort).toEqual({ id: 'verdict', desc: false });
    expect(parse('sort=verdict.asc&hide=verdict,select').hidden).toEqual(['verdict']);
  });

  it('accept a field column for sorting, named as a plain identifier, and nothing else', () => {
    expect(parse('sort=signal:accounts.asc').sort).toEqual({ id: 'signal:accounts', desc: false });
    expect(parse('sort=hunt:AccountUpn.desc').sort).toEqual({ id: 'hunt:AccountUpn', desc: true });
    expect(writeDeviceViewParams('', { sort: { id: 'hunt:AccountUpn', desc: true } })).toBe(
      '?sort=hunt:AccountUpn.desc',
    );
    for (const junk of [
      'other:x.asc',
      'hunt:.asc',
      'hunt:a b.asc',
      'hunt:a.b.asc',
      'signal:accounts.up',
      'select.asc',
    ])
      expect(parse(`sort=${encodeURIComponent(junk)}`).sort).toEqual({ id: 'signals', desc: true });
  });

  it('hide the default columns without a hide param, and none with an empty one', () => {
    expect(parse('').hidden).toEqual([...DEFAULT_HIDDEN]);
    expect(DEFAULT_HIDDEN).toContain('reports');
    expect(parse('hide=').hidden).toEqual([]);
    expect(parse('hide=count').hidden).toEqual(['count']);
    expect(writeDeviceViewParams('?hide=count', { hidden: [...DEFAULT_HIDDEN].reverse() })).toBe('');
    expect(writeDeviceViewParams('', { hidden: [] })).toBe('?hide=');
    expect(parse(writeDeviceViewParams('', { hidden: [] }).slice(1)).hidden).toEqual([]);
  });
});

describe('shownStatuses', () => {
  it('All with no filter keeps everything; with a filter, the filter', () => {
    expect(shownStatuses('all', [])).toBeNull();
    expect(shownStatuses('all', ['benign'])).toEqual(['benign']);
  });

  it('Needs review drops Benign from whatever the filter allows', () => {
    expect(shownStatuses('needs-review', [])).toEqual(['unreviewed', 'suspicious', 'malicious']);
    expect(shownStatuses('needs-review', ['benign', 'malicious'])).toEqual(['malicious']);
    expect(shownStatuses('needs-review', ['benign'])).toEqual([]);
  });
});

describe('invalidLookback', () => {
  const check = (query: string) => invalidLookback(new URLSearchParams(query));

  it('names a lookback the page cannot use, which the parser drops', () => {
    expect(check('lookback=abc')).toBe('abc');
    expect(parse('lookback=abc').lookback).toBeNull();
    expect(writeDeviceViewParams('?lookback=abc&q=x', { lookback: parse('lookback=abc').lookback })).toBe(
      '?q=x',
    );
  });

  it('is null for a valid or absent lookback', () => {
    expect(check('lookback=5d')).toBeNull();
    expect(check('lookback=')).toBeNull();
    expect(check('')).toBeNull();
  });
});

describe('the filter text', () => {
  it('is cut to MAX_FILTER_LENGTH when read from the URL and when written to it', () => {
    const long = 'a'.repeat(20_000);
    expect(parse(`q=${long}`).q).toHaveLength(MAX_FILTER_LENGTH);
    const written = writeDeviceViewParams('', { q: long });
    expect(written).toBe(`?q=${'a'.repeat(MAX_FILTER_LENGTH)}`);
    expect(parse('q=host-01').q).toBe('host-01');
  });
});

describe('the lookback grammar', () => {
  const cases = [
    '1h',
    '90m',
    '12h',
    '5d',
    '30d',
    '180d',
    '4320h',
    '999d',
    '181d',
    '59m',
    '30m',
    'abc',
    '5 d',
    '0d',
  ];

  it('keeps exactly the windows the API runs with, and drops the others', () => {
    for (const lookback of cases) {
      const serverAccepts = runHuntQuerySchema.safeParse({ lookback }).success;
      const kept = parse(`lookback=${encodeURIComponent(lookback)}`).lookback === lookback;
      expect({ lookback, kept }).toEqual({ lookback, kept: serverAccepts });
    }
  });

  it('takes 90m, which the API runs, and refuses 999d, which it does not', () => {
    expect(parse('lookback=90m').lookback).toBe('90m');
    expect(parse('lookback=999d').lookback).toBeNull();
    expect(invalidLookback(new URLSearchParams('lookback=999d'))).toBe('999d');
  });
});
