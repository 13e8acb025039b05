// The handle the triage store queries through: a Drizzle database over PGlite or node-postgres, which share
// PostgreSQL's dialect, so every query and migration is written once.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

export type TriageDb = PgDatabase<PgQueryResultHKT>;
export type TriageTx = Parameters<Parameters<TriageDb['transaction']>[0]>[0];

export interface TriageDatabase {
  readonly kind: 'pglite' | 'postgres';
  readonly db: TriageDb;
  /** Waits for running queries, then closes; PGlite writes everything to its folder first. */
  close(): Promise<void>;
}
