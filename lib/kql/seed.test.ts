// The seed rule (mRemoteNG create-process hunt) end to end: composed, translated, run on DuckDB against a
// hand-made DeviceProcessEvents fixture whose answer was worked out by hand.
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { composeHunt } from './compose';
import { createTable, openDatabase, type Row, runKql, SEED_QUERY } from './test-support';

const SEED = SEED_QUERY;

const NOW = new Date('2026-11-30T12:00:00.000Z');
const tables = { [deviceProcessEvents.name]: deviceProcessEvents.columns };
const at = (iso: string) => new Date(iso);

// Window: 2026-11-25T12:00:00Z .. 2026-11-30T12:00:00Z, both ends included.
const EVENTS: Row[] = [
  // dev-a: three matches on three days, ReportId 2 twice.
  {
    DeviceId: 'dev-a',
    DeviceName: 'alpha',
    Timestamp: at('2026-11-27T08:00:00Z'),
    ProcessVersionInfoProductName: 'mRemoteNG',
    ReportId: 1,
    ProcessCommandLine: 'mRemoteNG.exe',
  },
  {
    DeviceId: 'dev-a',
    DeviceName: 'alpha',
    Timestamp: at('2026-11-28T09:30:00Z'),
    ProcessVersionInfoProductName: 'mRemoteNG Portable',
    ReportId: 2,
    ProcessCommandLine: 'powershell Update-Module Az',
  },
  {
    DeviceId: 'dev-a',
    DeviceName: 'alpha',
    Timestamp: at('2026-11-29T10:00:00Z'),
    ProcessVersionInfoProductName: 'mRemoteNG',
    ReportId: 2,
  },
  // dev-b: exactly on both window edges (kept), and just outside each edge (dropped).
  {
    DeviceId: 'dev-b',
    DeviceName: 'bravo',
    Timestamp: at('2026-11-25T12:00:00.000Z'),
    ProcessVersionInfoProductName: 'MREMOTENG',
    ReportId: 7,
  },
  {
    DeviceId: 'dev-b',
    DeviceName: 'bravo',
    Timestamp: at('2026-11-30T12:00:00.000Z'),
    ProcessVersionInfoProductName: 'mRemoteNG',
    ReportId: 8,
  },
  {
    DeviceId: 'dev-b',
    DeviceName: 'bravo',
    Timestamp: at('2026-11-25T11:59:59.999Z'),
    ProcessVersionInfoProductName: 'mRemoteNG',
    ReportId: 9,
  },
  {
    DeviceId: 'dev-b',
    DeviceName: 'bravo',
    Timestamp: at('2026-11-30T12:00:00.001Z'),
    ProcessVersionInfoProductName: 'mRemoteNG',
    ReportId: 10,
  },
  // dev-c: only near misses on the term boundary.
  {
    DeviceId: 'dev-c',
    DeviceName: 'charlie',
    Timestamp: at('2026-11-29T00:00:00Z'),
    ProcessVersionInfoProductName: 'mRemoteNGx',
    ReportId: 11,
  },
  {
    DeviceId: 'dev-c',
    DeviceName: 'charlie',
    Timestamp: at('2026-11-29T00:00:00Z'),
    ProcessVersionInfoProductName: 'NotmRemoteNG',
    ReportId: 12,
  },
  // dev-d: no product name at all; dev-e: another product.
  {
    DeviceId: 'dev-d',
    DeviceName: 'delta',
    Timestamp: at('2026-11-29T00:00:00Z'),
    ProcessVersionInfoProductName: null,
    ReportId: 13,
  },
  {
    DeviceId: 'dev-e',
    DeviceName: 'echo',
    Timestamp: at('2026-11-29T00:00:00Z'),
    ProcessVersionInfoProductName: 'Microsoft Windows',
    ReportId: 14,
  },
  // dev-f: a match whose DeviceName and ReportId are missing.
  {
    DeviceId: 'dev-f',
    DeviceName: null,
    Timestamp: at('2026-11-26T00:00:00Z'),
    ProcessVersionInfoProductName: 'mRemoteNG',
    ReportId: null,
  },
];

