// Reshapes a trends answer for the Trends page: the rows each chart draws, the same data as a table (for the
// table view and screen readers) and as CSV, the runs of days that came from the source, from recorded runs
// or from nowhere, and the words that title a chart with its range and source. No React here.
import { toCsv } from '@/lib/csv';
import type { TrendDay, TrendOrigin, TrendReport } from './trend-report';

export const trendSubjects = [
  'events',
  'devices',
  'new-devices',
  'verdicts',
  'triage',
  'top-devices',
] as const;
export type TrendSubject = (typeof trendSubjects)[number];

export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  /** The header, with its unit where it has one. */
  label: string;
  numeric: boolean;
}

export interface ChartTable {
  /** A hunt's trend subject, or a fleet-wide series such as `unapproved-rmm`. */
  subject: TrendSubject | 'unapproved-rmm';
  columns: TableColumn[];
  rows: Record<string, Cell>[];
}

const HOUR_MS = 3_600_000;

/** Milliseconds as hours with one decimal, the unit the triage chart uses; null stays null. */
export function toHours(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10;
}

/** What a day's origin means, in words. */
export function originLabel(origin: TrendOrigin, sourceLabel: string): string {
  return origin === 'source' ? sourceLabel : origin === 'history' ? 'recorded runs' : 'no data';
}

/** The row the triage chart draws for a day: verdicts set, and the median delay in hours. */
export interface TriageRow {
  day: string;
  origin: TrendOrigin;
  verdictsSet: number;
  medianHours: number | null;
  verdictsMeasured: number;
}

export function triageRows(days: readonly TrendDay[]): TriageRow[] {
  return days.map((d) => ({
    day: d.day,
    origin: d.origin,
    verdictsSet: d.verdictsSet,
    medianHours: toHours(d.medianMsToVerdict),
    verdictsMeasured: d.verdictsMeasured,
  }));
}

const dayColumns: TableColumn[] = [
  { key: 'day', label: 'Day (UTC)', numeric: false },
  { key: 'origin', label: 'From', numeric: false },
];

const DAILY_COLUMNS: Record<Exclude<TrendSubject, 'top-devices'>, TableColumn[]> = {
  events: [{ key: 'events', label: 'Events matched', numeric: true }],
  devices: [{ key: 'devices', label: 'Devices flagged', numeric: true }],
  'new-devices': [{ key: 'newDevices', label: 'Devices seen for the first time', numeric: true }],
  verdicts: [
    { key: 'unreviewed', label: 'Unreviewed', numeric: true },
    { key: 'benign', label: 'Benign', numeric: true },
    { key: 'suspicious', label: 'Suspicious', numeric: true },
    { key: 'malicious', label: 'Malicious', numeric: true },
  ],
  triage: [
    { key: 'verdictsSet', label: 'Verdicts set', numeric: true },
    { key: 'medianHours', label: 'Median first flag to first verdict (hours)', numeric: true },
    { key: 'verdictsMeasured', label: 'Devices in the median', numeric: true },
  ],
};

/** The data behind one chart as a table: a row per day (or per device), in the chart's order. */
export function trendTable(report: TrendReport, subject: TrendSubject): ChartTable {
  if (subject === 'top-devices') {
    return {
      subject,
      columns: [
        { key: 'rank', label: 'Rank', numeric: true },
        { key: 'deviceName', label: 'Device', numeric: false },
        { key: 'deviceId', label: 'Device ID', numeric: false },
        { key: 'events', label: 'Events matched', numeric: true },
      ],
      rows: report.topDevices.map((d, i) => ({ rank: i + 1, ...d })),
    };
  }
  const columns = [...dayColumns, ...DAILY_COLUMNS[subject]];
  const triage = new Map(triageRows(report.days).map((r) => [r.day, r]));
  const rows = report.days.map((d) => {
    const values: Record<string, unknown> = { ...d, ...triage.get(d.day) };
    const row: Record<string, Cell> = {};
    for (const c of columns) {
      const v = values[c.key];
      row[c.key] = typeof v === 'number' || typeof v === 'string' ? v : null;
    }
    row.origin = originLabel(d.origin, report.source.label) + (d.partial ? ' (part of the day)' : '');
    return row;
  });
  return { subject, columns, rows };
}

/** The table as CSV (RFC 4180); missing values are empty cells. */
export function tableCsv(table: ChartTable): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((row) => table.columns.map((c) => row[c.key] ?? '')),
  );
}

/** A file name that says what, which range and when: `huntboard-events-30d-2026-11-01.csv`. */
export function csvFileName(report: TrendReport, subject: TrendSubject): string {
  return `huntboard-${subject}-${report.range.days}d-${report.range.end.slice(0, 10)}.csv`;
}

