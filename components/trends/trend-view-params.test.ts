// The Trends view's URL: what it reads, what it drops, what it writes.
import { describe, expect, it } from 'vitest';
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
    expect(parse('?range=45d&exclude=Bad Id,<x>').range).toBe('30d');
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
