// Days from recorded runs: which run answers a day, partial coverage, devices with several rows, and which
// runs count at all.
import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '@/lib/triage/types';
import { historyFromSnapshots } from './history';

const run = (ranAt: string, windowStart: string, partial: Partial<RunSnapshot> = {}): RunSnapshot => ({
  huntId: 'h',
  sourceId: 'defender',
  ranAt,
  windowStart,
  windowEnd: ranAt,
  exclusions: [],
  devices: [],
  ...partial,
});

const dev = (id: string, name: string, firstSeen: string, activity: [string, number][]) => ({
  deviceId: id,
  deviceName: name,
  firstSeen,
  lastSeen: firstSeen,
  count: 0,
  activity: activity.map(([day, count]) => ({ day, count })),
});

describe('historyFromSnapshots', () => {
  const a = run('2026-01-10T06:00:00Z', '2026-01-05T06:00:00Z', {
    devices: [
      dev('d1', 'pc-1', '2026-01-06T07:00:00Z', [
        ['2026-01-06', 2],
        ['2026-01-10', 4],
      ]),
      // The same device under a second name: its events add up on the day.
      dev('d1', 'pc-1-renamed', '2026-01-09T07:00:00Z', [['2026-01-10', 1]]),
    ],
  });
  const b = run('2026-01-12T00:00:00Z', '2026-01-07T00:00:00Z', {
    devices: [dev('d2', 'pc-2', '2026-01-08T01:00:00Z', [['2026-01-10', 5]])],
    exclusions: ['veeam-backup', 'admin-scripts'],
  });

  it('takes each day from the run that covered most of it; later runs win ties', () => {
    const h = historyFromSnapshots([a, { ...b, exclusions: [] }], {
      days: ['2026-01-05', '2026-01-06', '2026-01-10', '2026-01-12', '2026-01-13'],
      exclusions: [],
      sourceId: 'defender',
    });
    // 01-05: only a, from 06:00 (partial). 01-06: a alone covers it. 01-10: both whole, b ran later.
    // 01-12: b's window ends at its first instant. 01-13: nobody.
    expect([...h.days.keys()]).toEqual(['2026-01-05', '2026-01-06', '2026-01-10', '2026-01-12']);
    expect(h.days.get('2026-01-05')).toMatchObject({ partial: true, ranAt: a.ranAt });
    expect(h.days.get('2026-01-05')?.devices.size).toBe(0);
    expect(h.days.get('2026-01-06')).toMatchObject({ partial: false, ranAt: a.ranAt });
    expect(Object.fromEntries(h.days.get('2026-01-06')?.devices ?? [])).toEqual({
      d1: { deviceName: 'pc-1', events: 2 },
    });
    expect(h.days.get('2026-01-10')?.ranAt).toBe(b.ranAt);
    expect(Object.fromEntries(h.days.get('2026-01-10')?.devices ?? [])).toEqual({
      d2: { deviceName: 'pc-2', events: 5 },
    });
    expect(h.days.get('2026-01-12')?.partial).toBe(true);
    expect(Object.fromEntries(h.firstSeen)).toEqual({
      d1: '2026-01-06T07:00:00.000Z',
      d2: '2026-01-08T01:00:00.000Z',
    });
  });

  it('adds up a device’s rows on a day', () => {
    const h = historyFromSnapshots([a], { days: ['2026-01-10'], exclusions: [], sourceId: 'defender' });
    expect(Object.fromEntries(h.days.get('2026-01-10')?.devices ?? [])).toEqual({
      d1: { deviceName: 'pc-1', events: 5 },
    });
  });

  it('counts only runs on the same source with the same exclusions, in any order', () => {
    const h = historyFromSnapshots([a, b, { ...a, sourceId: 'embedded' }], {
      days: ['2026-01-10'],
      exclusions: ['admin-scripts', 'veeam-backup'],
      sourceId: 'defender',
    });
    expect(h.used).toBe(1);
    expect(h.ignored).toBe(2);
    expect([...(h.days.get('2026-01-10')?.devices.keys() ?? [])]).toEqual(['d2']);
  });
});
