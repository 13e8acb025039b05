// The trend series queries: their text (the hunt's event stage, untouched, plus one summarize pipeline each),
// and their answers on the embedded engine for the hand-made export of lib/hunts/test-support.ts, worked out
// by hand from its events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, writeEventsCsv } from '@/lib/hunts/test-support';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { Cell, TelemetrySource } from '@/lib/sources/types';
import { composeHunt } from './compose';
import { composeDailySeries } from './compose-series';
import { KqlCompositionError } from './errors';
import { SEED_QUERY } from './test-support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date(FIXTURE_NOW); // 2026-03-10T12:00Z
/** From 2026-03-01T00:00Z: ten whole UTC days, today's half included. */
const TEN_DAYS = 9 * DAY + 12 * HOUR;
const THREE_DAYS = 2 * DAY + 12 * HOUR;

let dir: string;
let source: TelemetrySource & { close(): Promise<void> };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-series-'));
  const csv = await writeEventsCsv(path.join(dir, 'events.csv'));
  source = createEmbeddedSource(await openTelemetryStore({ mode: 'files', files: [csv] }));
});

afterAll(async () => {
  await source?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Rows as plain values, days as YYYY-MM-DD and times as ISO strings, in a stable order. */
async function rows(kql: string): Promise<Record<string, unknown>[]> {
  const result = await source.run(kql, { now });
  const plain = (v: Cell): unknown =>
    v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v;
  return result.rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        k === 'Day' ? (v as Date).toISOString().slice(0, 10) : plain(v),
      ]),
    ),
  );
}

const sortBy = (key: string) => (list: Record<string, unknown>[]) =>
  [...list].sort(
    (a, b) =>
      String(a[key]).localeCompare(String(b[key])) || JSON.stringify(a).localeCompare(JSON.stringify(b)),
  );

describe('composeDailySeries: the text', () => {
  it('is the event stage composeHunt builds, plus one summarize pipeline per series', () => {
    const { events } = composeHunt(SEED_QUERY, { lookbackMs: TEN_DAYS });
    const series = composeDailySeries(SEED_QUERY, { lookbackMs: TEN_DAYS, top: 3 });
    expect(series.lookbackMs).toBe(TEN_DAYS);
    expect(series.daily).toBe(
      `${events}\n| summarize Events=count(), Devices=dcount(DeviceId) by Day=bin(Timestamp, 1d)`,
    );
    expect(series.firstSeen).toBe(
      `${events}\n| summarize FirstSeen=min(Timestamp) by DeviceId\n| summarize NewDevices=count() by Day=bin(FirstSeen, 1d)`,
    );
    expect(series.deviceDays).toBe(
      `${events}\n| summarize Events=count(), FirstSeen=min(Timestamp) by DeviceId, DeviceName, Day=bin(Timestamp, 1d)`,
    );
    expect(series.topDevices).toBe(
      `${events}\n| summarize Events=count() by DeviceId, DeviceName\n| sort by Events desc, DeviceId asc\n| take 3`,
    );
    expect(events).toContain('let Time_start = now(-228h);');
  });

  it('applies exclusions as composeHunt does, and refuses what composeHunt refuses', () => {
    const series = composeDailySeries(SEED_QUERY, { exclusions: ["DeviceId == 'dev-alpha'"] });
    expect(series.daily).toContain("| where not(DeviceId == 'dev-alpha')\n| summarize Events=count()");
    expect(() => composeDailySeries(SEED_QUERY, { exclusions: ['x | take 1'] })).toThrow(KqlCompositionError);
    for (const top of [0, 1.5, 1001]) {
      expect(() => composeDailySeries(SEED_QUERY, { top })).toThrow(KqlCompositionError);
    }
  });
});

