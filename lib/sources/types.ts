// The one interface every telemetry source implements: run a KQL query, return typed rows.
import { DomainError, type ProblemInit } from '@/lib/domain-error';

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

/** Who a run is for: the per-user rate limit counts by `id`; on-behalf-of sources exchange `accessToken`. */
export interface Caller {
  /** The principal's stable id (Entra object id or subject). */
  id: string;
  /** The caller's own bearer token, for on-behalf-of token exchange. Never logged, never echoed. */
  accessToken?: string;
}

export interface RunOptions {
  /**
   * The instant `now()` and `ago()` resolve to, so a run can be reproduced exactly. The embedded engine and
   * Azure Data Explorer honour it; Defender and Sentinel resolve now() on their own clock.
   */
  now: Date;
  signal?: AbortSignal;
  caller?: Caller;
}

/** A link into the source's own console, e.g. Defender advanced hunting with the query filled in. */
export interface ConsoleLink {
  label: string;
  url: string;
}

/** Links into the consoles of the product that holds the data; each absent where it does not apply. */
export interface ConsoleLinks {
  /** The effective query in the source's console; `lookbackMs` chooses the console's time range. */
  query?(effectiveKql: string, lookbackMs: number): ConsoleLink;
  /** Defender's page for one device. */
  device?(deviceId: string): string;
}

export interface TelemetrySource {
  readonly id: 'embedded' | 'defender' | 'sentinel' | 'adx';
  /** What the page shows, e.g. "embedded (demo data)". */
  readonly label: string;
  run(kql: string, options: RunOptions): Promise<QueryResult>;
  /**
   * The query exactly as this source runs it (Sentinel filters on TimeGenerated, for instance), after a check
   * against the table's schema that throws KqlSemanticError; absent where the query runs as written.
   */
  effectiveQuery?(kql: string): string;
  readonly links?: ConsoleLinks;
}

/** The source could not answer: unreachable, refused, or failed mid-query. Maps to 502. */
export class SourceError extends DomainError {
  override name = 'SourceError';
  toProblem(): ProblemInit {
    return { status: 502, title: 'The telemetry source failed', detail: this.message };
  }
}

/** The source did not answer in time. Maps to 504. */
export class SourceTimeoutError extends DomainError {
  override name = 'SourceTimeoutError';
  toProblem(): ProblemInit {
    return { status: 504, title: 'The telemetry source timed out', detail: this.message };
  }
}

/**
 * The source, or Huntboard's own per-user limit, is rationing queries. Maps to 429 with Retry-After. The
 * message says which quota and when to try again.
 */
export class SourceThrottledError extends DomainError {
  override name = 'SourceThrottledError';
  constructor(
    message: string,
    /** Which quota was hit, in the words of the service (or of Huntboard's own limit). */
    readonly quota: string,
    /** Seconds until a retry may succeed. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  toProblem(): ProblemInit {
    return {
      status: 429,
      title: 'The telemetry source is rationing queries',
      detail: this.message,
      extensions: { quota: this.quota, retryAfter: this.retryAfterSeconds },
      headers: { 'retry-after': String(this.retryAfterSeconds) },
    };
  }
}
