// The days of a trends range and the lookbacks that make the source's window start at a UTC midnight.
import { describe, expect, it } from 'vitest';
import { trendWindow } from './trend-window';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('trendWindow', () => {
  const now = new Date('2026-11-01T12:00:00Z');

  it('30 days at noon: today and the 29 days before, all from the source, from that midnight', () => {
    const w = trendWindow(now, 30);
    expect(w.days).toHaveLength(30);
    expect(w.days[0]).toBe('2026-10-03');
    expect(w.days.at(-1)).toBe('2026-11-01');
    expect(w.start.toISOString()).toBe('2026-10-03T00:00:00.000Z');
    expect(w.sourceDays).toEqual(w.days);
    expect(w.historyDays).toEqual([]);
    expect(w.sourceLookbackMs).toBe(29 * DAY + 12 * HOUR);
    expect(w.retentionLookbackMs).toBe(29 * DAY + 12 * HOUR);
  });

  it('7 days: the source part is the range, first sight still judged over the retention', () => {
    const w = trendWindow(now, 7);
    expect(w.days).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(w.sourceLookbackMs).toBe(6 * DAY + 12 * HOUR);
    expect(w.retentionLookbackMs).toBe(29 * DAY + 12 * HOUR);
  });

  it('90 days: the oldest 60 come from history, the newest 30 from the source', () => {
    const w = trendWindow(now, 90);
    expect(w.historyDays).toHaveLength(60);
    expect(w.historyDays[0]).toBe('2026-08-04');
    expect(w.historyDays.at(-1)).toBe('2026-10-02');
    expect(w.sourceDays[0]).toBe('2026-10-03');
    expect(w.sourceLookbackMs).toBe(29 * DAY + 12 * HOUR);
  });

  it('across a month end and at exactly midnight', () => {
    const midnight = new Date('2026-03-01T00:00:00Z');
    const w = trendWindow(midnight, 3);
    expect(w.days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(w.sourceLookbackMs).toBe(2 * DAY);
    // One day at midnight would be an empty window; the smallest one stands in.
    expect(trendWindow(midnight, 1).sourceLookbackMs).toBe(1);
  });

  it('refuses ranges that are not whole positive days', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => trendWindow(now, bad)).toThrow();
    expect(() => trendWindow(now, 7, 0)).toThrow();
  });
});
