// The series derived from per-device-and-day rows: by hand on made-up rows, then against the series queries
// of their own on the embedded engine, for the hand-made export of lib/hunts/test-support.ts, so that deriving
// them from one query gives exactly what running each query gives.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hunt, loadCatalog } from '@/lib/hunts/catalog';
import { composeImpact, impactOf } from '@/lib/hunts/exclusion-impact';
import { findHunt } from '@/lib/hunts/run-hunt';
import { FIXTURE_NOW, SEED_HUNT_ID, writeEventsCsv } from '@/lib/hunts/test-support';
import { composeDailySeries } from '@/lib/kql/compose-series';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { QueryResult, TelemetrySource } from '@/lib/sources/types';
import {
  type DeviceDayRow,
  dailyFromDeviceDays,
  newDevicesFromDeviceDays,
  readDaily,
  readDeviceDays,
  readNewDevices,
  readTopDevices,
  rowsOfDays,
  topFromDeviceDays,
} from './source-series';
import { DAY_MS, trendWindow, utcDay } from './trend-window';

const row = (
  deviceId: string,
  deviceName: string,
  day: string,
  events: number,
  time = '10:00',
): DeviceDayRow => ({
  deviceId,
  deviceName,
  day,
  events,
  firstSeen: `${day}T${time}:00.000Z`,
});

const ROWS: DeviceDayRow[] = [
  row('a', 'pc-a', '2026-03-01', 2, '09:00'),
  row('a', 'pc-a-renamed', '2026-03-02', 1, '08:00'), // one device under two names
  row('a', 'pc-a', '2026-03-02', 4, '07:00'),
  row('b', 'pc-b', '2026-03-02', 5),
  row('c', 'pc-c', '2026-03-03', 5, '23:59'),
  row('d', 'pc-d', '2026-02-27', 9), // before the days asked for
];

describe('by hand', () => {
  it('per day: events added up, each device once however many names it had', () => {
    expect(dailyFromDeviceDays(ROWS, ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'])).toEqual([
      { day: '2026-03-01', events: 2, devices: 1 },
      { day: '2026-03-02', events: 10, devices: 2 },
      { day: '2026-03-03', events: 5, devices: 1 },
    ]);
  });

  it('new devices: each on the day of its earliest first sight, over every row', () => {
    expect(newDevicesFromDeviceDays(ROWS)).toEqual([
      { day: '2026-02-27', newDevices: 1 },
      { day: '2026-03-01', newDevices: 1 },
      { day: '2026-03-02', newDevices: 1 },
      { day: '2026-03-03', newDevices: 1 },
    ]);
  });

  it('top devices: per id and name over the days asked for, most events first, ties by id, cut at top', () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
    expect(topFromDeviceDays(ROWS, days, 3)).toEqual([
      { deviceId: 'a', deviceName: 'pc-a', events: 6 },
      { deviceId: 'b', deviceName: 'pc-b', events: 5 },
      { deviceId: 'c', deviceName: 'pc-c', events: 5 },
    ]);
    expect(topFromDeviceDays(ROWS, days, 10)).toHaveLength(4);
  });
});

describe('the same as each series query of its own, on the embedded engine', () => {
  const now = new Date(FIXTURE_NOW);
  let dir: string;
  let source: TelemetrySource & { close(): Promise<void> };
  let hunt: Hunt;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'huntboard-derived-series-'));
    const csv = await writeEventsCsv(path.join(dir, 'events.csv'));
    source = createEmbeddedSource(await openTelemetryStore({ mode: 'files', files: [csv] }));
    hunt = findHunt(await loadCatalog(), SEED_HUNT_ID);
  });

  afterAll(async () => {
    await source?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const cases = [
    { rangeDays: 3, exclusions: [] },
    { rangeDays: 7, exclusions: [] },
    { rangeDays: 10, exclusions: ["DeviceName has 'charlie'"] },
  ];
  for (const { rangeDays, exclusions } of cases) {
    it(`${rangeDays} days of a 10-day retention${exclusions.length ? ', one exclusion on' : ''}`, async () => {
      const retentionDays = 10;
      const window = trendWindow(now, rangeDays, retentionDays);
      const run = (kql: string) => source.run(kql, { now });
      const inRange = composeDailySeries(hunt.query, { lookbackMs: window.sourceLookbackMs, exclusions });
      const inRetention = composeDailySeries(hunt.query, {
        lookbackMs: window.retentionLookbackMs,
        exclusions,
      });
      // As runTrends runs it: whole days back, the day before the retention dropped.
      const wholeDays = composeDailySeries(hunt.query, { lookbackMs: retentionDays * DAY_MS, exclusions });
      const first = utcDay(now.getTime() - window.retentionLookbackMs);
      const rows = readDeviceDays(await run(wholeDays.deviceDays)).filter((r) => r.day >= first);

      expect(rows).toEqual(readDeviceDays(await run(inRetention.deviceDays)));
      expect(rows.length).toBeGreaterThan(0);
      expect(dailyFromDeviceDays(rows, window.sourceDays)).toEqual(readDaily(await run(inRange.daily)));
      expect(newDevicesFromDeviceDays(rows)).toEqual(readNewDevices(await run(inRetention.firstSeen)));
      expect(topFromDeviceDays(rows, window.sourceDays, 10)).toEqual(
        readTopDevices(await run(inRange.topDevices)),
      );

      // The exclusions' impact: per device and day over whole days, the range's days kept.
      const rules = hunt.exclusions;
      const enabled = new Set(['veeam-backup']);
      const perDay = await run(
        composeImpact(hunt.query, { lookbackMs: retentionDays * DAY_MS, rules, perDay: true }),
      );
      const exact = await run(composeImpact(hunt.query, { lookbackMs: window.sourceLookbackMs, rules }));
      const kept = rowsOfDays(perDay, window.sourceDays);
      expect(kept.rows.length).toBeGreaterThan(0);
      expect(impactOf(rules, enabled, kept)).toEqual(impactOf(rules, enabled, exact));
      const events = (r: QueryResult) => r.rows.reduce((n, row) => n + Number(row.Events), 0);
      expect(events(kept)).toBe(events(exact));
    });
  }
});
