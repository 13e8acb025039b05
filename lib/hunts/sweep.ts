// The fleet sweep: every hunt of every tool over one window, in one source query per table instead of one per
// hunt. Each table's query tags the events each hunt's own filter matches with the hunt's id and summarizes by
// hunt, device and day (lib/kql/compose-sweep.ts); tools and devices are folded here from the hunt ids. A hunt
// whose event stage is more than its table and wheres runs alone and counts as one more source call.
import { DomainError, type ProblemInit } from '@/lib/domain-error';
import { composeHunt, exclusionPredicate, filterOf, huntSummaryShape } from '@/lib/kql/compose';
import { balanced, composeSweepQuery, type SweepHuntFilter } from '@/lib/kql/compose-sweep';
import { kqlTimespan } from '@/lib/kql/literal';
import type { Caller, Cell, QueryResult, TelemetrySource } from '@/lib/sources/types';
import { type Hunt, mainTable } from './catalog';
import type { CustomPredicate } from './run-hunt';

/** Hunts one sweep accepts: each adds its filter twice to its table's query, which sources cap in size. */
export const MAX_SWEEP_HUNTS = 1_500;

export interface SweepDevice {
  DeviceId: string;
  DeviceName: string;
  /** ISO 8601 UTC */
  FirstSeen: string;
  /** ISO 8601 UTC */
  LastSeen: string;
  Count: number;
  /** Registry table names where the tool was seen on this device, sorted. */
  tables: string[];
  /** Ids of the hunts that matched on this device, sorted. */
  hunts: string[];
  /** Per hunt that matched on this device, what that hunt alone finds there; sorted by hunt id. */
  matches: SweepMatch[];
  /** From the isApproved callback; false when none given. */
  approved: boolean;
}

/** One hunt on one device over the window: what that hunt's own run lists for the device. */
export interface SweepMatch {
  hunt: string;
  /** The hunt's registry table. */
  table: string;
  /** ISO 8601 UTC */
  FirstSeen: string;
  /** ISO 8601 UTC */
  LastSeen: string;
  Count: number;
}

export interface SweepTool {
  tool: string;
  /** True when every device of the tool is approved. */
  approved: boolean;
  /** Sorted by LastSeen desc, then DeviceName. */
  devices: SweepDevice[];
  /** UTC days (YYYY-MM-DD) with activity, ascending. */
  days: { Day: string; Devices: number; Count: number }[];
}

export interface SweepResult {
  /** ISO; lookback as a KQL timespan, e.g. "5d". */
  window: { start: string; end: string; lookback: string };
  sourceCalls: number;
  /** Unapproved tools first, then by device count desc, then name. */
  tools: SweepTool[];
  /** The queries as the source ran them, one per table plus one per hunt that ran alone. */
  queries: SweepQuery[];
  /** Hunts that could not join their table's query, and why. */
  alone: { huntId: string; reason: string }[];
  /** True when a source cut a result at its row limit: some devices or days may be missing. */
  truncated: boolean;
}

export interface SweepQuery {
  table: string;
  /** The hunts the query covers. */
  hunts: string[];
  kql: string;
}

export interface RunSweepOptions {
  /** Hunts with tool === null are left out. */
  hunts: readonly Hunt[];
  source: TelemetrySource;
  now: Date;
  lookbackMs: number;
  /** Only these tools (case-insensitive); all when absent. */
  tools?: readonly string[];
  signal?: AbortSignal;
  caller?: Caller;
  isApproved?: (tool: string, device: { DeviceId: string; DeviceName: string }) => boolean;
}

/** A sweep asked for more hunts than it accepts, or for none it can run. Maps to 400. */
export class SweepLimitError extends DomainError {
  override name = 'SweepLimitError';
  toProblem(): ProblemInit {
    return { status: 400, title: 'The sweep cannot run', detail: this.message };
  }
}

/** One hunt on one device and UTC day, as the sweep's summarize returns it. */
export interface SweepRow {
  huntId: string;
  deviceId: string;
  deviceName: string;
  /** YYYY-MM-DD */
  day: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
}

