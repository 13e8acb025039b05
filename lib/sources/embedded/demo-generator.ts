// Deterministic demo telemetry: fills DeviceProcessEvents, DeviceNetworkEvents and DeviceFileCertificateInfo
// (and the ground-truth table DemoEventLabel) with a month of a fleet's activity, some of it remote-access
// tools (the stories of demo-tool-stories.ts), from a seed, a size and an anchor instant.
import type { DuckDBConnection } from '@duckdb/node-api';
import { timestampValue } from '@duckdb/node-api';
import { deviceFileCertificateInfo } from '@/lib/tables/device-file-certificate-info';
import { deviceNetworkEvents } from '@/lib/tables/device-network-events';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { createBinaryCatalog } from './demo-binaries';
import { appendRows, DAY_MS, type EventRow, HOUR_MS } from './demo-event-row';
import { createFleet } from './demo-fleet';
import { dropNoiseTables, hourlyCounts, insertNoise, WINDOW_HOURS } from './demo-noise';
import { insertCertificateNoise, insertNetworkNoise, TABLE_NOISE_TEMP_TABLES } from './demo-noise-network';
import { addFleetSignals, type SignalSubject } from './demo-signals';
import { DEMO_TOOLS } from './demo-tool-stories';
import { planToolEvents } from './demo-tools';
import { createDemoEventLabelTableSql, createTableSql, DEMO_EVENT_LABEL_TABLE, quoteIdent } from './schema';

/** The tables the demo fills, in the registry's terms. */
export const DEMO_TABLES = [deviceProcessEvents, deviceNetworkEvents, deviceFileCertificateInfo] as const;

/** Bump whenever the generated rows change for the same parameters, so stored demo files are rebuilt. */
export const DEMO_GENERATOR_VERSION = 3;

export const DEMO_DEFAULTS = { seed: 1, devices: 2_000, events: 500_000 } as const;

export const DEMO_WINDOW_DAYS = WINDOW_HOURS / 24;

export const DEMO_LIMITS = {
  devices: { min: 20, max: 1_000_000 },
  events: { min: 10_000, max: 200_000_000 },
} as const;

export interface DemoDataOptions {
  seed: number;
  devices: number;
  events: number;
  /** The end of the generated month; events fall in [now - 30 days, now). */
  now: Date;
}

export interface DemoDataSummary {
  events: number;
  /** Rows in DemoEventLabel: every tool-related event of any table, look-alikes included. */
  labelledEvents: number;
  /** Devices that run each tool (look-alikes aside). */
  toolDevices: Record<string, number>;
  windowStart: Date;
  windowEnd: Date;
  elapsedMs: number;
}

export class DemoDataOptionsError extends RangeError {
  override name = 'DemoDataOptionsError';
}

export function validateDemoOptions(options: DemoDataOptions): void {
  const { seed, devices, events, now } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new DemoDataOptionsError(`The demo seed must be a non-negative integer, got ${seed}.`);
  }
  for (const [name, value] of [
    ['devices', devices],
    ['events', events],
  ] as const) {
    const { min, max } = DEMO_LIMITS[name];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new DemoDataOptionsError(
        `The demo ${name} must be an integer from ${min} to ${max}, got ${value}.`,
      );
    }
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new DemoDataOptionsError('The demo anchor (now) must be a valid date.');
  }
}

/** Ordinary connections per process event, and signed-file sightings per device over the month. */
const NETWORK_NOISE_PER_EVENT = 0.1;
const CERTIFICATE_NOISE_PER_DEVICE = 8;

interface LabelRow extends SignalSubject {
  label: string;
  story: string;
  row: EventRow;
}

/** ReportIds count up inside each hour; hand-built rows continue after the hour's ordinary ones. */
function assignReportIds(rows: readonly LabelRow[], perHour: readonly number[], windowStartMs: number): void {
  const next = [...perHour];
  for (const r of rows) {
    const hour = Math.min(WINDOW_HOURS - 1, Math.max(0, Math.floor((r.timeMs - windowStartMs) / HOUR_MS)));
    const reportId = (next[hour] ?? 0) + 1;
    next[hour] = reportId;
    r.row.ReportId = BigInt(reportId);
  }
}

/**
 * Replaces DeviceProcessEvents, DeviceNetworkEvents, DeviceFileCertificateInfo and DemoEventLabel on
 * `connection` with generated data. Same options, same rows, whatever the machine or the time of day; `now` is
 * the only clock the generator reads. `events` is the size of DeviceProcessEvents; the other tables scale with it.
 */
