// One device's evidence: the events behind its row in a hunt run, taken from the hunt's composed event
// stage (same window, same exclusions) with a filter on the device, never from a query written for it.
import { composeDeviceEvents } from '@/lib/kql/compose';
import { kqlTimespan } from '@/lib/kql/literal';
import type { Caller, Cell, TelemetrySource } from '@/lib/sources/types';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { findColumn } from '@/lib/tables/registry';
import type { Hunt } from './catalog';
import { DEFAULT_EVIDENCE_LIMIT, type DeviceEvidence, type EvidenceEvent } from './device-evidence-result';
import { selectExclusions } from './exclusions';
import { type CustomPredicate, HuntShapeError } from './run-hunt';

/** The columns a triager decides from, in the order the panel shows them. */
export const EVIDENCE_COLUMNS = [
  'Timestamp',
  'FileName',
  'FolderPath',
  'ProcessCommandLine',
  'InitiatingProcessFileName',
  'InitiatingProcessCommandLine',
  'InitiatingProcessParentFileName',
  'AccountDomain',
  'AccountName',
  'SHA256',
  'ReportId',
] as const;

// The schema is the allowlist: a column missing from it would be a programming error, caught on load.
for (const name of EVIDENCE_COLUMNS) {
  if (!findColumn(deviceProcessEvents.name, name))
    throw new Error(`${name} is not a DeviceProcessEvents column`);
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
  // The same exclusions in the same order as runHunt, so the stage is the one behind the device's row.
  const rules = [...selectExclusions(hunt.exclusions, exclude), ...custom];
  const composed = composeDeviceEvents(hunt.query, {
    lookbackMs,
    exclusions: rules.map((rule) => rule.predicate),
    deviceId,
    columns: EVIDENCE_COLUMNS,
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
  const rows = events.rows.map(toEvent);
  return {
    huntId: hunt.id,
    deviceId,
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

function text(row: Record<string, Cell>, name: string): string {
  const value = row[name];
  return value === null || value === undefined ? '' : String(value);
}

function toEvent(row: Record<string, Cell>): EvidenceEvent {
  const timestamp = row.Timestamp;
  if (!(timestamp instanceof Date)) throw new HuntShapeError("The events' Timestamp is not a datetime.");
  const domain = text(row, 'AccountDomain');
  const name = text(row, 'AccountName');
  const reportId = row.ReportId;
  return {
    timestamp: timestamp.toISOString(),
    fileName: text(row, 'FileName'),
    folderPath: text(row, 'FolderPath'),
    processCommandLine: text(row, 'ProcessCommandLine'),
    initiatingProcessFileName: text(row, 'InitiatingProcessFileName'),
    initiatingProcessCommandLine: text(row, 'InitiatingProcessCommandLine'),
    initiatingProcessParentFileName: text(row, 'InitiatingProcessParentFileName'),
    account: domain && name ? `${domain}\\${name}` : domain || name,
    sha256: text(row, 'SHA256'),
    reportId:
      typeof reportId === 'bigint'
        ? Number.isSafeInteger(Number(reportId))
          ? Number(reportId)
          : reportId.toString()
        : typeof reportId === 'number'
          ? reportId
          : text(row, 'ReportId'),
  };
}
