// Trends of the seed hunt end to end on the embedded engine: the hand-made export of lib/hunts/test-support.ts
// answers the source's ten days, recorded runs answer four older days, and a verdict audit log supplies
// triage. Every series is compared with values worked out by hand from those inputs (see the comments).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hunt, loadCatalog } from '@/lib/hunts/catalog';
import { UnknownExclusionError } from '@/lib/hunts/exclusions';
import { findHunt } from '@/lib/hunts/run-hunt';
import { FIXTURE_NOW, SEED_HUNT_ID, writeEventsCsv } from '@/lib/hunts/test-support';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { TelemetrySource } from '@/lib/sources/types';
import type { AuditEntry, RunSnapshot, SnapshotDevice } from '@/lib/triage/types';
import { runTrends, type TriageRecords } from './run-trends';
import { type TrendDay, type TrendReport, trendReportSchema } from './trend-report';

const HOUR = 3_600_000;
const now = new Date(FIXTURE_NOW); // 2026-03-10T12:00Z

const device = (id: string, firstSeen: string, activity: [string, number][]): SnapshotDevice => ({
  deviceId: `dev-${id}`,
  deviceName: `ws-${id}.corp.example`,
  firstSeen,
  lastSeen: firstSeen,
  count: activity.reduce((n, [, c]) => n + c, 0),
  activity: activity.map(([day, count]) => ({ day, count })),
});

const snapshot = (
  ranAt: string,
  windowStart: string,
  devices: SnapshotDevice[],
  { exclusions = [], sourceId = 'embedded' }: { exclusions?: string[]; sourceId?: string } = {},
): RunSnapshot => ({
  huntId: SEED_HUNT_ID,
  sourceId,
  ranAt,
  windowStart,
  windowEnd: ranAt,
  exclusions,
  devices,
});

const SNAPSHOTS: RunSnapshot[] = [
  // S1 covers 02-25 and 02-26 whole, 02-27 until noon.
  snapshot('2026-02-27T12:00:00.000Z', '2026-02-22T12:00:00.000Z', [
    device('echo', '2026-02-26T10:00:00.000Z', [
      ['2026-02-26', 3],
      ['2026-02-27', 1],
    ]),
    device('kilo', '2026-02-25T09:00:00.000Z', [['2026-02-25', 2]]),
  ]),
  // S2 ran later: it wins 02-25 and 02-26 (equal coverage), 02-27 (whole), and alone covers 02-28 until 23:00.
  snapshot('2026-02-28T23:00:00.000Z', '2026-02-23T23:00:00.000Z', [
    device('echo', '2026-02-26T10:00:00.000Z', [
      ['2026-02-26', 3],
      ['2026-02-27', 2],
      ['2026-02-28', 1],
    ]),
    device('kilo', '2026-02-25T09:00:00.000Z', [['2026-02-25', 2]]),
  ]),
  // S3 ran with the Veeam exclusion on; S4 on another source. Neither counts for runs without exclusions.
  snapshot(
    '2026-02-28T12:00:00.000Z',
    '2026-02-23T12:00:00.000Z',
    [device('lima', '2026-02-25T01:00:00.000Z', [['2026-02-25', 7]])],
    { exclusions: ['veeam-backup'] },
  ),
  snapshot(
    '2026-02-28T23:30:00.000Z',
    '2026-02-23T23:30:00.000Z',
    [device('mike', '2026-02-26T01:00:00.000Z', [['2026-02-26', 9]])],
    { sourceId: 'defender' },
  ),
];

let nextId = 1;
const verdict = (at: string, id: string, after: unknown, huntId = SEED_HUNT_ID): AuditEntry => ({
  id: nextId++,
  at,
  actor: { id: 'u-1', name: 'Tristan Triager' },
  huntId,
  entity: 'verdict',
  entityId: `dev-${id}`,
  action: 'set',
  before: null,
  after,
  reason: null,
});

const AUDIT: AuditEntry[] = [
  verdict('2026-03-05T15:00:00.000Z', 'alpha', { status: 'suspicious' }),
  verdict('2026-03-06T09:00:00.000Z', 'alpha', { status: 'malicious' }),
  verdict('2026-03-08T06:00:00.000Z', 'charlie', {
    status: 'benign',
    reviewAfter: '2026-03-09T12:00:00.000Z',
  }),
  verdict('2026-02-27T08:00:00.000Z', 'echo', { status: 'benign', reviewAfter: null }),
  verdict('2026-03-09T10:00:00.000Z', 'hotel', { status: 'unreviewed' }),
  verdict('2026-03-09T10:00:00.000Z', 'bravo', { status: 'malicious' }, 'another-hunt'),
  verdict('2026-03-10T11:00:00.000Z', 'bravo', { status: 'benign' }),
];

