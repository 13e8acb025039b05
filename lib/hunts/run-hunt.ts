// Runs one hunt on a telemetry source: composes its queries, runs them, and shapes the device rows.
import { DomainError, type ProblemInit } from '@/lib/domain-error';
import { composeHunt, type HuntSummaryShape } from '@/lib/kql/compose';
import { memoizeComposer } from '@/lib/kql/compose-memo';
import { huntCannotRun } from '@/lib/kql/errors';
import { kqlTimespan } from '@/lib/kql/literal';
import { composeSignals as composeSignalsQuery } from '@/lib/signals/compose-signals';
import { deviceSignals } from '@/lib/signals/device-signals';
import type { Caller, Cell, QueryResult, TelemetrySource } from '@/lib/sources/types';
import { type Hunt, huntSummary, mainTable } from './catalog';
import { composeImpact as composeImpactQuery, impactOf } from './exclusion-impact';
import { selectExclusions } from './exclusions';
import type { ExclusionImpact, ExtraKeyValue, HuntDevice, HuntRun } from './hunt-run';

const DAY_MS = 86_400_000;

export class HuntNotFoundError extends DomainError {
  override name = 'HuntNotFoundError';
  toProblem(): ProblemInit {
    return { status: 404, title: 'Unknown hunt', detail: this.message };
  }
}

/** The hunt ran but did not return the columns a device list needs: the hunt file must be fixed. */
export class HuntShapeError extends DomainError {
  override name = 'HuntShapeError';
  toProblem(): ProblemInit {
    return huntCannotRun(this);
  }
}

export interface RunHuntOptions {
  hunt: Hunt;
  source: TelemetrySource;
  now: Date;
  /** Overrides the hunt's own lookback. */
  lookbackMs?: number;
  /** Ids of the hunt's exclusion rules to apply; an unknown id throws UnknownExclusionError. */
  exclude?: readonly string[];
  /** Custom exclusions in effect (switched on, not expired), as predicates; they always apply. */
  custom?: readonly CustomPredicate[];
  signal?: AbortSignal;
  /** Who runs it: for per-user rate limits and on-behalf-of sources. */
  caller?: Caller;
}

export interface CustomPredicate {
  id: string;
  predicate: string;
}

// Identical runs compose identical queries; parsing them once spares the parser's milliseconds on every run.
const composeRun = memoizeComposer(composeHunt);
const composeImpact = memoizeComposer(composeImpactQuery);
const composeSignals = memoizeComposer(composeSignalsQuery);

export function findHunt(hunts: readonly Hunt[], id: string): Hunt {
  const hunt = hunts.find((h) => h.id === id);
  if (!hunt) throw new HuntNotFoundError(`No hunt has the id '${id}'.`);
  return hunt;
}