export async function generateDemoData(
  connection: DuckDBConnection,
  options: DemoDataOptions,
): Promise<DemoDataSummary> {
  validateDemoOptions(options);
  const started = performance.now();
  const { seed, devices, events } = options;
  const nowMs = options.now.getTime();
  const windowStartMs = nowMs - DEMO_WINDOW_DAYS * DAY_MS;

  for (const table of DEMO_TABLES) {
    await connection.run(createTableSql(table.name, table.columns, { orReplace: true }));
  }
  await connection.run(createDemoEventLabelTableSql({ orReplace: true }));

  const fleet = createFleet(seed, devices);
  const binaries = createBinaryCatalog(seed);
  const tools = planToolEvents({
    seed,
    fleet,
    binaries,
    tools: DEMO_TOOLS,
    windowStartMs,
    nowMs,
    budgetRows: Math.floor(events * 0.012),
    events,
  });
  const toolProcessRows = tools.rows.filter((r) => r.table === deviceProcessEvents.name).length;
  if (toolProcessRows * 2 > events) {
    throw new DemoDataOptionsError(`${events} events are too few for ${devices} devices; use more events.`);
  }

  const perHour = hourlyCounts(events - toolProcessRows, windowStartMs);
  const networkPerHour = hourlyCounts(Math.round(events * NETWORK_NOISE_PER_EVENT), windowStartMs);
  const certificatePerHour = hourlyCounts(devices * CERTIFICATE_NOISE_PER_DEVICE, windowStartMs);
  const noise = { seed, fleet, binaries, windowStartMs };
  await insertNoise(connection, { ...noise, perHour });
  await insertNetworkNoise(connection, { ...noise, perHour: networkPerHour });
  await insertCertificateNoise(connection, { ...noise, perHour: certificatePerHour, nowMs });
  await dropNoiseTables(connection);
  for (const table of TABLE_NOISE_TEMP_TABLES) await connection.run(`DROP TABLE IF EXISTS ${table}`);

  const labelled: LabelRow[] = tools.rows.map((r) => ({ ...r, deviceId: String(r.row.DeviceId) }));
  addFleetSignals(labelled, nowMs);

  const byTable = (name: string) => labelled.filter((r) => r.table === name);
  assignReportIds(byTable(deviceProcessEvents.name), perHour, windowStartMs);
  assignReportIds(byTable(deviceNetworkEvents.name), networkPerHour, windowStartMs);
  assignReportIds(byTable(deviceFileCertificateInfo.name), certificatePerHour, windowStartMs);
  for (const table of DEMO_TABLES) {
    const appender = await connection.createAppender(table.name);
    appendRows(
      appender,
      table.columns,
      byTable(table.name).map((r) => r.row),
    );
    appender.closeSync();
  }
  await writeLabels(connection, labelled);

  const count = await connection.runAndReadAll(
    `SELECT count(*) FROM ${quoteIdent(deviceProcessEvents.name)}`,
  );
  const total = Number(count.getRowsJS()[0]?.[0] ?? 0);
  if (total !== events) {
    throw new Error(`Demo generation produced ${total} rows instead of ${events}.`);
  }
  return {
    events: total,
    labelledEvents: labelled.length,
    toolDevices: tools.devicesByTool,
    windowStart: new Date(windowStartMs),
    windowEnd: new Date(nowMs),
    elapsedMs: performance.now() - started,
  };
}

async function writeLabels(connection: DuckDBConnection, rows: readonly LabelRow[]): Promise<void> {
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE _demo_label_stage (ReportId BIGINT, DeviceId VARCHAR, "Timestamp" TIMESTAMP, label VARCHAR, tool VARCHAR, table_name VARCHAR, kind VARCHAR, subject VARCHAR, story VARCHAR, signals VARCHAR)',
  );
  const appender = await connection.createAppender('_demo_label_stage');
  for (const r of rows) {
    appender.appendBigInt(r.row.ReportId as bigint);
    appender.appendVarchar(r.deviceId);
    appender.appendTimestamp(timestampValue(BigInt(r.timeMs) * 1000n));
    appender.appendVarchar(r.label);
    appender.appendVarchar(r.tool);
    appender.appendVarchar(r.table);
    appender.appendVarchar(r.kind);
    appender.appendVarchar(r.subject);
    appender.appendVarchar(r.story);
    appender.appendVarchar(r.signals.join(','));
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `INSERT INTO ${quoteIdent(DEMO_EVENT_LABEL_TABLE)} SELECT ReportId, DeviceId, "Timestamp", label, tool, table_name, kind, subject, story,
       CASE WHEN signals = '' THEN []::VARCHAR[] ELSE string_split(signals, ',') END FROM _demo_label_stage`,
  );
  await connection.run('DROP TABLE _demo_label_stage');
}