const requests: { from: string; to: string }[] = [];
const loadTriage = async (huntId: string, from: Date, to: Date): Promise<TriageRecords> => {
  requests.push({ from: from.toISOString(), to: to.toISOString() });
  expect(huntId).toBe(SEED_HUNT_ID);
  return { snapshots: SNAPSHOTS, verdictAudit: AUDIT };
};

let dir: string;
let source: TelemetrySource & { close(): Promise<void> };
let hunt: Hunt;
let fourteen: TrendReport;
let seven: TrendReport;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-trends-'));
  const csv = await writeEventsCsv(path.join(dir, 'events.csv'));
  source = createEmbeddedSource(await openTelemetryStore({ mode: 'files', files: [csv] }));
  hunt = findHunt(await loadCatalog(), SEED_HUNT_ID);
  // A 10-day retention keeps the fixture small: the source answers 03-01..03-10, history 02-25..02-28.
  [fourteen, seven] = await Promise.all([
    runTrends({ hunt, source, now, rangeDays: 14, retentionDays: 10, loadTriage }),
    runTrends({ hunt, source, now, rangeDays: 7, retentionDays: 10, loadTriage }),
  ]);
});

afterAll(async () => {
  await source?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const column = <K extends keyof TrendDay>(report: TrendReport, key: K) =>
  Object.fromEntries(report.days.map((d) => [d.day, d[key]]));

describe('14 days: ten from the source, four from recorded runs', () => {
  it('answers in the shape the page parses, asking the store for the range', () => {
    expect(trendReportSchema.safeParse(fourteen).success).toBe(true);
    expect(requests).toContainEqual({ from: '2026-02-25T00:00:00.000Z', to: FIXTURE_NOW });
    expect(fourteen.range).toEqual({ days: 14, start: '2026-02-25T00:00:00.000Z', end: FIXTURE_NOW });
    expect(fourteen.coverage).toEqual({
      retentionDays: 10,
      sourceFrom: '2026-03-01',
      sourceTo: '2026-03-10',
      historyDays: 4,
      missingDays: 0,
      snapshotsUsed: 2,
      snapshotsIgnored: 2,
    });
    expect(fourteen.source).toEqual({ id: 'embedded', label: expect.any(String) });
  });

  it('says where each day comes from, and which days are partial', () => {
    expect(column(fourteen, 'origin')).toEqual({
      '2026-02-25': 'history',
      '2026-02-26': 'history',
      '2026-02-27': 'history',
      '2026-02-28': 'history',
      '2026-03-01': 'source',
      '2026-03-02': 'source',
      '2026-03-03': 'source',
      '2026-03-04': 'source',
      '2026-03-05': 'source',
      '2026-03-06': 'source',
      '2026-03-07': 'source',
      '2026-03-08': 'source',
      '2026-03-09': 'source',
      '2026-03-10': 'source',
    });
    // 02-28: the only run covering it stopped at 23:00; 03-10: today, until noon.
    expect(fourteen.days.filter((d) => d.partial).map((d) => d.day)).toEqual(['2026-02-28', '2026-03-10']);
  });

  it('events per day: the later run for recorded days, the source for the rest', () => {
    expect(column(fourteen, 'events')).toEqual({
      '2026-02-25': 2, // kilo (S2)
      '2026-02-26': 3, // echo (S2)
      '2026-02-27': 2, // echo (S2, not S1's 1)
      '2026-02-28': 1, // echo (S2)
      '2026-03-01': 0,
      '2026-03-02': 1,
      '2026-03-03': 0,
      '2026-03-04': 0,
      '2026-03-05': 2,
      '2026-03-06': 0,
      '2026-03-07': 2,
      '2026-03-08': 2,
      '2026-03-09': 1,
      '2026-03-10': 1,
    });
    expect(fourteen.totals.events).toBe(17);
  });

  it('devices flagged per day, and distinct devices over the range', () => {
    expect(Object.values(column(fourteen, 'devices'))).toEqual([1, 1, 1, 1, 0, 1, 0, 0, 2, 0, 1, 2, 1, 1]);
    // kilo, echo, alpha, bravo, charlie, hotel.
    expect(fourteen.totals.devices).toBe(6);
  });

  it('new devices: unknowable on the first day with data; echo is not new again when the source first sees it', () => {
    expect(column(fourteen, 'newDevices')).toEqual({
      '2026-02-25': null, // nothing is known before it
      '2026-02-26': 1, // echo
      '2026-02-27': 0,
      '2026-02-28': 0,
      '2026-03-01': 0,
      '2026-03-02': 0, // the source's first sight of echo, seen on 02-26 already
      '2026-03-03': 0,
      '2026-03-04': 0,
      '2026-03-05': 1, // alpha
      '2026-03-06': 0,
      '2026-03-07': 0,
      '2026-03-08': 2, // charlie, hotel
      '2026-03-09': 1, // bravo
      '2026-03-10': 0,
    });
    expect(fourteen.totals.newDevices).toBe(5);
  });

  it('verdict mix: each day’s flagged devices by their status at the end of the day', () => {
    const mix = fourteen.days.map((d) => [d.day, d.unreviewed, d.benign, d.suspicious, d.malicious]);
    expect(mix).toEqual([
      ['2026-02-25', 1, 0, 0, 0], // kilo
      ['2026-02-26', 1, 0, 0, 0], // echo, before its verdict
      ['2026-02-27', 0, 1, 0, 0], // echo, Benign at 08:00
      ['2026-02-28', 0, 1, 0, 0],
      ['2026-03-01', 0, 0, 0, 0],
      ['2026-03-02', 0, 1, 0, 0], // echo, Benign without review date
      ['2026-03-03', 0, 0, 0, 0],
      ['2026-03-04', 0, 0, 0, 0],
      ['2026-03-05', 0, 1, 1, 0], // echo; alpha Suspicious at 15:00
      ['2026-03-06', 0, 0, 0, 0],
      ['2026-03-07', 0, 0, 0, 1], // alpha, Malicious since 03-06
      ['2026-03-08', 1, 1, 0, 0], // charlie Benign until 03-09 12:00; hotel
      ['2026-03-09', 1, 0, 0, 0], // bravo (the other hunt's verdict does not count)
      ['2026-03-10', 0, 1, 0, 0], // bravo, Benign at 11:00, before now
    ]);
    // Now: kilo and hotel (reset) have none, charlie's Benign is past its review date.
    expect(fourteen.totals.unreviewedNow).toBe(3);
  });

  it('triage throughput and the median time from first flag to first verdict', () => {
    expect(column(fourteen, 'verdictsSet')).toMatchObject({
      '2026-02-27': 1,
      '2026-03-05': 1,
      '2026-03-06': 1,
      '2026-03-08': 1,
      '2026-03-09': 0, // hotel's reset to unreviewed is no verdict; the other hunt's does not count
      '2026-03-10': 1,
    });
    expect(fourteen.totals.verdictsSet).toBe(5);
    const medians = Object.fromEntries(
      fourteen.days.filter((d) => d.medianMsToVerdict !== null).map((d) => [d.day, d.medianMsToVerdict]),
    );
    expect(medians).toEqual({
      '2026-02-27': 22 * HOUR, // echo: first flagged 02-26 10:00 (a recorded run), verdict 02-27 08:00
      '2026-03-05': 3 * HOUR, // alpha: 12:00 → 15:00 (the second verdict, 03-06, is not its first)
      '2026-03-08': 6 * HOUR, // charlie: 00:00 → 06:00
      '2026-03-10': 27 * HOUR, // bravo: 03-09 08:00 → 03-10 11:00
    });
    expect(fourteen.totals.medianMsToVerdict).toBe(14 * HOUR); // median of 3, 6, 22, 27 hours
    expect(fourteen.totals.verdictsMeasured).toBe(4);
  });

  it('top devices: source and recorded runs added up', () => {
    expect(fourteen.topDevices).toEqual([
      { deviceId: 'dev-echo', deviceName: 'ws-echo.corp.example', events: 8 }, // 2 + 3 + 2 + 1
      { deviceId: 'dev-alpha', deviceName: 'ws-alpha.corp.example', events: 3 },
      { deviceId: 'dev-bravo', deviceName: 'ws-bravo.corp.example', events: 2 },
      { deviceId: 'dev-kilo', deviceName: 'ws-kilo.corp.example', events: 2 },
      { deviceId: 'dev-charlie', deviceName: 'ws-charlie.corp.example', events: 1 },
      { deviceId: 'dev-hotel', deviceName: 'ws-hotel.corp.example', events: 1 },
    ]);
  });

  it('returns the KQL that ran, and every exclusion rule off', () => {
    expect(fourteen.kql.daily).toContain('let Time_start = now(-228h);');
    expect(fourteen.kql.daily).toMatch(
      /\| summarize Events=count\(\), Devices=dcount\(DeviceId\) by Day=bin\(Timestamp, 1d\)$/,
    );
    expect(fourteen.kql.topDevices).toMatch(/\| take 10$/);
    expect(fourteen.kql.impact).toContain('Match_0=(');
    expect(fourteen.exclusions.map((e) => e.enabled)).toEqual([false, false, false, false, false]);
    expect(fourteen.truncated).toBe(false);
  });
});

describe('7 days: all from the source', () => {
  it('counts only the last seven days, from that midnight', () => {
    expect(seven.days.map((d) => d.day)).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    expect(seven.days.every((d) => d.origin === 'source')).toBe(true);
    expect(Object.values(column(seven, 'events'))).toEqual([0, 2, 0, 2, 2, 1, 1]);
    expect(seven.totals.events).toBe(8);
    expect(seven.kql.daily).toContain('now(-156h)');
    // First sight is judged over the whole retention (from 03-01), so every day of the range can tell.
    expect(Object.values(column(seven, 'newDevices'))).toEqual([0, 1, 0, 0, 2, 1, 0]);
    expect(seven.kql.firstSeen).toContain('now(-228h)');
  });

  it('top devices are the source’s own ranking', () => {
    expect(seven.topDevices.map((d) => [d.deviceId, d.events])).toEqual([
      ['dev-alpha', 3],
      ['dev-bravo', 2],
      ['dev-charlie', 1],
      ['dev-echo', 1],
      ['dev-hotel', 1],
    ]);
    expect(seven.coverage).toMatchObject({ historyDays: 0, missingDays: 0 });
  });
});

describe('exclusions and missing history', () => {
  it('with an exclusion on, only recorded runs with that exclusion count', async () => {
    const report = await runTrends({
      hunt,
      source,
      now,
      rangeDays: 14,
      retentionDays: 10,
      exclude: ['veeam-backup'],
      loadTriage,
    });
    expect(report.coverage).toMatchObject({ snapshotsUsed: 1, snapshotsIgnored: 3, historyDays: 4 });
    // S3 covers 02-25 whole: lima's 7 events; it saw nothing on the other days.
    expect(report.days.slice(0, 4).map((d) => d.events)).toEqual([7, 0, 0, 0]);
    expect(report.kql.daily.match(/\| where not\(/g)).toHaveLength(1);
    expect(report.exclusions.find((e) => e.id === 'veeam-backup')?.enabled).toBe(true);
    // The fixture's launches come from explorer.exe: the source's days are unchanged.
    expect(report.days.slice(4).map((d) => d.events)).toEqual(fourteen.days.slice(4).map((d) => d.events));
  });

  it('days no recorded run covers have no numbers, and say so', async () => {
    const report = await runTrends({
      hunt,
      source,
      now,
      rangeDays: 14,
      retentionDays: 10,
      loadTriage: async () => ({ snapshots: [], verdictAudit: [] }),
    });
    expect(
      report.days.slice(0, 4).map((d) => [d.origin, d.events, d.devices, d.newDevices, d.unreviewed]),
    ).toEqual(Array.from({ length: 4 }, () => ['none', null, null, null, null]));
    expect(report.coverage).toMatchObject({ historyDays: 0, missingDays: 4, snapshotsUsed: 0 });
    // Without history the source's first day cannot tell new devices from returning ones.
    expect(report.days[4]).toMatchObject({ day: '2026-03-01', newDevices: null });
    expect(report.days[5]).toMatchObject({ day: '2026-03-02', newDevices: 1 });
    expect(report.totals).toMatchObject({ verdictsSet: 0, medianMsToVerdict: null, unreviewedNow: 5 });
    expect(report.topDevices[0]).toMatchObject({ deviceId: 'dev-alpha', events: 3 });
  });

  it('an unknown exclusion id is refused before anything runs', async () => {
    await expect(
      runTrends({ hunt, source, now, rangeDays: 7, exclude: ['no-such-rule'], loadTriage }),
    ).rejects.toThrow(UnknownExclusionError);
  });
});