export async function runHunt({
  hunt,
  source,
  now,
  lookbackMs,
  exclude = [],
  custom = [],
  signal,
  caller,
}: RunHuntOptions): Promise<HuntRun> {
  const started = performance.now();
  const enabledRules = selectExclusions(hunt.exclusions, exclude);
  const enabled = new Set([...enabledRules.map((r) => r.id), ...custom.map((c) => c.id)]);
  const composed = composeRun(hunt.query, {
    lookbackMs,
    exclusions: [...enabledRules, ...custom].map((r) => r.predicate),
  });
  // One extra query measures every rule and custom exclusion at once, on the window without exclusions.
  const measured = [...hunt.exclusions, ...custom];
  const impactKql = measured.length ? composeImpact(hunt.query, { lookbackMs, rules: measured }) : undefined;
  // One extra query gives every device's why-flagged signals and their facts (lib/signals).
  const signalsQuery = composeSignals(hunt.query, {
    table: mainTable(hunt),
    lookbackMs,
    exclusions: [...enabledRules, ...custom].map((r) => r.predicate),
  });
  const options = { now, signal, ...(caller ? { caller } : {}) };
  const [devices, timeline, impact, signals] = await Promise.all([
    source.run(composed.devices, options),
    source.run(composed.timeline, options),
    impactKql === undefined ? undefined : source.run(impactKql, options),
    // Signals explain a result; a hunt whose event stage drops the columns they read still lists its devices.
    source.run(signalsQuery.kql, options).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return error instanceof Error ? error : new Error(String(error));
    }),
  ]);
  const signalsFailed = signals instanceof Error ? signals : undefined;
  const noImpact = { events: 0, devices: 0, devicesGone: 0 };
  const start = new Date(now.getTime() - composed.lookbackMs);
  // What the source ran: the same text unless the source rewrites it (Sentinel's TimeGenerated).
  const ran = (kql: string) => source.effectiveQuery?.(kql) ?? kql;
  const ranDevices = ran(composed.devices);
  const consoleLink = source.links?.query?.(ranDevices, composed.lookbackMs);
  const devicePage = source.links?.device;
  // Identical runs at once share their queries' results (the source's guard): their rows are shaped once.
  const shapeKey = `${now.getTime()}\u0000${measured.map((m) => `${m.id}\u0001${enabled.has(m.id)}`).join('\u0000')}`;
  const results = [devices, timeline, impact ?? NO_RESULT, signals, devicePage ?? NO_RESULT];
  const { rows, impacts } = shapedOnce(results, shapeKey, () => {
    const signalsByDevice = signals instanceof Error ? undefined : deviceSignals(signals, signalsQuery, now);
    return {
      impacts: impact ? impactOf(measured, enabled, impact) : [],
      rows: deviceRows(devices, timeline, composed.summary).map((row) => {
        const facts = signalsByDevice?.get(row.deviceId);
        return {
          ...row,
          ...(devicePage ? { devicePage: devicePage(row.deviceId) } : {}),
          ...(facts ? { signals: facts } : {}),
        };
      }),
    };
  });
  return {
    hunt: huntSummary(hunt),
    source: { id: source.id, label: source.label },
    window: {
      start: start.toISOString(),
      end: now.toISOString(),
      lookback: kqlTimespan(composed.lookbackMs),
      days: utcDays(start, now),
    },
    kql: {
      devices: ranDevices,
      timeline: ran(composed.timeline),
      ...(impactKql ? { impact: ran(impactKql) } : {}),
      signals: ran(signalsQuery.kql),
    },
    signals: {
      available: signalsQuery.signals,
      ...(signalsFailed ? { error: `The signals query failed: ${signalsFailed.message}` } : {}),
    },
    ...(consoleLink ? { consoleLink } : {}),
    exclusions: hunt.exclusions.map((rule, i) => ({
      id: rule.id,
      title: rule.title,
      scenario: rule.scenario,
      enabled: enabled.has(rule.id),
      impact: impacts[i] ?? noImpact,
    })),
    customExclusions: custom.map((c, i) => ({
      id: c.id,
      impact: impacts[hunt.exclusions.length + i] ?? noImpact,
    })),
    devices: rows,
    rowCount: rows.length,
    truncated:
      devices.truncated ||
      timeline.truncated ||
      (impact?.truncated ?? false) ||
      (signals instanceof Error ? false : signals.truncated),
    ranAt: new Date().toISOString(),
    elapsedMs: Math.round(performance.now() - started),
  };
}

interface Shaped {
  rows: HuntDevice[];
  impacts: ExclusionImpact[];
}

const NO_RESULT = {};
const SHAPED_PER_RESULT = 8;
// Keyed by the result objects themselves, so an entry lives exactly as long as the source keeps those results.
const shaped = new WeakMap<object, unknown>();

/**
 * `make()`, or what it gave for the same objects (by identity) and key: the rows of runs whose queries got the
 * very same results, e.g. two hundred identical runs at once behind the source's guard.
 */