export interface SweepHuntsOptions {
  hunts: readonly Hunt[];
  source: TelemetrySource;
  now: Date;
  lookbackMs: number;
  /** Each hunt over its own lookback (at most `lookbackMs`) instead of the sweep's, as recording does. */
  ownLookback?: boolean;
  /** Per hunt id, exclusions that apply to it (as a run applies custom exclusions). */
  exclusions?: ReadonlyMap<string, readonly CustomPredicate[]>;
  signal?: AbortSignal;
  caller?: Caller;
}

export interface SweepRows {
  window: SweepResult['window'];
  sourceCalls: number;
  rows: SweepRow[];
  queries: SweepQuery[];
  alone: SweepResult['alone'];
  truncated: boolean;
}

interface Plan {
  queries: SweepQuery[];
  alone: SweepResult['alone'];
}

// The order of String.prototype.localeCompare (the default locale's), from one collator: localeCompare looks one
// up on every call, and a sweep sorts thousands of devices. ISO timestamps and days sort by their code units.
const collate = new Intl.Collator().compare;
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const STANDARD_AGGREGATES: Record<string, string> = { FirstSeen: 'min', LastSeen: 'max', Count: 'count' };
const ALONE_SUMMARIZE =
  '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Count=count() by DeviceId, DeviceName, Day=bin(Timestamp, 1d)';

/** Why the hunt's final summarize does not count events per device as the sweep does, if it does not. */
function summaryMismatch(hunt: Hunt): string | undefined {
  const shape = huntSummaryShape(hunt.query);
  if (!shape.keys.includes('DeviceId')) return 'it does not summarize by DeviceId';
  for (const [name, fn] of Object.entries(STANDARD_AGGREGATES)) {
    if (shape.aggregates.find((a) => a.name === name)?.fn !== fn) return `its ${name} is not ${fn}()`;
  }
  return undefined;
}

// A sweep reads every hunt's syntax tree; the app sweeps the same catalog again and again, so each hunt's
// answer is kept by its text (and table), within a bound well above the hunts a sweep accepts.
const ANALYZED_CACHE_SIZE = 2 * MAX_SWEEP_HUNTS;
const analyzedCache = new Map<string, { filter: ReturnType<typeof filterOf>; reason: string | undefined }>();

function analyzed(
  hunt: Hunt,
  table: string,
): { filter: ReturnType<typeof filterOf>; reason: string | undefined } {
  const key = `${table}\u0000${hunt.query}`;
  const cached = analyzedCache.get(key);
  if (cached) return cached;
  const filter = filterOf(hunt.query);
  const reason =
    'reason' in filter
      ? filter.reason
      : filter.table !== table
        ? `its events come from ${filter.table}, not its main table`
        : summaryMismatch(hunt);
  const result = { filter, reason };
  if (analyzedCache.size >= ANALYZED_CACHE_SIZE)
    analyzedCache.delete(analyzedCache.keys().next().value as string);
  analyzedCache.set(key, result);
  return result;
}

