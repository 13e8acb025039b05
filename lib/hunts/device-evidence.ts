// One device's evidence: the events behind its row in a hunt run, taken from the hunt's composed event
// stage (same window, same exclusions) with a filter on the device, never from a query written for it.
import { composeDeviceEvents } from '@/lib/kql/compose';
import { kqlTimespan } from '@/lib/kql/literal';
import type { Caller, Cell, TelemetrySource } from '@/lib/sources/types';
import type { ColumnDef, TableDef } from '@/lib/tables/types';
import { type Hunt, mainTable } from './catalog';
import {
  DEFAULT_EVIDENCE_LIMIT,
  type DeviceEvidence,
  type EvidenceCell,
  type EvidenceEvent,
} from './device-evidence-result';
import { selectExclusions } from './exclusions';
import { type CustomPredicate, HuntShapeError } from './run-hunt';

/** The evidence columns of the hunt's main table, with their types; the registry checked them on load. */
export function evidenceColumns(table: TableDef): ColumnDef[] {
  return table.evidenceColumns.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new Error(`${name} is not a ${table.name} column`);
    return column;
  });
}

export interface DeviceEvidenceOptions {
  hunt: Hunt;
  source: TelemetrySource;
  now: Date;
  deviceId: string;
  /** Overrides the hunt's own lookback, as a run does. */
  lookbackMs?: number;
  /** Ids of the hunt's exclusion rules to apply; an unknown id throws UnknownExclusionError. */
  exclude?: readonly string[];
  /** Custom exclusions in effect, exactly as the run applies them. */
  custom?: readonly CustomPredicate[];
  limit?: number;
  signal?: AbortSignal;
  /** Who asks: for per-user rate limits and on-behalf-of sources. */
  caller?: Caller;
}

export async function deviceEvidence({
  hunt,
  source,
  now,
  deviceId,
  lookbackMs,
  exclude = [],
  custom = [],
  limit = DEFAULT_EVIDENCE_LIMIT,
  signal,
  caller,
}: DeviceEvidenceOptions): Promise<DeviceEvidence> {
  const table = mainTable(hunt);
  if (!table)
    throw new HuntShapeError(
      `The hunt reads none of the tables Huntboard knows, so it has no evidence columns (${hunt.file}).`,
    );
  const columns = evidenceColumns(table);
  // The same exclusions in the same order as runHunt, so the stage is the one behind the device's row.
  const rules = [...selectExclusions(hunt.exclusions, exclude), ...custom];
  const composed = composeDeviceEvents(hunt.query, {
    lookbackMs,
    exclusions: rules.map((rule) => rule.predicate),
    deviceId,
    columns: columns.map((c) => c.name),
    limit,
  });
  const options = { now, signal, ...(caller ? { caller } : {}) };
  const [events, count] = await Promise.all([
    source.run(composed.events, options),
    source.run(composed.count, options),
  ]);
  const total = Number(count.rows[0]?.Count ?? Number.NaN);
  if (!Number.isSafeInteger(total))
    throw new HuntShapeError('Counting the device’s events returned no number.');
  const rows = events.rows.map((row) => toEvent(row, columns));
  return {
    huntId: hunt.id,
    deviceId,
    table: table.name,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    window: {
      start: new Date(now.getTime() - composed.lookbackMs).toISOString(),
      end: now.toISOString(),
      lookback: kqlTimespan(composed.lookbackMs),
    },
    exclusions: rules.map((rule) => rule.id),
    events: rows,
    shown: rows.length,
    total,
    limit,
    kql: { events: composed.events, count: composed.count },
    truncated: events.truncated || count.truncated,
  };
}

/** A source's cell as the API carries it (see evidenceCellSchema). */
function cellOf(value: Cell | undefined, column: ColumnDef): EvidenceCell {
  if (value === null || value === undefined) return column.type === 'string' ? '' : null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value) || (typeof value === 'object' && value !== null))
    return JSON.stringify(value, jsonLongs);
  return value;
}

function jsonLongs(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function toEvent(row: Record<string, Cell>, columns: readonly ColumnDef[]): EvidenceEvent {
  if (!(row.Timestamp instanceof Date)) throw new HuntShapeError("The events' Timestamp is not a datetime.");
  return Object.fromEntries(columns.map((c) => [c.name, cellOf(row[c.name], c)]));
}