function shapedOnce(objects: readonly object[], key: string, make: () => Shaped): Shaped {
  let level: WeakMap<object, unknown> = shaped;
  for (const [i, object] of objects.entries()) {
    let next = level.get(object);
    if (next === undefined) {
      next = i === objects.length - 1 ? new Map<string, Shaped>() : new WeakMap<object, unknown>();
      level.set(object, next);
    }
    if (i === objects.length - 1) {
      const byKey = next as Map<string, Shaped>;
      let value = byKey.get(key);
      if (value === undefined) {
        value = make();
        // Runs at other instants on results a cache still serves: the latest few are kept.
        if (byKey.size >= SHAPED_PER_RESULT) byKey.delete(byKey.keys().next().value as string);
        byKey.set(key, value);
      }
      return value;
    }
    level = next as WeakMap<object, unknown>;
  }
  return make();
}

/** Every UTC day (YYYY-MM-DD) that [start, end] touches, oldest first. */
export function utcDays(start: Date, end: Date): string[] {
  const days: string[] = [];
  for (let t = Math.floor(start.getTime() / DAY_MS) * DAY_MS; t <= end.getTime(); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** What the devices query returned for one of its rows, before rows of the same device are folded together. */
interface GroupRow {
  deviceId: string;
  deviceName: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  reportIds: (number | string)[];
  extra: Record<string, ExtraKeyValue[]>;
}

/** Device columns that are keys of every hunt's device list, never extra keys. */
const DEVICE_KEYS = new Set(['DeviceId', 'DeviceName']);

// How each column the device list reads folds across the rows of one device, by the aggregate that made it.
const FOLDABLE: Record<'Count' | 'FirstSeen' | 'LastSeen' | 'Report', ReadonlySet<string>> = {
  Count: new Set(['count', 'countif', 'sum']),
  FirstSeen: new Set(['min']),
  LastSeen: new Set(['max']),
  Report: new Set(['make_set', 'make_set_if', 'make_list', 'make_list_if']),
};

/**
 * The device list: one row per device, whatever else the hunt groups by. Rows of one device (one per account,
 * URL, …) fold into one: counts add up, FirstSeen and LastSeen are the earliest and latest, the ReportId sets
 * join, each extra key becomes the set of its values, and the name is the one on the most recent row.
 */
function deviceRows(devices: QueryResult, timeline: QueryResult, summary: HuntSummaryShape): HuntDevice[] {
  if (!summary.keys.includes('DeviceId'))
    throw new HuntShapeError('The hunt must summarize by DeviceId to list devices.');
  const extraKeys = summary.keys.filter((k): k is string => k !== undefined && !DEVICE_KEYS.has(k));
  const activity = new Map<string, { day: string; count: number }[]>();
  for (const row of timeline.rows) {
    const id = text(row, 'DeviceId');
    const list = activity.get(id) ?? [];
    list.push({ day: isoTime(row, 'Day').slice(0, 10), count: count(row, 'Count') });
    activity.set(id, list);
  }
  const groups = new Map<string, GroupRow[]>();
  for (const row of devices.rows) {
    const group: GroupRow = {
      deviceId: text(row, 'DeviceId'),
      deviceName: text(row, 'DeviceName'),
      firstSeen: isoTime(row, 'FirstSeen'),
      lastSeen: isoTime(row, 'LastSeen'),
      count: count(row, 'Count'),
      reportIds: reportIds(row),
      extra: Object.fromEntries(extraKeys.map((k) => [k, extraValue(column(row, k))])),
    };
    const list = groups.get(group.deviceId) ?? [];
    list.push(group);
    groups.set(group.deviceId, list);
  }
  const rows = [...groups.values()].map((list): HuntDevice => {
    const device = list.length === 1 ? (list[0] as GroupRow) : fold(list, summary);
    return {
      deviceId: device.deviceId,
      deviceName: device.deviceName,
      firstSeen: device.firstSeen,
      lastSeen: device.lastSeen,
      count: device.count,
      reportIds: device.reportIds,
      activity: (activity.get(device.deviceId) ?? []).sort((a, b) => a.day.localeCompare(b.day)),
      ...(extraKeys.length ? { extra: device.extra } : {}),
    };
  });
  // Sources return groups in no particular order; most recent first, then by id, makes output reproducible.
  return rows.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || a.deviceId.localeCompare(b.deviceId));
}

function fold(list: readonly GroupRow[], summary: HuntSummaryShape): GroupRow {
  for (const [name, fns] of Object.entries(FOLDABLE)) {
    const fn = summary.aggregates.find((a) => a.name === name)?.fn;
    if (fn === undefined || !fns.has(fn))
      throw new HuntShapeError(
        `The hunt returns several rows per device, and its '${name}' (${fn ? `${fn}()` : 'not an aggregate'}) ` +
          `cannot be combined across them; compute it with ${[...fns].map((f) => `${f}()`).join(' or ')}.`,
      );
  }
  const latest = list.reduce((a, b) =>
    b.lastSeen > a.lastSeen || (b.lastSeen === a.lastSeen && b.deviceName > a.deviceName) ? b : a,
  );
  const reports = new Map<string, number | string>();
  for (const g of list) for (const id of g.reportIds) reports.set(String(id), id);
  const extra: Record<string, ExtraKeyValue[]> = {};
  for (const key of Object.keys(latest.extra)) {
    const values = new Map<string, ExtraKeyValue>();
    for (const g of list) for (const v of g.extra[key] ?? []) values.set(`${typeof v}:${String(v)}`, v);
    extra[key] = sortValues([...values.values()]);
  }
  return {
    deviceId: latest.deviceId,
    deviceName: latest.deviceName,
    // ISO 8601 UTC strings of one length sort as the instants they name.
    firstSeen: list.map((g) => g.firstSeen).sort()[0] ?? latest.firstSeen,
    lastSeen: latest.lastSeen,
    count: list.reduce((n, g) => n + g.count, 0),
    reportIds: [...reports.values()],
    extra,
  };
}

/** A key's value as JSON carries it: a null (a missing number or date) is left out of the set. */
function extraValue(v: Cell): ExtraKeyValue[] {
  if (v === null) return [];
  if (v instanceof Date) return [v.toISOString()];
  if (typeof v === 'bigint')
    return [
      v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(v)
        : v.toString(),
    ];
  if (Array.isArray(v)) return [JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x))];
  return [v];
}

