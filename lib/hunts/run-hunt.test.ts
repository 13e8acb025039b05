// The seed hunt run end to end on the embedded engine, reading a hand-made CSV export whose answer was worked
// out by hand: which devices, their first/last seen, counts, ReportId sets, per-day activity and order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { TelemetrySource } from '@/lib/sources/types';
import { type Hunt, loadCatalog } from './catalog';
import type { HuntRun } from './hunt-run';
import { huntRunSchema } from './hunt-run';
import { findHunt, HuntNotFoundError, HuntShapeError, runHunt, utcDays } from './run-hunt';
import { lookbackSchema, runHuntQuerySchema } from './run-request';
import {
  expectedDevices,
  FIXTURE_NOW,
  SEED_HUNT_ID,
  withSortedReportIds,
  writeEventsCsv,
} from './test-support';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const now = new Date(FIXTURE_NOW);

let dir: string;
let source: TelemetrySource & { close(): Promise<void> };
let hunt: Hunt;
let run5d: HuntRun;
let run10d: HuntRun;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-run-hunt-'));
  const csv = await writeEventsCsv(path.join(dir, 'events.csv'));
  source = createEmbeddedSource(await openTelemetryStore({ mode: 'files', files: [csv] }));
  hunt = findHunt(await loadCatalog(), SEED_HUNT_ID);
  [run5d, run10d] = await Promise.all([
    runHunt({ hunt, source, now }),
    runHunt({ hunt, source, now, lookbackMs: 10 * DAY_MS }),
  ]);
});

