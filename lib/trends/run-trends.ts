// Computes the trends of one hunt: two queries on the telemetry source, per device and UTC day over the
// source's retention (the matched events with the hunt's exclusions applied, and the exclusions' impact), from
// which every source series and impact of any range is added up; recorded runs for days older than the source
// keeps; and the verdict audit log for triage; combined by buildTrendSeries.
import { type Hunt, huntSummary } from '@/lib/hunts/catalog';
import { composeImpact as composeImpactQuery, impactOf } from '@/lib/hunts/exclusion-impact';
import { selectExclusions } from '@/lib/hunts/exclusions';
import type { CustomPredicate } from '@/lib/hunts/run-hunt';
import { memoizeComposer } from '@/lib/kql/compose-memo';
import { composeDailySeries } from '@/lib/kql/compose-series';
import type { Caller, TelemetrySource } from '@/lib/sources/types';
import type { AuditEntry, RunSnapshot } from '@/lib/triage/types';
import { buildTrendSeries } from './build-series';
import { historyFromSnapshots } from './history';
import {
  dailyFromDeviceDays,
  newDevicesFromDeviceDays,
  readDeviceDays,
  rowsOfDays,
  topFromDeviceDays,
} from './source-series';
import type { TrendReport } from './trend-report';
import { DAY_MS, SOURCE_RETENTION_DAYS, trendWindow, utcDay } from './trend-window';

// The same trends asked again (another user, a range switched back) compose the same queries.
const composeSeries = memoizeComposer(composeDailySeries);
const composeImpact = memoizeComposer(composeImpactQuery);

export const TOP_DEVICES = 10;

/** What triage has kept about a hunt: recorded runs in a time span, and the verdict entries of the audit log. */
export interface TriageRecords {
  snapshots: RunSnapshot[];
  verdictAudit: AuditEntry[];
}

export type TriageRecordsLoader = (huntId: string, from: Date, to: Date) => Promise<TriageRecords>;

export interface RunTrendsOptions {
  hunt: Hunt;
  source: TelemetrySource;
  now: Date;
  /** UTC days, today included. */
  rangeDays: number;
  /** Ids of the hunt's exclusion rules to apply; an unknown id throws UnknownExclusionError. */
  exclude?: readonly string[];
  /** Custom exclusions in effect, applied after the rules as every run applies them. */
  custom?: readonly CustomPredicate[];
  loadTriage: TriageRecordsLoader;
  retentionDays?: number;
  top?: number;
  signal?: AbortSignal;
  /** Who asked: on-behalf-of sources use their token, the guard their rate limit. */
  caller?: Caller;
}

export async function runTrends({
  hunt,
  source,
  now,
  rangeDays,
  exclude = [],
  custom = [],
  loadTriage,
  retentionDays = SOURCE_RETENTION_DAYS,
  top = TOP_DEVICES,
  signal,
  caller,
}: RunTrendsOptions): Promise<TrendReport> {
  const started = performance.now();
  const window = trendWindow(now, rangeDays, retentionDays);
  const rules = selectExclusions(hunt.exclusions, exclude);
  const enabled = new Set(rules.map((r) => r.id));
  const exclusions = [...rules, ...custom].map((r) => r.predicate);
  // Recorded runs carry custom exclusions as `custom:<id>` (lib/hunts/run-snapshot.ts).
  const inEffect = [...enabled, ...custom.map((c) => `custom:${c.id}`)];
  // Each series as a query of its own, with the window the series covers: what the answer shows, to check a
  // figure in the source's console. They are not run: every one is derived from the per-device-and-day rows.
  const inRange = composeSeries(hunt.query, { lookbackMs: window.sourceLookbackMs, exclusions, top });
  const inRetention = composeSeries(hunt.query, { lookbackMs: window.retentionLookbackMs, exclusions, top });
  // The one series query that runs looks back whole days (`now(-30d)`): its text stays the same all day and
  // for every range, so repeats and range switches are answered from the source guard's cache. It reaches
  // into the day before the retention's first, whose rows are dropped here.
  const series = composeSeries(hunt.query, { lookbackMs: retentionDays * DAY_MS, exclusions, top });
  const firstRetainedDay = utcDay(now.getTime() - window.retentionLookbackMs);
  // The toggles' figures describe the source's part of the range, measured as the devices page measures them.
  // Measured with the custom exclusions among the others in effect, as a run measures them. Per device and
  // day over the same whole days as the series, so that one answer serves every range.
  const measured = [...hunt.exclusions, ...custom];
  const impactKql = hunt.exclusions.length
    ? composeImpact(hunt.query, { lookbackMs: retentionDays * DAY_MS, rules: measured, perDay: true })
    : undefined;

  const run = (kql: string) => source.run(kql, { now, signal, caller });
  const [seriesResult, impactPerDay, triage] = await Promise.all([
    run(series.deviceDays),
    impactKql === undefined ? undefined : run(impactKql),
    loadTriage(hunt.id, window.start, now),
  ]);
  const impact = impactPerDay && rowsOfDays(impactPerDay, window.sourceDays);
  const deviceDays = readDeviceDays(seriesResult).filter((row) => row.day >= firstRetainedDay);

  const history = historyFromSnapshots(
    triage.snapshots.filter((s) => s.huntId === hunt.id),
    { days: window.historyDays, exclusions: inEffect, sourceId: source.id },
  );
  const built = buildTrendSeries({
    window,
    daily: dailyFromDeviceDays(deviceDays, window.sourceDays),
    newDevices: newDevicesFromDeviceDays(deviceDays),
    deviceDays,
    topDevices: topFromDeviceDays(deviceDays, window.sourceDays, top),
    topCount: top,
    history,
    verdictAudit: triage.verdictAudit.filter((e) => e.huntId === hunt.id && e.entity === 'verdict'),
  });
  const measuredEnabled = new Set([...enabled, ...custom.map((c) => c.id)]);
  const impacts = impact ? impactOf(measured, measuredEnabled, impact).slice(0, hunt.exclusions.length) : [];
  const historyDays = built.days.filter((d) => d.origin === 'history').length;

  return {
    hunt: huntSummary(hunt),
    source: { id: source.id, label: source.label },
    range: { days: rangeDays, start: window.start.toISOString(), end: now.toISOString() },
    coverage: {
      retentionDays,
      sourceFrom: window.sourceDays[0] ?? '',
      sourceTo: window.sourceDays[window.sourceDays.length - 1] ?? '',
      historyDays,
      missingDays: window.historyDays.length - historyDays,
      snapshotsUsed: history.used,
      snapshotsIgnored: history.ignored,
    },
    ...built,
    kql: {
      daily: inRange.daily,
      firstSeen: inRetention.firstSeen,
      deviceDays: series.deviceDays,
      topDevices: inRange.topDevices,
      ...(impactKql ? { impact: impactKql } : {}),
    },
    exclusions: hunt.exclusions.map((rule, i) => ({
      id: rule.id,
      title: rule.title,
      scenario: rule.scenario,
      enabled: enabled.has(rule.id),
      impact: impacts[i] ?? { events: 0, devices: 0, devicesGone: 0 },
    })),
    truncated: [seriesResult, impact].some((r) => r?.truncated ?? false),
    ranAt: new Date().toISOString(),
    elapsedMs: Math.round(performance.now() - started),
  };
}
