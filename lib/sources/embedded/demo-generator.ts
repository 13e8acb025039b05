// Deterministic demo telemetry: fills DeviceProcessEvents (and its ground-truth table DemoEventLabel) with a
// month of a fleet's process launches, a few of them mRemoteNG, from a seed, a size and an anchor instant.
import type { DuckDBConnection } from '@duckdb/node-api';
import { timestampValue } from '@duckdb/node-api';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { createBinaryCatalog } from './demo-binaries';
import { appendEventRows, buildEventRow, DAY_MS, HOUR_MS } from './demo-event-row';
import { createFleet } from './demo-fleet';
import { mRemoteNgDeviceCount, planMRemoteNgEvents } from './demo-mremoteng';
import { dropNoiseTables, hourlyCounts, insertNoise, WINDOW_HOURS } from './demo-noise';
import { createDemoEventLabelTableSql, createTableSql, DEMO_EVENT_LABEL_TABLE, quoteIdent } from './schema';

/** Bump whenever the generated rows change for the same parameters, so stored demo files are rebuilt. */
export const DEMO_GENERATOR_VERSION = 1;

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
  /** Rows in DemoEventLabel: every mRemoteNG-related event, look-alikes included. */
  labelledEvents: number;
  mRemoteNgDevices: number;
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

/**
 * Replaces DeviceProcessEvents and DemoEventLabel on `connection` with generated data. Same options, same
 * rows, whatever the machine or the time of day; `now` is the only clock the generator reads.
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

  await connection.run(createTableSql(deviceProcessEvents.name, undefined, { orReplace: true }));
  await connection.run(createDemoEventLabelTableSql({ orReplace: true }));

  const fleet = createFleet(seed, devices);
  const binaries = createBinaryCatalog(seed);
  const planned = planMRemoteNgEvents({
    seed,
    fleet,
    binaries,
    windowStartMs,
    nowMs,
    budgetRows: Math.floor(events * 0.018),
  });
  if (planned.length * 2 > events) {
    throw new DemoDataOptionsError(`${events} events are too few for ${devices} devices; use more events.`);
  }

  const perHour = hourlyCounts(events - planned.length, windowStartMs);
  await insertNoise(connection, { seed, fleet, binaries, windowStartMs, perHour });
  await dropNoiseTables(connection);

  // ReportIds count up inside each hour; hand-built events continue after the hour's ordinary ones, which
  // keeps (DeviceId, Timestamp, ReportId) unique while ReportId alone repeats, as in Defender.
  const nextReportId = [...perHour];
  const rows = planned.map((p) => {
    const hour = Math.min(WINDOW_HOURS - 1, Math.floor((p.spec.timeMs - windowStartMs) / HOUR_MS));
    const reportId = (nextReportId[hour] ?? 0) + 1;
    nextReportId[hour] = reportId;
    return { label: p.label, row: buildEventRow({ ...p.spec, reportId: BigInt(reportId) }) };
  });

  const eventAppender = await connection.createAppender(deviceProcessEvents.name);
  appendEventRows(
    eventAppender,
    rows.map((r) => r.row),
  );
  eventAppender.closeSync();

  const labelAppender = await connection.createAppender(DEMO_EVENT_LABEL_TABLE);
  for (const { label, row } of rows) {
    labelAppender.appendBigInt(row.ReportId as bigint);
    labelAppender.appendVarchar(row.DeviceId as string);
    labelAppender.appendTimestamp(timestampValue(BigInt((row.Timestamp as Date).getTime()) * 1000n));
    labelAppender.appendVarchar(label);
    labelAppender.endRow();
  }
  labelAppender.closeSync();

  const count = await connection.runAndReadAll(
    `SELECT count(*) FROM ${quoteIdent(deviceProcessEvents.name)}`,
  );
  const total = Number(count.getRowsJS()[0]?.[0] ?? 0);
  if (total !== events) {
    throw new Error(`Demo generation produced ${total} rows instead of ${events}.`);
  }
  return {
    events: total,
    labelledEvents: rows.length,
    mRemoteNgDevices: mRemoteNgDeviceCount(devices),
    windowStart: new Date(windowStartMs),
    windowEnd: new Date(nowMs),
    elapsedMs: performance.now() - started,
  };
}