function sortValues(values: ExtraKeyValue[]): ExtraKeyValue[] {
  return values.sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );
}

function column(row: Record<string, Cell>, name: string): Cell {
  if (name in row) return row[name] ?? null;
  // Sources differ in how they case column names they did not get from the query (Graph's `deviceId`).
  const lower = name.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
  if (key === undefined) throw new HuntShapeError(`The hunt's result has no '${name}' column.`);
  return row[key] ?? null;
}

function text(row: Record<string, Cell>, name: string): string {
  const v = column(row, name);
  return v === null ? '' : String(v);
}

function isoTime(row: Record<string, Cell>, name: string): string {
  const v = column(row, name);
  if (!(v instanceof Date)) throw new HuntShapeError(`The hunt's '${name}' column is not a datetime.`);
  return v.toISOString();
}

function count(row: Record<string, Cell>, name: string): number {
  const v = column(row, name);
  if (typeof v !== 'number' && typeof v !== 'bigint')
    throw new HuntShapeError(`The hunt's '${name}' column is not a number.`);
  return Number(v);
}

/** Longs beyond 2^53 would lose digits as JSON numbers, so those travel as strings. */
function reportIds(row: Record<string, Cell>): (number | string)[] {
  const v = column(row, 'Report');
  if (!Array.isArray(v)) throw new HuntShapeError("The hunt's 'Report' column is not a set.");
  return v.map((id) =>
    typeof id === 'bigint'
      ? id <= BigInt(Number.MAX_SAFE_INTEGER) && id >= -BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(id)
        : id.toString()
      : typeof id === 'number'
        ? id
        : String(id),
  );
}
