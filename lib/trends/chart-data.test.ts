// The reshaping behind the Trends charts: tables and CSV with the chart's numbers, origin spans, titles.
import { describe, expect, it } from 'vitest';
import {
  csvFileName,
  emptyReason,
  originSpans,
  sourcesLabel,
  tableCsv,
  toHours,
  trendTable,
} from './chart-data';
import type { TrendDay, TrendReport } from './trend-report';

const day = (d: string, origin: TrendDay['origin'], values: Partial<TrendDay> = {}): TrendDay => ({
  day: d,
  origin,
  partial: false,
  events: origin === 'none' ? null : 0,
  devices: origin === 'none' ? null : 0,
  newDevices: origin === 'none' ? null : 0,
  unreviewed: null,
  benign: null,
  suspicious: null,
  malicious: null,
  verdictsSet: 0,
  medianMsToVerdict: null,
  verdictsMeasured: 0,
  ...values,
});

const REPORT = {
  source: { id: 'embedded', label: 'embedded (demo data)' },
  range: { days: 4, start: '2026-10-29T00:00:00.000Z', end: '2026-11-01T12:00:00.000Z' },
  coverage: {
    retentionDays: 2,
    sourceFrom: '2026-10-31',
    sourceTo: '2026-11-01',
    historyDays: 1,
    missingDays: 1,
    snapshotsUsed: 1,
    snapshotsIgnored: 0,
  },
  days: [
    day('2026-10-29', 'none'),
    day('2026-10-30', 'history', {
      events: 4,
      devices: 2,
      unreviewed: 2,
      benign: 0,
      suspicious: 0,
      malicious: 0,
    }),
    day('2026-10-31', 'source', {
      events: 12,
      devices: 3,
      newDevices: 1,
      unreviewed: 1,
      benign: 1,
      suspicious: 0,
      malicious: 1,
      verdictsSet: 2,
      medianMsToVerdict: 5_400_000,
      verdictsMeasured: 2,
    }),
    day('2026-11-01', 'source', { events: 7, devices: 2, partial: true }),
  ],
  topDevices: [
    { deviceId: 'd-1', deviceName: '=cmd|calc', events: 9 },
    { deviceId: 'd-2', deviceName: 'pc-2, east', events: 3 },
  ],
} as unknown as TrendReport;

describe('trendTable and tableCsv', () => {
  it('the events table: a row per day, its origin in words, no number where no data', () => {
    const table = trendTable(REPORT, 'events');
    expect(table.columns.map((c) => c.label)).toEqual(['Day (UTC)', 'From', 'Events matched']);
    expect(table.rows).toEqual([
      { day: '2026-10-29', origin: 'no data', events: null },
      { day: '2026-10-30', origin: 'recorded runs', events: 4 },
      { day: '2026-10-31', origin: 'embedded (demo data)', events: 12 },
      { day: '2026-11-01', origin: 'embedded (demo data) (part of the day)', events: 7 },
    ]);
    expect(tableCsv(table)).toBe(
      'Day (UTC),From,Events matched\r\n' +
        '2026-10-29,no data,\r\n' +
        '2026-10-30,recorded runs,4\r\n' +
        '2026-10-31,embedded (demo data),12\r\n' +
        '2026-11-01,embedded (demo data) (part of the day),7\r\n',
    );
  });

  it('the triage table gives the median in hours', () => {
    const row = trendTable(REPORT, 'triage').rows[2];
    expect(row).toEqual({
      day: '2026-10-31',
      origin: 'embedded (demo data)',
      verdictsSet: 2,
      medianHours: 1.5,
      verdictsMeasured: 2,
    });
  });

  it('the verdict table has one column per status', () => {
    const table = trendTable(REPORT, 'verdicts');
    expect(table.columns.map((c) => c.key)).toEqual([
      'day',
      'origin',
      'unreviewed',
      'benign',
      'suspicious',
      'malicious',
    ]);
    expect(table.rows[2]).toMatchObject({ unreviewed: 1, benign: 1, suspicious: 0, malicious: 1 });
  });

  it('top devices: ranked, and names that look like formulas are defused in CSV', () => {
    const table = trendTable(REPORT, 'top-devices');
    expect(table.rows[0]).toEqual({ rank: 1, deviceId: 'd-1', deviceName: '=cmd|calc', events: 9 });
    expect(tableCsv(table)).toBe(
      'Rank,Device,Device ID,Events matched\r\n1,\'=cmd|calc,d-1,9\r\n2,"pc-2, east",d-2,3\r\n',
    );
  });
});

describe('origin spans, titles and names', () => {
  it('groups consecutive days by where they came from', () => {
    expect(originSpans(REPORT.days)).toEqual([
      { origin: 'none', from: '2026-10-29', to: '2026-10-29', days: 1 },
      { origin: 'history', from: '2026-10-30', to: '2026-10-30', days: 1 },
      { origin: 'source', from: '2026-10-31', to: '2026-11-01', days: 2 },
    ]);
    expect(originSpans([])).toEqual([]);
  });

  it('names the sources and the file', () => {
    expect(sourcesLabel(REPORT)).toBe('embedded (demo data) + recorded runs');
    expect(sourcesLabel({ ...REPORT, coverage: { ...REPORT.coverage, historyDays: 0 } })).toBe(
      'embedded (demo data)',
    );
    expect(csvFileName(REPORT, 'new-devices')).toBe('huntboard-new-devices-4d-2026-11-01.csv');
    expect(toHours(null)).toBeNull();
    expect(toHours(90 * 60_000)).toBe(1.5);
  });
});

describe('emptyReason', () => {
  const totals = {
    events: 0,
    devices: 0,
    newDevices: 0,
    verdictsSet: 0,
    medianMsToVerdict: null,
    verdictsMeasured: 0,
    unreviewedNow: 0,
  };
  const quiet = { ...REPORT, totals, topDevices: [], exclusions: [] } as unknown as TrendReport;

  it('says why each chart is empty', () => {
    expect(emptyReason(quiet, 'events')).toBe('No event matched the hunt in the last 4 days.');
    expect(emptyReason(quiet, 'verdicts')).toBe(
      'No device was flagged in the last 4 days: nothing to triage.',
    );
    expect(emptyReason(quiet, 'triage')).toMatch(/^No verdict was set in the last 4 days\./);
    expect(emptyReason(quiet, 'top-devices')).toBe('No device matched the hunt in the last 4 days.');
  });

  it('names the exclusions when they may be the reason, and missing data when nothing covers the range', () => {
    const excluded = {
      ...quiet,
      exclusions: [{ enabled: true }, { enabled: false }],
    } as unknown as TrendReport;
    expect(emptyReason(excluded, 'events')).toBe(
      'No event matched the hunt in the last 4 days with the exclusion on.',
    );
    const uncovered = { ...quiet, days: quiet.days.map((d) => ({ ...d, origin: 'none' })) } as TrendReport;
    expect(emptyReason(uncovered, 'devices')).toMatch(
      /^No data covers the last 4 days: the source keeps 2 days/,
    );
  });

  it('is null when there is something to draw', () => {
    const busy = {
      ...REPORT,
      totals: { ...totals, events: 23, devices: 3, verdictsSet: 2 },
      exclusions: [],
    } as unknown as TrendReport;
    for (const subject of [
      'events',
      'devices',
      'new-devices',
      'verdicts',
      'triage',
      'top-devices',
    ] as const) {
      expect(emptyReason(busy, subject)).toBeNull();
    }
  });
});
