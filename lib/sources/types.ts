// The one interface every telemetry source implements: run a KQL query, return typed rows.

/** A value as it leaves a source: datetimes as Date, longs as bigint, dynamic arrays as arrays. */
export type Cell = string | number | bigint | boolean | Date | null | Cell[];

export interface ResultColumn {
  name: string;
  /** Kusto scalar type name: string, long, int, real, datetime, timespan, bool, dynamic. */
  type: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  rows: Record<string, Cell>[];
  /** True when the source cut the result at its row limit. */
  truncated: boolean;
}

export interface RunOptions {
  /** The instant `now()` and `ago()` resolve to, so a run can be reproduced exactly. */
  now: Date;
  signal?: AbortSignal;
}

export interface TelemetrySource {
  readonly id: 'embedded' | 'defender' | 'sentinel' | 'adx';
  /** What the page shows, e.g. "embedded (demo data)". */
  readonly label: string;
  run(kql: string, options: RunOptions): Promise<QueryResult>;
}

/** The source could not answer: unreachable, refused, or failed mid-query. Maps to 502. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** The source did not answer in time. Maps to 504. */
export class SourceTimeoutError extends Error {
  override name = 'SourceTimeoutError';
}