/** The queries of a sweep: one per table for the hunts whose filter merges, one per other hunt. */
export function planSweep(
  hunts: readonly Hunt[],
  options: Pick<SweepHuntsOptions, 'lookbackMs' | 'ownLookback' | 'exclusions'>,
): Plan {
  if (hunts.length > MAX_SWEEP_HUNTS)
    throw new SweepLimitError(
      `A sweep runs at most ${MAX_SWEEP_HUNTS} hunts; ${hunts.length} were asked for. Sweep fewer tools at a time.`,
    );
  const byTable = new Map<string, SweepHuntFilter[]>();
  const queries: SweepQuery[] = [];
  const alone: Plan['alone'] = [];
  for (const hunt of hunts) {
    const table = mainTable(hunt)?.name;
    if (table === undefined) throw new SweepLimitError(`The hunt ${hunt.id} reads no known table.`);
    const own =
      options.ownLookback && hunt.lookbackMs !== null && hunt.lookbackMs < options.lookbackMs
        ? hunt.lookbackMs
        : undefined;
    const lookbackMs = own ?? options.lookbackMs;
    const excluded = (options.exclusions?.get(hunt.id) ?? []).map((e) => exclusionPredicate(e.predicate));
    const { filter, reason } = analyzed(hunt, table);
    if (reason !== undefined || 'reason' in filter) {
      const { events } = composeHunt(hunt.query, {
        lookbackMs,
        exclusions: excluded,
      });
      queries.push({ table, hunts: [hunt.id], kql: `${events}\n${ALONE_SUMMARIZE}` });
      alone.push({ huntId: hunt.id, reason: reason ?? '' });
      continue;
    }
    const predicate = excluded.length
      ? `(${filter.predicate}) and (${balanced(
          excluded.map((e) => `not(${e})`),
          'and',
        )})`
      : filter.predicate;
    const entry: SweepHuntFilter = {
      id: hunt.id,
      predicate,
      ...(filter.atoms ? { atoms: filter.atoms } : {}),
      ...(own !== undefined ? { lookbackMs: own } : {}),
    };
    const list = byTable.get(table) ?? [];
    list.push(entry);
    byTable.set(table, list);
  }
  const merged = [...byTable].map(([table, filters]) => ({
    table,
    hunts: filters.map((f) => f.id),
    kql: composeSweepQuery({ table, lookbackMs: options.lookbackMs, hunts: filters }),
  }));
  return { queries: [...merged, ...queries], alone };
}

/** Runs the hunts as a sweep and returns one row per hunt, device and UTC day. */
export async function sweepHunts(options: SweepHuntsOptions): Promise<SweepRows> {
  const { hunts, source, now, lookbackMs, signal, caller } = options;
  const plan = planSweep(hunts, options);
  const runOptions = { now, ...(signal ? { signal } : {}), ...(caller ? { caller } : {}) };
  // Each query is sent as soon as it is ready, with a turn of the event loop before the next: a source that
  // translates the KQL (the embedded engine) then runs one table's query while it translates the next one's.
  const pending: Promise<QueryResult>[] = [];
  for (const q of plan.queries) {
    const result = source.run(q.kql, runOptions);
    result.catch(() => {}); // awaited with the others below
    pending.push(result);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const results = await Promise.all(pending);
  const rows: SweepRow[] = [];
  results.forEach((result, i) => {
    const query = plan.queries[i] as SweepQuery;
    const single = query.hunts.length === 1 && !hasColumn(result, 'HuntId') ? query.hunts[0] : undefined;
    for (const row of result.rows) rows.push(sweepRow(row, single));
  });
  const start = new Date(now.getTime() - lookbackMs);
  const ran = (kql: string) => source.effectiveQuery?.(kql) ?? kql;
  return {
    window: { start: start.toISOString(), end: now.toISOString(), lookback: kqlTimespan(lookbackMs) },
    sourceCalls: plan.queries.length,
    rows,
    queries: plan.queries.map((q) => ({ ...q, kql: ran(q.kql) })),
    alone: plan.alone,
    truncated: results.some((r: QueryResult) => r.truncated),
  };
}

/** Every hunt of every tool (or of the tools asked for) over one window; see the module's comment. */
export async function runSweep(options: RunSweepOptions): Promise<SweepResult> {
  const wanted = options.tools ? new Set(options.tools.map((t) => t.toLowerCase())) : undefined;
  const hunts = options.hunts.filter(
    (h): h is Hunt & { tool: string } => h.tool !== null && (!wanted || wanted.has(h.tool.toLowerCase())),
  );
  if (!hunts.length) {
    throw new SweepLimitError(
      wanted
        ? `No hunt belongs to the tools asked for (${[...wanted].join(', ')}).`
        : 'No hunt names a tool.',
    );
  }
  const swept = await sweepHunts({
    hunts,
    source: options.source,
    now: options.now,
    lookbackMs: options.lookbackMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.caller ? { caller: options.caller } : {}),
  });
  return {
    window: swept.window,
    sourceCalls: swept.sourceCalls,
    tools: foldTools(hunts, swept.rows, options.isApproved),
    queries: swept.queries,
    alone: swept.alone,
    truncated: swept.truncated,
  };
}