afterAll(async () => {
  await source?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ids = (run: HuntRun) => run.devices.map((d) => d.deviceId);

describe('runHunt with the hunt’s own 5-day window', () => {
  it('returns exactly the hand-computed devices, with their times, counts, ReportIds and activity', () => {
    expect(withSortedReportIds(run5d.devices)).toEqual(expectedDevices('5d'));
    expect(run5d.rowCount).toBe(4);
    expect(run5d.truncated).toBe(false);
    // What the API promises to return, checked against the schema the page parses it with.
    expect(huntRunSchema.safeParse(run5d).success).toBe(true);
  });

  it('matches the spellings `has` matches and not the near misses', () => {
    // alpha: 'mRemoteNG' and 'mremoteng'; charlie: 'mRemoteNG Portable'.
    expect(ids(run5d)).toEqual(expect.arrayContaining(['dev-alpha', 'dev-charlie']));
    // delta has only 'mRemoteNGx' and 'NotmRemoteNG'; golf only Windows noise.
    expect(ids(run5d)).not.toContain('dev-delta');
    expect(ids(run5d)).not.toContain('dev-golf');
    // charlie's 'mRemoteNGx' launch and alpha's Windows event are not counted.
    const byId = new Map(run5d.devices.map((d) => [d.deviceId, d]));
    expect(byId.get('dev-charlie')?.count).toBe(1);
    expect(byId.get('dev-alpha')?.count).toBe(3);
  });

  it('includes both edges of the window and nothing a second beyond either', () => {
    const byId = new Map(run5d.devices.map((d) => [d.deviceId, d]));
    expect(byId.get('dev-alpha')?.firstSeen).toBe(run5d.window.start);
    expect(byId.get('dev-bravo')?.lastSeen).toBe(run5d.window.end);
    expect(ids(run5d)).not.toContain('dev-echo'); // one second before the start
    expect(ids(run5d)).not.toContain('dev-foxtrot'); // one second after now
  });

  it('sorts by LastSeen, most recent first, ties by device id', () => {
    expect(ids(run5d)).toEqual(['dev-bravo', 'dev-charlie', 'dev-hotel', 'dev-alpha']);
  });

  it('keeps a ReportId set with duplicates once, and ReportIds beyond 2^53 as exact strings', () => {
    const byId = new Map(run5d.devices.map((d) => [d.deviceId, d]));
    expect(byId.get('dev-bravo')).toMatchObject({ count: 2, reportIds: [201] });
    expect(byId.get('dev-charlie')?.reportIds).toEqual(['9007199254740993']);
  });

  it('describes the window, the hunt and the source', () => {
    expect(run5d.window).toEqual({
      start: '2026-03-05T12:00:00.000Z',
      end: '2026-03-10T12:00:00.000Z',
      lookback: '5d',
      days: ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'],
    });
    expect(run5d.hunt).toEqual({
      id: SEED_HUNT_ID,
      name: 'Remote Management and Monitoring tool - mRemoteNG - Create Process',
      description: hunt.description,
      tool: 'mRemoteNG',
      tables: ['DeviceProcessEvents'],
      tactics: ['CommandAndControl'],
      techniques: ['T1219'],
      lookback: '5d',
    });
    expect(run5d.source.id).toBe('embedded');
    expect(run5d.source.label).toMatch(/embedded/);
  });

  it('reports the catalog query, unchanged, as the KQL that ran', () => {
    expect(run5d.kql.devices).toBe(hunt.query);
    expect(run5d.kql.timeline).toContain("where ProcessVersionInfoProductName has 'mRemoteNG'");
    expect(run5d.kql.timeline).toMatch(
      /\| summarize Count=count\(\) by DeviceId, Day=bin\(Timestamp, 1d\)\s*$/,
    );
  });
});

describe('runHunt with a lookback override', () => {
  it('10d brings in the device seen only before the hunt’s own window, and still nothing after now', () => {
    expect(withSortedReportIds(run10d.devices)).toEqual(expectedDevices('10d'));
    expect(ids(run10d)).not.toContain('dev-foxtrot');
  });

  it('10d widens the window and its days, across the month boundary', () => {
    expect(run10d.window.start).toBe('2026-02-28T12:00:00.000Z');
    expect(run10d.window.lookback).toBe('10d');
    expect(run10d.window.days).toHaveLength(11);
    expect(run10d.window.days[0]).toBe('2026-02-28');
    expect(run10d.window.days[1]).toBe('2026-03-01');
    expect(run10d.window.days.at(-1)).toBe('2026-03-10');
  });

  it('rewrites only the window start in the KQL that ran', () => {
    expect(run10d.kql.devices).toBe(hunt.query.replace('now(-5d)', 'now(-10d)'));
  });

  it('asks the source one more query for every device’s signals, whatever the number of devices', async () => {
    const ran: string[] = [];
    const counting: TelemetrySource = {
      ...source,
      run: (kql, options) => {
        ran.push(kql);
        return source.run(kql, options);
      },
    };
    const run = await runHunt({ hunt, source: counting, now, lookbackMs: 10 * DAY_MS });
    expect(run.devices.length).toBeGreaterThan(3);
    // devices, timeline, the exclusions' impact, and the signals.
    expect(ran).toHaveLength(4);
    expect(ran.filter((kql) => kql === run.kql.signals)).toHaveLength(1);
    expect(run.devices.every((d) => d.signals !== undefined)).toBe(true);
    expect(run.signals).toEqual({
      available: ['shell-parent', 'user-writable-path', 'renamed-binary', 'new-device', 'unusual-account'],
    });
  });

  it('shapes the rows once for runs that get the very same results, and anew for another instant or switch', async () => {
    // What a source's guard does for identical runs at once: every caller gets the same result objects.
    const answers = new Map<string, Promise<Awaited<ReturnType<TelemetrySource['run']>>>>();
    const sharing: TelemetrySource = {
      ...source,
      run: (kql, options) => {
        const known = answers.get(kql) ?? source.run(kql, options);
        answers.set(kql, known);
        return known;
      },
    };
    const [a, b] = await Promise.all([
      runHunt({ hunt, source: sharing, now }),
      runHunt({ hunt, source: sharing, now }),
    ]);
    expect(b.devices).toBe(a.devices);
    expect(withSortedReportIds(a.devices)).toEqual(expectedDevices('5d'));
    // Signals are read against the run's instant, impacts against its switches: neither is taken from another.
    const later = await runHunt({ hunt, source: sharing, now: new Date(now.getTime() + DAY_MS) });
    expect(later.devices).not.toBe(a.devices);
    const rule = hunt.exclusions[0];
    if (!rule) throw new Error('the seed hunt has no exclusion rule');
    const switched = await runHunt({ hunt, source: sharing, now, exclude: [rule.id] });
    expect(switched.exclusions[0]?.enabled).toBe(true);
    expect(switched.devices).not.toBe(a.devices);
  });

  it('1h keeps only the launch at the window’s end', async () => {
    const run = await runHunt({ hunt, source, now, lookbackMs: HOUR_MS });
    expect(run.window).toMatchObject({
      start: '2026-03-10T11:00:00.000Z',
      lookback: '1h',
      days: ['2026-03-10'],
    });
    // bravo ran the tool the day before: not new in this hour, though new in the 5-day window.
    expect(run.devices[0]?.signals).toMatchObject({ ids: [], firstEvent: '2026-03-09T08:00:00.000Z' });
    expect(run5d.devices.find((d) => d.deviceId === 'dev-bravo')?.signals?.ids).toEqual(['new-device']);
    expect(withSortedReportIds(run.devices)).toEqual([
      {
        deviceId: 'dev-bravo',
        deviceName: 'ws-bravo.corp.example',
        firstSeen: '2026-03-10T12:00:00.000Z',
        lastSeen: '2026-03-10T12:00:00.000Z',
        count: 1,
        reportIds: [201],
        activity: [{ day: '2026-03-10', count: 1 }],
      },
    ]);
  });
});

describe('hunts that cannot give a device list', () => {
  it('findHunt refuses an unknown id, naming it', () => {
    expect(() => findHunt([hunt], 'no-such-hunt')).toThrow(HuntNotFoundError);
    expect(() => findHunt([hunt], 'no-such-hunt')).toThrow(/'no-such-hunt'/);
  });

  it('a hunt whose summary lacks a column the device list needs is a HuntShapeError naming it', async () => {
    const withoutReport: Hunt = {
      ...hunt,
      query: hunt.query.replace('Report=make_set(ReportId), ', ''),
    };
    expect(withoutReport.query).not.toBe(hunt.query);
    const error = await runHunt({ hunt: withoutReport, source, now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HuntShapeError);
    expect((error as Error).message).toContain("'Report'");
  });
});

describe('utcDays', () => {
  const days = (start: string, end: string) => utcDays(new Date(start), new Date(end));

  it('gives the one day of a window inside a day, and of a zero-length window', () => {
    expect(days('2026-03-10T08:00:00Z', '2026-03-10T20:00:00Z')).toEqual(['2026-03-10']);
    expect(days('2026-03-10T12:00:00Z', '2026-03-10T12:00:00Z')).toEqual(['2026-03-10']);
  });

  it('counts an end exactly at midnight as touching that day, and a millisecond earlier as not', () => {
    expect(days('2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual(['2026-03-09', '2026-03-10']);
    expect(days('2026-03-09T00:00:00Z', '2026-03-09T23:59:59.999Z')).toEqual(['2026-03-09']);
    expect(days('2026-03-09T23:59:59.999Z', '2026-03-10T00:00:00Z')).toEqual(['2026-03-09', '2026-03-10']);
  });

  it('walks across leap days, year ends and the epoch', () => {
    expect(days('2028-02-28T12:00:00Z', '2028-03-01T00:00:00Z')).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(days('2026-12-31T23:00:00Z', '2027-01-01T01:00:00Z')).toEqual(['2026-12-31', '2027-01-01']);
    expect(days('1969-12-31T12:00:00Z', '1970-01-01T12:00:00Z')).toEqual(['1969-12-31', '1970-01-01']);
  });

  it('is in UTC whatever offset the instants were written with', () => {
    // 23:30 at -05:00 is 04:30 UTC the next day.
    expect(days('2026-03-09T23:30:00-05:00', '2026-03-10T01:00:00-05:00')).toEqual(['2026-03-10']);
  });

  it('gives no days when the end is before the start, and 181 for the longest lookback', () => {
    expect(days('2026-03-10T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([]);
    const longest = utcDays(new Date(now.getTime() - 180 * DAY_MS), now);
    expect(longest).toHaveLength(181);
    expect(new Set(longest).size).toBe(181);
  });
});

describe('the lookback schema', () => {
  const message = (text: string) => {
    const result = lookbackSchema.safeParse(text);
    return result.success ? undefined : result.error.issues.map((i) => i.message).join('; ');
  };

  it('reads KQL timespans as milliseconds, from 1h to 180d inclusive', () => {
    expect(lookbackSchema.parse('5d')).toBe(5 * DAY_MS);
    expect(lookbackSchema.parse(' 12h ')).toBe(12 * HOUR_MS);
    expect(lookbackSchema.parse('90m')).toBe(1.5 * HOUR_MS);
    expect(lookbackSchema.parse('1h')).toBe(HOUR_MS);
    expect(lookbackSchema.parse('180d')).toBe(180 * DAY_MS);
  });

  it('refuses text that is not a timespan, quoting it and showing the form to use', () => {
    for (const text of ['five days', '5 d', '-5d', '', '1d; drop']) {
      expect(message(text)).toBe(`'${text}' is not a timespan; write it like 5d, 12h or 30m`);
    }
  });

  it('quotes at most 40 characters of what it refuses', () => {
    const long = `${'x'.repeat(40)}SECRET-TAIL`;
    expect(message(long)).toContain(`'${'x'.repeat(40)}'`);
    expect(message(long)).not.toContain('SECRET-TAIL');
  });

  it('refuses lookbacks below 1h and above 180d', () => {
    for (const text of ['59m', '30m', '3599s', '181d', '4321h']) {
      expect(message(text)).toBe('must be between 1h and 180d');
    }
  });

  it('is optional in the run request', () => {
    expect(runHuntQuerySchema.parse({})).toEqual({});
    expect(runHuntQuerySchema.parse({ lookback: '10d' })).toEqual({ lookback: 10 * DAY_MS });
    const bad = runHuntQuerySchema.safeParse({ lookback: '30m' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['lookback']);
  });
});
