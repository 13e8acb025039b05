// The Trends view's URL: what it reads, what it drops, what it writes.
import { describe, expect, it } from 'vitest';
import { trendQuerySchema } from '@/lib/trends/trend-request';
import { parseTrendViewParams, rangeDays, writeTrendViewParams } from './trend-view-params';

const parse = (search: string) => parseTrendViewParams(new URLSearchParams(search));

describe('trend view params', () => {
  it('reads hunt, range and exclusions; defaults for what is missing or unknown', () => {
    expect(parse('')).toEqual({ hunt: null, range: '30d', exclude: [] });
    expect(parse('?hunt=h1&range=7d&exclude=veeam-backup,admin-scripts,veeam-backup')).toEqual({
      hunt: 'h1',
      range: '7d',
      exclude: ['admin-scripts', 'veeam-backup'],
    });
    expect(parse('?range=1d&exclude=Bad Id,<x>').range).toBe('30d');
    expect(parse('?exclude=Bad Id,<x>').exclude).toEqual([]);
  });

  it('writes changes, leaves defaults and other params out, keeps commas readable', () => {
    expect(writeTrendViewParams('?x=1', { range: '90d', exclude: ['b-rule', 'a-rule'] })).toBe(
      '?x=1&range=90d&exclude=a-rule,b-rule',
    );
    expect(writeTrendViewParams('?range=7d&exclude=a', { range: '30d', exclude: [] })).toBe('');
    expect(writeTrendViewParams('?hunt=h1', { hunt: null })).toBe('');
  });

  it('turns a range into days', () => {
    expect(rangeDays('7d')).toBe(7);
    expect(rangeDays('180d')).toBe(180);
  });
});

describe('the range grammar', () => {
  const cases = ['2d', '7d', '45d', '180d', '1d', '181d', '36h', '48h', 'abc', '30', '-7d'];

  it('keeps exactly the ranges the API accepts', () => {
    for (const range of cases) {
      const serverAccepts = trendQuerySchema.safeParse({ range }).success;
      expect({ range, kept: parse(`range=${range}`).range === range }).toEqual({
        range,
        kept: serverAccepts,
      });
    }
  });

  it('keeps a range from a link that the menu does not offer, such as 45d', () => {
    expect(parse('range=45d').range).toBe('45d');
    expect(rangeDays('45d')).toBe(45);
    expect(rangeDays('48h')).toBe(2);
  });
});