/** One hunt's devices, folded from its sweep rows as a run folds its device rows. */
export interface SweepHuntDevice {
  deviceId: string;
  deviceName: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  /** Per UTC day, ascending. */
  activity: { day: string; count: number }[];
}

/**
 * Per hunt id, its devices: counts add up, FirstSeen and LastSeen are the earliest and latest, and the name is
 * the one on the most recent row (the later name on a tie), as runHunt folds a device's rows. Sorted as a run's
 * devices are: most recent first, then by id.
 */
export function devicesByHunt(rows: readonly SweepRow[]): Map<string, SweepHuntDevice[]> {
  const byHunt = new Map<string, Map<string, SweepHuntDevice & { days: Map<string, number> }>>();
  for (const row of rows) {
    const devices = byHunt.get(row.huntId) ?? new Map();
    byHunt.set(row.huntId, devices);
    const known = devices.get(row.deviceId);
    if (!known) {
      devices.set(row.deviceId, {
        deviceId: row.deviceId,
        deviceName: row.deviceName,
        firstSeen: row.firstSeen,
        lastSeen: row.lastSeen,
        count: row.count,
        activity: [],
        days: new Map([[row.day, row.count]]),
      });
      continue;
    }
    if (
      row.lastSeen > known.lastSeen ||
      (row.lastSeen === known.lastSeen && row.deviceName > known.deviceName)
    ) {
      known.deviceName = row.deviceName;
      known.lastSeen = row.lastSeen;
    }
    if (row.firstSeen < known.firstSeen) known.firstSeen = row.firstSeen;
    known.count += row.count;
    known.days.set(row.day, (known.days.get(row.day) ?? 0) + row.count);
  }
  const result = new Map<string, SweepHuntDevice[]>();
  for (const [huntId, devices] of byHunt) {
    const list = [...devices.values()].map(({ days, ...device }) => ({
      ...device,
      activity: [...days].map(([day, count]) => ({ day, count })).sort((a, b) => ordinal(a.day, b.day)),
    }));
    list.sort((a, b) => ordinal(b.lastSeen, a.lastSeen) || collate(a.deviceId, b.deviceId));
    result.set(huntId, list);
  }
  return result;
}

