// DuckDB DDL for the embedded telemetry tables, derived from the DeviceProcessEvents column list.
import { sqlIdent as quoteIdent, sqlString } from '@/lib/kql/literal';
import {
  type ColumnDef,
  DEVICE_PROCESS_EVENTS,
  deviceProcessEventsColumns,
  type KustoType,
} from '@/lib/sources/device-process-events';

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

export function createTableSql(
  table: string = DEVICE_PROCESS_EVENTS,
  columns: readonly ColumnDef[] = deviceProcessEventsColumns,
  { orReplace = false }: { orReplace?: boolean } = {},
): string {
  const body = columns.map((c) => `  ${quoteIdent(c.name)} ${duckDbType(c.type)}`).join(',\n');
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}TABLE ${quoteIdent(table)} (\n${body}\n)`;
}

/** Ground truth for the demo data: one row per mRemoteNG-related event, keyed as Defender keys events. */
export const DEMO_EVENT_LABEL_TABLE = 'DemoEventLabel';

export const demoEventLabelColumns = [
  { name: 'ReportId', type: 'BIGINT' },
  { name: 'DeviceId', type: 'VARCHAR' },
  { name: 'Timestamp', type: 'TIMESTAMP' },
  { name: 'label', type: 'VARCHAR' },
] as const;

export function createDemoEventLabelTableSql({ orReplace = false }: { orReplace?: boolean } = {}): string {
  const body = demoEventLabelColumns.map((c) => `  ${quoteIdent(c.name)} ${c.type}`).join(',\n');
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}TABLE ${quoteIdent(DEMO_EVENT_LABEL_TABLE)} (\n${body}\n)`;
}