let db: DuckDBConnection;

beforeAll(async () => {
  db = await openDatabase();
  await createTable(db, deviceProcessEvents.name, deviceProcessEvents.columns, EVENTS);
});

const byDevice = (rows: Row[]) =>
  [...rows]
    .sort((a, b) => String(a.DeviceId).localeCompare(String(b.DeviceId)))
    .map((r) => ('Report' in r ? { ...r, Report: [...(r.Report as number[])].sort((x, y) => x - y) } : r));

describe('the seed hunt on a hand-made fixture', () => {
  test('devices: first/last seen, distinct reports and counts, window ends included', async () => {
    const rows = await runKql(db, SEED, tables, NOW);
    expect(byDevice(rows)).toEqual([
      {
        DeviceId: 'dev-a',
        DeviceName: 'alpha',
        FirstSeen: '2026-11-27T08:00:00.000Z',
        LastSeen: '2026-11-29T10:00:00.000Z',
        Report: [1, 2],
        Count: 3,
      },
      {
        DeviceId: 'dev-b',
        DeviceName: 'bravo',
        FirstSeen: '2026-11-25T12:00:00.000Z',
        LastSeen: '2026-11-30T12:00:00.000Z',
        Report: [7, 8],
        Count: 2,
      },
      {
        DeviceId: 'dev-f',
        DeviceName: '',
        FirstSeen: '2026-11-26T00:00:00.000Z',
        LastSeen: '2026-11-26T00:00:00.000Z',
        Report: [],
        Count: 1,
      },
    ]);
  });

  test('the composed device query without options gives the same answer', async () => {
    const { devices } = composeHunt(SEED);
    expect(byDevice(await runKql(db, devices, tables, NOW))).toEqual(
      byDevice(await runKql(db, SEED, tables, NOW)),
    );
  });

  test('timeline: events per device and UTC day', async () => {
    const rows = await runKql(db, composeHunt(SEED).timeline, tables, NOW);
    const lines = rows.map((r) => `${r.DeviceId} ${String(r.Day).slice(0, 10)} ${r.Count}`).sort();
    expect(lines).toEqual([
      'dev-a 2026-11-27 1',
      'dev-a 2026-11-28 1',
      'dev-a 2026-11-29 1',
      'dev-b 2026-11-25 1',
      'dev-b 2026-11-30 1',
      'dev-f 2026-11-26 1',
    ]);
  });

  test('an exclusion removes matching events before the summary (and a NULL command line is not excluded)', async () => {
    const { devices } = composeHunt(SEED, { exclusions: ["ProcessCommandLine has 'Update-Module'"] });
    const rows = byDevice(await runKql(db, devices, tables, NOW));
    expect(rows.map((r) => [r.DeviceId, r.Count, r.Report])).toEqual([
      ['dev-a', 2, [1, 2]],
      ['dev-b', 2, [7, 8]],
      ['dev-f', 1, []],
    ]);
  });

  test('a shorter lookback narrows the window', async () => {
    const composed = composeHunt(SEED, { lookbackMs: 2 * 86_400_000 });
    const rows = byDevice(await runKql(db, composed.devices, tables, NOW));
    expect(rows.map((r) => [r.DeviceId, r.Count, r.FirstSeen])).toEqual([
      ['dev-a', 1, '2026-11-29T10:00:00.000Z'],
      ['dev-b', 1, '2026-11-30T12:00:00.000Z'],
    ]);
  });

  test('the events query returns the matching rows themselves', async () => {
    const rows = await runKql(db, composeHunt(SEED).events, tables, NOW);
    expect(rows.map((r) => r.ReportId).sort()).toEqual([1, 2, 2, 7, 8, null].sort());
  });
});