/** Tools from hunt ids: a tool's devices join its hunts' devices; its counts add up over its hunts. */
function foldTools(
  hunts: readonly (Hunt & { tool: string })[],
  rows: readonly SweepRow[],
  isApproved: RunSweepOptions['isApproved'],
): SweepTool[] {
  const huntsById = new Map(hunts.map((h) => [h.id, h]));
  // Hunts of one tool may spell it differently (LOLRMM's and the published catalog's); the first spelling names it.
  const toolNames = new Map<string, string>();
  for (const h of hunts)
    if (!toolNames.has(h.tool.toLowerCase())) toolNames.set(h.tool.toLowerCase(), h.tool);
  interface Acc {
    device: Omit<SweepDevice, 'tables' | 'hunts' | 'matches' | 'approved'>;
    tables: Set<string>;
    hunts: Set<string>;
    matches: SweepMatch[];
  }
  const tools = new Map<
    string,
    { devices: Map<string, Acc>; days: Map<string, { devices: Set<string>; count: number }> }
  >();
  for (const [huntId, devices] of devicesByHunt(rows)) {
    const hunt = huntsById.get(huntId);
    if (!hunt) continue;
    const key = hunt.tool.toLowerCase();
    const tool = tools.get(key) ?? { devices: new Map(), days: new Map() };
    tools.set(key, tool);
    const table = mainTable(hunt)?.name ?? '';
    for (const d of devices) {
      const acc = tool.devices.get(d.deviceId);
      const match: SweepMatch = {
        hunt: huntId,
        table,
        FirstSeen: d.firstSeen,
        LastSeen: d.lastSeen,
        Count: d.count,
      };
      if (!acc) {
        tool.devices.set(d.deviceId, {
          device: {
            DeviceId: d.deviceId,
            DeviceName: d.deviceName,
            FirstSeen: d.firstSeen,
            LastSeen: d.lastSeen,
            Count: d.count,
          },
          tables: new Set([table]),
          hunts: new Set([huntId]),
          matches: [match],
        });
      } else {
        const x = acc.device;
        if (d.lastSeen > x.LastSeen || (d.lastSeen === x.LastSeen && d.deviceName > x.DeviceName)) {
          x.DeviceName = d.deviceName;
          x.LastSeen = d.lastSeen;
        }
        if (d.firstSeen < x.FirstSeen) x.FirstSeen = d.firstSeen;
        x.Count += d.count;
        acc.tables.add(table);
        acc.hunts.add(huntId);
        acc.matches.push(match);
      }
      for (const a of d.activity) {
        const day = tool.days.get(a.day) ?? { devices: new Set<string>(), count: 0 };
        day.devices.add(d.deviceId);
        day.count += a.count;
        tool.days.set(a.day, day);
      }
    }
  }
  const result: SweepTool[] = [];
  for (const [key, tool] of tools) {
    const name = toolNames.get(key) ?? key;
    const devices = [...tool.devices.values()].map(({ device, tables, hunts: ids, matches }) => ({
      ...device,
      tables: [...tables].sort(),
      hunts: [...ids].sort(),
      matches: matches.sort((a, b) => collate(a.hunt, b.hunt)),
      approved: isApproved
        ? isApproved(name, { DeviceId: device.DeviceId, DeviceName: device.DeviceName })
        : false,
    }));
    devices.sort((a, b) => ordinal(b.LastSeen, a.LastSeen) || collate(a.DeviceName, b.DeviceName));
    result.push({
      tool: name,
      approved: devices.length > 0 && devices.every((d) => d.approved),
      devices,
      days: [...tool.days]
        .map(([Day, d]) => ({ Day, Devices: d.devices.size, Count: d.count }))
        .sort((a, b) => ordinal(a.Day, b.Day)),
    });
  }
  return result.sort(
    (a, b) =>
      Number(a.approved) - Number(b.approved) ||
      b.devices.length - a.devices.length ||
      collate(a.tool, b.tool),
  );
}

function hasColumn(result: QueryResult, name: string): boolean {
  const lower = name.toLowerCase();
  return result.columns.some((c) => c.name.toLowerCase() === lower);
}

/** Sources differ in how they case column names (Graph's `deviceId`), so columns are found case-insensitively. */
function cell(row: Record<string, Cell>, name: string): Cell {
  if (name in row) return row[name] ?? null;
  const lower = name.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
  if (key === undefined) throw new SweepShapeError(`The sweep's result has no '${name}' column.`);
  return row[key] ?? null;
}

/** The source answered the sweep with rows of another shape than the query asks for. Maps to 502. */
export class SweepShapeError extends DomainError {
  override name = 'SweepShapeError';
  toProblem(): ProblemInit {
    return { status: 502, title: 'The telemetry source answered the sweep oddly', detail: this.message };
  }
}

function iso(row: Record<string, Cell>, name: string): string {
  const v = cell(row, name);
  if (!(v instanceof Date)) throw new SweepShapeError(`The sweep's '${name}' column is not a datetime.`);
  return v.toISOString();
}

function sweepRow(row: Record<string, Cell>, huntId: string | undefined): SweepRow {
  const count = cell(row, 'Count');
  if (typeof count !== 'number' && typeof count !== 'bigint')
    throw new SweepShapeError("The sweep's 'Count' column is not a number.");
  const text = (name: string) => {
    const v = cell(row, name);
    return v === null ? '' : String(v);
  };
  return {
    huntId: huntId ?? text('HuntId'),
    deviceId: text('DeviceId'),
    deviceName: text('DeviceName'),
    day: iso(row, 'Day').slice(0, 10),
    firstSeen: iso(row, 'FirstSeen'),
    lastSeen: iso(row, 'LastSeen'),
    count: Number(count),
  };
}
