// One row per device, whatever else a hunt summarizes by: published catalog hunts group by DeviceId,
// DeviceName plus AccountUpn, so one device with two accounts comes back from the source as two rows. The
// run folds them into one, on a hand-made export run on the embedded engine, and the KQL shown is what ran.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/csv';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { TelemetrySource } from '@/lib/sources/types';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import type { Hunt } from './catalog';
import { huntRunSchema } from './hunt-run';
import { HuntShapeError, runHunt } from './run-hunt';

const now = new Date('2026-03-10T12:00:00Z');

// [time, device, account, url-ish command line, ReportId]
const EVENTS: [string, string, string, string, number][] = [
  // alpha: two accounts, two launches by the first on one day, one by the second on another.
  ['2026-03-07T09:00:00Z', 'alpha', 'ann@corp.example', 'relay.anydesk.com', 11],
  ['2026-03-07T10:00:00Z', 'alpha', 'ann@corp.example', 'relay.anydesk.com', 12],
  ['2026-03-09T08:00:00Z', 'alpha', 'bob@corp.example', 'boot.anydesk.com', 13],
  // bravo: one account, one launch.
  ['2026-03-08T08:00:00Z', 'bravo', 'cat@corp.example', 'relay.anydesk.com', 21],
  // charlie: an event without an account and one with, the same ReportId in both groups.
  ['2026-03-06T08:00:00Z', 'charlie', '', 'relay.anydesk.com', 31],
  ['2026-03-06T09:00:00Z', 'charlie', 'dan@corp.example', 'relay.anydesk.com', 31],
];

const hunt = (summarize: string): Hunt => ({
  id: 'anydesk-by-account',
  name: 'AnyDesk by account',
  description: '',
  requiredDataConnectors: [],
  tactics: ['CommandAndControl'],
  relevantTechniques: ['T1219'],
  file: 'anydesk.yaml',
  tool: 'AnyDesk',
  tables: ['DeviceProcessEvents'],
  lookbackMs: 5 * 86_400_000,
  exclusions: [],
  query: [
    'DeviceProcessEvents',
    '| where Timestamp between (ago(5d) .. now())',
    "| where ProcessVersionInfoProductName has 'AnyDesk'",
    summarize,
  ].join('\n'),
});

const BY_ACCOUNT = hunt(
  '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Report=make_set(ReportId), Count=count() by DeviceId, DeviceName, AccountUpn',
);

let dir: string;
let source: TelemetrySource & { close(): Promise<void> };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-device-rows-'));
  const columns = deviceProcessEvents.columns.map((c) => c.name);
  const rows = EVENTS.map(([time, device, upn, commandLine, reportId]) => {
    const values: Record<string, string> = {
      Timestamp: time,
      DeviceId: `dev-${device}`,
      DeviceName: `${device}.corp.example`,
      ActionType: 'ProcessCreated',
      FileName: 'AnyDesk.exe',
      ProcessVersionInfoProductName: 'AnyDesk',
      ProcessCommandLine: `AnyDesk.exe --connect ${commandLine}`,
      AccountUpn: upn,
      ReportId: String(reportId),
    };
    return columns.map((name) => values[name] ?? '');
  });
  const file = path.join(dir, 'events.csv');
  await writeFile(file, toCsv(columns, rows));
  source = createEmbeddedSource(await openTelemetryStore({ mode: 'files', files: [file] }));
});

afterAll(async () => {
  await source?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a hunt that summarizes by DeviceId, DeviceName, AccountUpn', () => {
  it('lists one row per device, the accounts as a set, counts and times folded, the timeline agreeing', async () => {
    const run = await runHunt({ hunt: BY_ACCOUNT, source, now });
    expect(huntRunSchema.safeParse(run).success).toBe(true);
    const alpha = run.devices.find((d) => d.deviceId === 'dev-alpha');
    expect(run.devices.map((d) => d.deviceId)).toEqual(['dev-alpha', 'dev-bravo', 'dev-charlie']);
    expect(alpha).toMatchObject({
      deviceName: 'alpha.corp.example',
      firstSeen: '2026-03-07T09:00:00.000Z',
      lastSeen: '2026-03-09T08:00:00.000Z',
      count: 3,
      extra: { AccountUpn: ['ann@corp.example', 'bob@corp.example'] },
      activity: [
        { day: '2026-03-07', count: 2 },
        { day: '2026-03-09', count: 1 },
      ],
    });
    expect([...(alpha?.reportIds ?? [])].sort()).toEqual([11, 12, 13]);
    for (const device of run.devices) {
      expect(
        device.activity.reduce((n, a) => n + a.count, 0),
        device.deviceId,
      ).toBe(device.count);
    }
    const charlie = run.devices.find((d) => d.deviceId === 'dev-charlie');
    // An event without an account is one of the device's values too; a ReportId seen in both groups counts once.
    expect(charlie).toMatchObject({
      count: 2,
      reportIds: [31],
      extra: { AccountUpn: ['', 'dan@corp.example'] },
    });
    expect(run.devices.find((d) => d.deviceId === 'dev-bravo')?.extra).toEqual({
      AccountUpn: ['cat@corp.example'],
    });
    expect(run.rowCount).toBe(3);
    // What ran is the hunt's own text: the folding happens on the rows, not in the query.
    expect(run.kql.devices).toBe(BY_ACCOUNT.query);
  });

  it('takes several extra keys, computed ones included, and leaves `extra` out when there are none', async () => {
    const run = await runHunt({
      hunt: hunt(
        '| summarize Count=count(), FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Report=make_set(ReportId) by DeviceId, AccountUpn, DeviceName, Day=bin(Timestamp, 1d)',
      ),
      source,
      now,
    });
    expect(run.devices.find((d) => d.deviceId === 'dev-alpha')).toMatchObject({
      count: 3,
      extra: {
        AccountUpn: ['ann@corp.example', 'bob@corp.example'],
        Day: ['2026-03-07T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      },
    });
    const plain = await runHunt({
      hunt: hunt(
        '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Report=make_set(ReportId), Count=count() by DeviceId, DeviceName',
      ),
      source,
      now,
    });
    expect(plain.devices.find((d) => d.deviceId === 'dev-alpha')).toMatchObject({ count: 3 });
    expect(plain.devices.every((d) => d.extra === undefined)).toBe(true);
  });

  it('refuses to add up a figure that does not add up across the rows of one device', async () => {
    const distinct = hunt(
      '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Report=make_set(ReportId), Count=dcount(ReportId) by DeviceId, DeviceName, AccountUpn',
    );
    await expect(runHunt({ hunt: distinct, source, now })).rejects.toThrow(HuntShapeError);
    await expect(runHunt({ hunt: distinct, source, now })).rejects.toThrow(/'Count' \(dcount\(\)\)/);
  });
});