export interface OriginSpan {
  origin: TrendOrigin;
  /** First and last day of the run of days, inclusive. */
  from: string;
  to: string;
  days: number;
}

/** Consecutive days with the same origin, oldest first: what the charts shade. */
export function originSpans(days: readonly Pick<TrendDay, 'day' | 'origin'>[]): OriginSpan[] {
  const spans: OriginSpan[] = [];
  for (const d of days) {
    const last = spans[spans.length - 1];
    if (last && last.origin === d.origin) {
      last.to = d.day;
      last.days += 1;
    } else {
      spans.push({ origin: d.origin, from: d.day, to: d.day, days: 1 });
    }
  }
  return spans;
}

/** "last 30 days", the range a chart title states. */
export function rangeLabel(report: Pick<TrendReport, 'range'>): string {
  return `last ${report.range.days} days`;
}

/** The source a chart title states: the telemetry source, and recorded runs when they supplied days. */
export function sourcesLabel(report: Pick<TrendReport, 'source' | 'coverage'>): string {
  return report.coverage.historyDays > 0 ? `${report.source.label} + recorded runs` : report.source.label;
}

/** Why a chart has nothing to draw, in words a person can act on; null when it has something. */
export function emptyReason(
  report: Pick<TrendReport, 'range' | 'days' | 'totals' | 'topDevices' | 'exclusions' | 'coverage'>,
  subject: TrendSubject,
): string | null {
  const span = `the last ${report.range.days} days`;
  const excluded = report.exclusions.filter((e) => e.enabled).length;
  const withExclusions =
    excluded > 0 ? ` with ${excluded === 1 ? 'the exclusion' : 'the exclusions'} on` : '';
  if (subject !== 'triage' && report.days.every((d) => d.origin === 'none')) {
    return `No data covers ${span}: the source keeps ${report.coverage.retentionDays} days and no recorded runs reach this far.`;
  }
  switch (subject) {
    case 'events':
    case 'devices':
    case 'new-devices':
      return report.totals.events === 0 ? `No event matched the hunt in ${span}${withExclusions}.` : null;
    case 'verdicts':
      return report.totals.devices === 0
        ? `No device was flagged in ${span}${withExclusions}: nothing to triage.`
        : null;
    case 'triage':
      return report.totals.verdictsSet === 0
        ? `No verdict was set in ${span}. Verdicts show here as triagers review flagged devices.`
        : null;
    case 'top-devices':
      return report.topDevices.length === 0
        ? `No device matched the hunt in ${span}${withExclusions}.`
        : null;
  }
}

/** A daily series' last seven whole days against the seven before them. */
export interface WeekChange {
  current: number;
  previous: number;
  /** Rounded percent change; null when the week before had none to compare with. */
  percent: number | null;
}

type DailyKey = 'events' | 'devices' | 'newDevices' | 'verdictsSet';

/**
 * The last 7 whole days (today's partial day left out) against the 7 days before them, summed (`sum`) or as
 * a daily mean (`mean`, for counts that must not be added up across days, such as devices per day). Null
 * when the range has fewer than 14 whole days, or any of them has no data: an honest "cannot say".
 */
export function weekOverWeek(
  days: readonly Pick<TrendDay, 'partial' | 'origin' | DailyKey>[],
  key: DailyKey,
  how: 'sum' | 'mean' = 'sum',
): WeekChange | null {
  const whole = days.filter((d) => !d.partial);
  const fortnight = whole.slice(-14);
  if (fortnight.length < 14) return null;
  const values = fortnight.map((d) => (d.origin === 'none' ? null : d[key]));
  if (values.some((v) => v === null)) return null;
  const total = (part: (number | null)[]) => {
    const sum = part.reduce<number>((a, b) => a + (b ?? 0), 0);
    return how === 'mean' ? Math.round((sum / part.length) * 10) / 10 : sum;
  };
  const previous = total(values.slice(0, 7));
  const current = total(values.slice(7));
  const percent = previous === 0 ? null : Math.round(((current - previous) / previous) * 100);
  return { current, previous, percent };
}

/** "▲ 12% on the week before", the words beside a chart's headline; "" when there is nothing to compare. */
export function weekChangeText(change: WeekChange | null): string {
  if (!change) return '';
  if (change.percent === null)
    return change.current === 0 ? 'none this week or the week before' : 'none the week before';
  if (change.percent === 0) return 'same as the week before';
  return `${change.percent > 0 ? '▲' : '▼'} ${Math.abs(change.percent)}% on the week before`;
}
