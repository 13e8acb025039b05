// Test helpers for lib/kql: an in-memory DuckDB with hand-written tables, and translated queries run on it
// with their results in plain JS values (ISO strings for timestamps, numbers for longs, strings for longs beyond 2^53).
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { ColumnDef } from '@/lib/tables/types';
import { sqlIdent, sqlString, sqlTimestamp } from './literal';
import { translateKql } from './translate';

export type Row = Record<string, unknown>;

/** The seed rule's query, as the catalog holds it: the hunt most tests compose and translate. */
export const SEED_QUERY = `let Time_start = now(-5d);
let Time_end = now();
//
DeviceProcessEvents
| where Timestamp between (Time_start..Time_end)
| where ProcessVersionInfoProductName has 'mRemoteNG'
| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),
Report=make_set(ReportId), Count=count() by DeviceId, DeviceName`;

const DUCK_TYPES: Record<ColumnDef['type'], string> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  int: 'INTEGER',
  bool: 'BOOLEAN',
  datetime: 'TIMESTAMP',
  dynamic: 'VARCHAR',
};

export async function openDatabase(): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:');
  return db.connect();
}

function sqlValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return sqlTimestamp(BigInt(value.getTime()) * 1000n);
  throw new Error(`test-support: cannot write ${String(value)} as SQL`);
}

/** (Re)creates `name` with the given columns and rows; columns a row leaves out are NULL. */
export async function createTable(
  connection: DuckDBConnection,
  name: string,
  columns: readonly ColumnDef[],
  rows: readonly Row[],
): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${sqlIdent(name)}`);
  const defs = columns.map((c) => `${sqlIdent(c.name)} ${DUCK_TYPES[c.type]}`).join(', ');
  await connection.run(`CREATE TABLE ${sqlIdent(name)} (${defs})`);
  if (rows.length === 0) return;
  const values = rows.map((row) => `(${columns.map((c) => sqlValue(row[c.name])).join(', ')})`).join(',\n');
  await connection.run(`INSERT INTO ${sqlIdent(name)} VALUES ${values}`);
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Runs SQL and returns rows with Dates as ISO strings and bigints as numbers. */
export async function querySql(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRowObjectsJS()
    .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

/** Translates KQL against `tables` and runs it. */
export async function runKql(
  connection: DuckDBConnection,
  kql: string,
  tables: Record<string, readonly ColumnDef[]>,
  now: Date,
): Promise<Row[]> {
  return querySql(connection, translateKql(kql, { now, tables }));
}

/** Runs KQL whose result has an Id column and returns the Ids, in ascending order. */
export async function runKqlIds(
  connection: DuckDBConnection,
  kql: string,
  tables: Record<string, readonly ColumnDef[]>,
  now: Date,
): Promise<number[]> {
  return (await runKql(connection, kql, tables, now)).map((r) => r.Id as number).sort((a, b) => a - b);
}