describe('composeDailySeries on the embedded engine (hand-computed answers)', () => {
  it('daily: events and distinct devices per UTC day', async () => {
    expect(sortBy('Day')(await rows(composeDailySeries(SEED_QUERY, { lookbackMs: TEN_DAYS }).daily))).toEqual(
      [
        { Day: '2026-03-02', Events: 1, Devices: 1 }, // echo
        { Day: '2026-03-05', Events: 2, Devices: 2 }, // alpha at 12:00, echo at 11:59:59
        { Day: '2026-03-07', Events: 2, Devices: 1 }, // alpha twice
        { Day: '2026-03-08', Events: 2, Devices: 2 }, // charlie (Portable) and hotel; not delta's near misses
        { Day: '2026-03-09', Events: 1, Devices: 1 }, // bravo; not alpha's Windows event
        { Day: '2026-03-10', Events: 1, Devices: 1 }, // bravo at now; not foxtrot a second later
      ],
    );
  });

  it('daily over three days starts at that midnight', async () => {
    expect(
      sortBy('Day')(await rows(composeDailySeries(SEED_QUERY, { lookbackMs: THREE_DAYS }).daily)),
    ).toEqual([
      { Day: '2026-03-08', Events: 2, Devices: 2 },
      { Day: '2026-03-09', Events: 1, Devices: 1 },
      { Day: '2026-03-10', Events: 1, Devices: 1 },
    ]);
  });

  it('firstSeen: devices by the day of their first event in the window', async () => {
    expect(
      sortBy('Day')(await rows(composeDailySeries(SEED_QUERY, { lookbackMs: TEN_DAYS }).firstSeen)),
    ).toEqual([
      { Day: '2026-03-02', NewDevices: 1 }, // echo
      { Day: '2026-03-05', NewDevices: 1 }, // alpha
      { Day: '2026-03-08', NewDevices: 2 }, // charlie, hotel
      { Day: '2026-03-09', NewDevices: 1 }, // bravo
    ]);
  });

  it('deviceDays: events and first event per device and day', async () => {
    const got = await rows(composeDailySeries(SEED_QUERY, { lookbackMs: TEN_DAYS }).deviceDays);
    const row = (id: string, day: string, events: number, first: string) => ({
      DeviceId: `dev-${id}`,
      DeviceName: `ws-${id}.corp.example`,
      Day: day,
      Events: events,
      FirstSeen: first,
    });
    expect(sortBy('DeviceId')(got)).toEqual(
      sortBy('DeviceId')([
        row('alpha', '2026-03-05', 1, '2026-03-05T12:00:00.000Z'),
        row('alpha', '2026-03-07', 2, '2026-03-07T09:00:00.000Z'),
        row('bravo', '2026-03-09', 1, '2026-03-09T08:00:00.000Z'),
        row('bravo', '2026-03-10', 1, '2026-03-10T12:00:00.000Z'),
        row('charlie', '2026-03-08', 1, '2026-03-08T00:00:00.000Z'),
        row('echo', '2026-03-02', 1, '2026-03-02T06:00:00.000Z'),
        row('echo', '2026-03-05', 1, '2026-03-05T11:59:59.000Z'),
        row('hotel', '2026-03-08', 1, '2026-03-08T00:00:00.000Z'),
      ]),
    );
  });

  it('topDevices: most events first, ties by device id, cut at N', async () => {
    const series = composeDailySeries(SEED_QUERY, { lookbackMs: TEN_DAYS, top: 3 });
    expect(await rows(series.topDevices)).toEqual([
      { DeviceId: 'dev-alpha', DeviceName: 'ws-alpha.corp.example', Events: 3 },
      { DeviceId: 'dev-bravo', DeviceName: 'ws-bravo.corp.example', Events: 2 },
      { DeviceId: 'dev-echo', DeviceName: 'ws-echo.corp.example', Events: 2 },
    ]);
  });

  it('an exclusion takes its events out of every series', async () => {
    const series = composeDailySeries(SEED_QUERY, {
      lookbackMs: TEN_DAYS,
      exclusions: ["DeviceId == 'dev-alpha'"],
    });
    const daily = sortBy('Day')(await rows(series.daily));
    expect(daily).toEqual([
      { Day: '2026-03-02', Events: 1, Devices: 1 },
      { Day: '2026-03-05', Events: 1, Devices: 1 },
      { Day: '2026-03-08', Events: 2, Devices: 2 },
      { Day: '2026-03-09', Events: 1, Devices: 1 },
      { Day: '2026-03-10', Events: 1, Devices: 1 },
    ]);
    expect(sortBy('Day')(await rows(series.firstSeen))).toEqual([
      { Day: '2026-03-02', NewDevices: 1 },
      { Day: '2026-03-08', NewDevices: 2 },
      { Day: '2026-03-09', NewDevices: 1 },
    ]);
    expect((await rows(series.topDevices)).map((r) => r.DeviceId)).toEqual([
      'dev-bravo',
      'dev-echo',
      'dev-charlie',
      'dev-hotel',
    ]);
  });
});
