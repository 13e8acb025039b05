// DuckDB DDL for the embedded telemetry tables, derived from the table registry (lib/tables/).
import { sqlIdent as quoteIdent, sqlString } from '@/lib/kql/literal';
import { table as registryTable, TABLES } from '@/lib/tables/registry';
import type { ColumnDef, KustoType } from '@/lib/tables/types';

export type DuckDbColumnType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'BOOLEAN' | 'TIMESTAMP' | 'JSON';

const duckDbTypeByKusto: Record<KustoType, DuckDbColumnType> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  int: 'INTEGER',
  bool: 'BOOLEAN',
  // Kusto datetimes are UTC; a naive TIMESTAMP avoids DuckDB's session-time-zone conversions.
  datetime: 'TIMESTAMP',
  dynamic: 'JSON',
};

export function duckDbType(type: KustoType): DuckDbColumnType {
  return duckDbTypeByKusto[type];
}

// One writer of SQL identifiers and string literals for the whole project: the one lib/kql uses.
export { quoteIdent, sqlString };

/** CREATE TABLE for a registry table (DeviceProcessEvents by default) or for `columns` under `table`. */
export function createTableSql(
  table = 'DeviceProcessEvents',
  columns: readonly ColumnDef[] = registryTable(table).columns,
  { orReplace = false, ifNotExists = false }: { orReplace?: boolean; ifNotExists?: boolean } = {},
): string {
  const body = columns.map((c) => `  ${quoteIdent(c.name)} ${duckDbType(c.type)}`).join(',\n');
  const exists = ifNotExists ? 'IF NOT EXISTS ' : '';
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}TABLE ${exists}${quoteIdent(table)} (\n${body}\n)`;
}

/** CREATE TABLE IF NOT EXISTS for every registry table: the ones without data yet are there, empty. */
export function createRegistryTablesSql(): string[] {
  return TABLES.map((t) => createTableSql(t.name, t.columns, { ifNotExists: true }));
}

/**
 * Ground truth for the demo data: one row per labelled event of any table (a tool's own events, the processes
 * it started, and look-alikes), keyed as Defender keys events, plus which table holds it.
 */
export const DEMO_EVENT_LABEL_TABLE = 'DemoEventLabel';

export const demoEventLabelColumns = [
  { name: 'ReportId', type: 'BIGINT' },
  { name: 'DeviceId', type: 'VARCHAR' },
  { name: 'Timestamp', type: 'TIMESTAMP' },
  /** `suspicious`, `near-miss`, `benign-admin`, or one of the seed rule's false-positive scenarios. */
  { name: 'label', type: 'VARCHAR' },
  { name: 'tool', type: 'VARCHAR' },
  /** The table the event is in: DeviceProcessEvents, DeviceNetworkEvents or DeviceFileCertificateInfo. */
  { name: 'table_name', type: 'VARCHAR' },
  /** `benign-admin`, `suspicious` or `near-miss`. */
  { name: 'kind', type: 'VARCHAR' },
  /** `tool`: the tool's own process, connection or file; `child`: a process the tool started. */
  { name: 'subject', type: 'VARCHAR' },
  /** The story's id within its tool (for mRemoteNG, the label). */
  { name: 'story', type: 'VARCHAR' },
  /** The signal facts the event carries (demo-signals.ts). */
  { name: 'signals', type: 'VARCHAR[]' },
] as const;

export function createDemoEventLabelTableSql({ orReplace = false }: { orReplace?: boolean } = {}): string {
  const body = demoEventLabelColumns.map((c) => `  ${quoteIdent(c.name)} ${c.type}`).join(',\n');
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}TABLE ${quoteIdent(DEMO_EVENT_LABEL_TABLE)} (\n${body}\n)`;
}
