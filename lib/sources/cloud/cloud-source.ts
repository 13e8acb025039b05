// What the cloud sources (Defender XDR, Sentinel, Azure Data Explorer) have beyond the telemetry-source
// interface: the query is rewritten and checked before it leaves, and sending is separate from that, so that
// lib/sources/source-guard.ts can check, cache, share and ration in between.
import type { QueryResult, RunOptions, TelemetrySource } from '@/lib/sources/types';

export interface CloudSource extends TelemetrySource {
  readonly id: 'defender' | 'sentinel' | 'adx';
  /**
   * True when what a query returns depends on who asks (on-behalf-of: Defender scopes devices by the user's
   * device groups), so results are cached and shared only within one user's runs.
   */
  readonly perUser: boolean;
  /** The query as this source runs it, checked against the table's schema; throws KqlSemanticError. */
  effectiveQuery(kql: string): string;
  /** Sends a query that effectiveQuery returned. */
  send(effectiveKql: string, options: RunOptions): Promise<QueryResult>;
}
