// Test helpers for hunt runs: a small hand-made DeviceProcessEvents export around the seed mRemoteNG hunt,
// written as CSV with every Defender column, and the answer the hunt must give on it, worked out by hand.
import { writeFile } from 'node:fs/promises';
import { toCsv } from '@/lib/csv';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import type { HuntDevice } from './hunt-run';

/** The seed hunt's id in the catalog. */
export const SEED_HUNT_ID = 'a2d8dde6-007d-4bea-964d-97bb81006849';

/** "Now" of every run on the fixture; the seed's 5-day window is [2026-03-05T12:00Z, 2026-03-10T12:00Z]. */
export const FIXTURE_NOW = '2026-03-10T12:00:00.000Z';

export interface FixtureEvent {
  timestamp: string;
  deviceId: string;
  deviceName: string;
  product: string;
  reportId: string;
}

const ev = (timestamp: string, device: string, product: string, reportId: number | string): FixtureEvent => ({
  timestamp,
  deviceId: `dev-${device}`,
  deviceName: `ws-${device}.corp.example`,
  product,
  reportId: String(reportId),
});

export const FIXTURE_EVENTS: readonly FixtureEvent[] = [
  // alpha: the window's first instant (inclusive), two launches on one day, and a non-matching product.
  ev('2026-03-05T12:00:00Z', 'alpha', 'mRemoteNG', 101),
  ev('2026-03-07T09:00:00Z', 'alpha', 'mRemoteNG', 102),
  ev('2026-03-07T18:30:00Z', 'alpha', 'mremoteng', 103),
  ev('2026-03-09T10:00:00Z', 'alpha', 'Microsoft® Windows® Operating System', 104),
  // bravo: the window's last instant (inclusive), and one ReportId seen twice (a set keeps it once).
  ev('2026-03-10T12:00:00Z', 'bravo', 'mremoteng', 201),
  ev('2026-03-09T08:00:00Z', 'bravo', 'mRemoteNG', 201),
  // charlie: 'mRemoteNG Portable' at midnight, a ReportId beyond 2^53, and a near miss that must not count.
  ev('2026-03-08T00:00:00Z', 'charlie', 'mRemoteNG Portable', '9007199254740993'),
  ev('2026-03-09T00:00:00Z', 'charlie', 'mRemoteNGx', 302),
  // hotel: same LastSeen as charlie, so the order between them falls to the device id.
  ev('2026-03-08T00:00:00Z', 'hotel', 'mRemoteNG', 801),
  // delta: only near misses.
  ev('2026-03-08T00:00:00Z', 'delta', 'mRemoteNGx', 401),
  ev('2026-03-09T00:00:00Z', 'delta', 'NotmRemoteNG', 402),
  // echo: one second before the 5-day window and eight days back; both inside a 10-day window.
  ev('2026-03-05T11:59:59Z', 'echo', 'mRemoteNG', 501),
  ev('2026-03-02T06:00:00Z', 'echo', 'mRemoteNG', 502),
  // foxtrot: one second after "now", outside every window.
  ev('2026-03-10T12:00:01Z', 'foxtrot', 'mRemoteNG', 601),
  // golf: ordinary noise.
  ev('2026-03-08T12:00:00Z', 'golf', 'Microsoft® Windows® Operating System', 701),
];

/** The devices of the seed hunt on FIXTURE_EVENTS at FIXTURE_NOW, in the order a run returns them. */
export function expectedDevices(lookback: '5d' | '10d'): HuntDevice[] {
  const device = (
    name: string,
    firstSeen: string,
    lastSeen: string,
    count: number,
    reportIds: (number | string)[],
    activity: [string, number][],
  ): HuntDevice => ({
    deviceId: `dev-${name}`,
    deviceName: `ws-${name}.corp.example`,
    firstSeen,
    lastSeen,
    count,
    reportIds,
    activity: activity.map(([day, n]) => ({ day, count: n })),
  });
  const devices = [
    device(
      'bravo',
      '2026-03-09T08:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
      2,
      [201],
      [
        ['2026-03-09', 1],
        ['2026-03-10', 1],
      ],
    ),
    device(
      'charlie',
      '2026-03-08T00:00:00.000Z',
      '2026-03-08T00:00:00.000Z',
      1,
      ['9007199254740993'],
      [['2026-03-08', 1]],
    ),
    device('hotel', '2026-03-08T00:00:00.000Z', '2026-03-08T00:00:00.000Z', 1, [801], [['2026-03-08', 1]]),
    device(
      'alpha',
      '2026-03-05T12:00:00.000Z',
      '2026-03-07T18:30:00.000Z',
      3,
      [101, 102, 103],
      [
        ['2026-03-05', 1],
        ['2026-03-07', 2],
      ],
    ),
  ];
  if (lookback === '10d') {
    devices.push(
      device(
        'echo',
        '2026-03-02T06:00:00.000Z',
        '2026-03-05T11:59:59.000Z',
        2,
        [501, 502],
        [
          ['2026-03-02', 1],
          ['2026-03-05', 1],
        ],
      ),
    );
  }
  return devices;
}

/** ReportId sets come back in no particular order; tests compare them sorted. */
export function withSortedReportIds(devices: readonly HuntDevice[]): HuntDevice[] {
  // The why-flagged signals are checked on their own (lib/signals); the hand-worked answer is the device list.
  return devices.map(({ signals: _signals, ...d }) => ({
    ...d,
    reportIds: [...d.reportIds].sort((a, b) => String(a).localeCompare(String(b))),
  }));
}

/**
 * Writes `events` as a Defender CSV export with every DeviceProcessEvents column (or all but `omit`).
 * Columns the fixture does not care about get plausible values or stay empty, as real exports do.
 */
export async function writeEventsCsv(
  file: string,
  events: readonly FixtureEvent[] = FIXTURE_EVENTS,
  { omit = [] }: { omit?: readonly string[] } = {},
): Promise<string> {
  const columns = deviceProcessEvents.columns.map((c) => c.name).filter((name) => !omit.includes(name));
  const rows = events.map((e, i) => {
    const values: Record<string, string> = {
      Timestamp: e.timestamp,
      DeviceId: e.deviceId,
      DeviceName: e.deviceName,
      ActionType: 'ProcessCreated',
      FileName: e.product.startsWith('Microsoft') ? 'notepad.exe' : 'mRemoteNG.exe',
      FolderPath: 'C:\\Program Files\\Tools',
      FileSize: '1048576',
      ProcessVersionInfoProductName: e.product,
      ProcessId: String(4000 + i),
      ProcessCommandLine: '"mRemoteNG.exe"',
      ProcessCreationTime: e.timestamp,
      AccountDomain: 'corp',
      AccountName: 'admin',
      LogonId: '999',
      InitiatingProcessFileName: 'explorer.exe',
      InitiatingProcessId: '1200',
      InitiatingProcessCreationTime: '2026-03-01T08:00:00Z',
      ReportId: e.reportId,
      AdditionalFields: '{}',
    };
    return columns.map((name) => values[name] ?? '');
  });
  await writeFile(file, toCsv(columns, rows));
  return file;
}
