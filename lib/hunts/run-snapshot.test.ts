import { describe, expect, test } from 'vitest';
import type { HuntRun } from './hunt-run';
import { snapshotOf } from './run-snapshot';

const impact = { events: 0, devices: 0, devicesGone: 0 };
const run: HuntRun = {
  hunt: {
    id: 'h1',
    name: 'H',
    description: '',
    tool: null,
    tables: [],
    tactics: [],
    techniques: [],
    lookback: null,
  },
  source: { id: 'embedded', label: 'embedded (demo data)' },
  window: { start: '2026-10-27T12:00:00.000Z', end: '2026-11-01T12:00:00.000Z', lookback: '5d', days: [] },
  kql: { devices: '', timeline: '' },
  exclusions: [
    { id: 'veeam-backup', title: '', scenario: '', enabled: true, impact },
    { id: 'admin-scripts', title: '', scenario: '', enabled: false, impact },
  ],
  customExclusions: [{ id: 'abc', impact }],
  devices: [
    {
      deviceId: 'd1',
      deviceName: 'ws-1',
      firstSeen: '2026-10-28T01:00:00.000Z',
      lastSeen: '2026-10-30T02:00:00.000Z',
      count: 3,
      reportIds: [1, 2, 3],
      activity: [
        { day: '2026-10-28', count: 1 },
        { day: '2026-10-30', count: 2 },
      ],
    },
  ],
  rowCount: 1,
  truncated: false,
  ranAt: '2026-11-01T12:00:01.000Z',
  elapsedMs: 12,
};

describe('snapshotOf', () => {
  test('keeps the window, the exclusions in effect and each device’s per-day activity', () => {
    expect(snapshotOf(run)).toEqual({
      huntId: 'h1',
      sourceId: 'embedded',
      ranAt: '2026-11-01T12:00:01.000Z',
      windowStart: '2026-10-27T12:00:00.000Z',
      windowEnd: '2026-11-01T12:00:00.000Z',
      exclusions: ['custom:abc', 'veeam-backup'],
      devices: [
        {
          deviceId: 'd1',
          deviceName: 'ws-1',
          firstSeen: '2026-10-28T01:00:00.000Z',
          lastSeen: '2026-10-30T02:00:00.000Z',
          count: 3,
          activity: [
            { day: '2026-10-28', count: 1 },
            { day: '2026-10-30', count: 2 },
          ],
        },
      ],
    });
  });
});
