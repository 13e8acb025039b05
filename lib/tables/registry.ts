// The one list of the Defender tables Huntboard hunts in. The translator's tables, every source's pre-flight
// check, the embedded DDL and file import, evidence columns, custom exclusion fields and the Sentinel rewrite
// read it; adding a table is one entry here (plus its demo data).
import { deviceFileCertificateInfo } from './device-file-certificate-info';
import { deviceNetworkEvents } from './device-network-events';
import { deviceProcessEvents } from './device-process-events';
import type { ColumnDef, TableDef } from './types';

export const TABLES: readonly TableDef[] = [
  deviceProcessEvents,
  deviceNetworkEvents,
  deviceFileCertificateInfo,
];

const byName = new Map(TABLES.map((t) => [t.name, t]));

/** The table of this exact (case-sensitive, as in Kusto) name, or undefined. */
export function findTable(name: string): TableDef | undefined {
  return byName.get(name);
}

/** The table of this name; throws for a name that is not in the registry (a programming error). */
export function table(name: string): TableDef {
  const def = byName.get(name);
  if (!def) throw new Error(`'${name}' is not a table Huntboard knows (${TABLE_NAMES.join(', ')}).`);
  return def;
}

export const TABLE_NAMES: readonly string[] = TABLES.map((t) => t.name);

/**
 * The main table of a query that reads `tables` (its registry tables in order, lib/kql/table-references.ts):
 * the first. Its evidence columns and exclusion fields are the hunt's. Undefined when there is none.
 */
export function mainTable(tables: readonly string[]): TableDef | undefined {
  const name = tables[0];
  return name === undefined ? undefined : byName.get(name);
}

/** A column of a table by its exact name. */
export function findColumn(tableName: string, column: string): ColumnDef | undefined {
  return byName.get(tableName)?.columns.find((c) => c.name === column);
}

export type SchemaVariant = 'defender' | 'sentinel';

const schemas: Record<SchemaVariant, Readonly<Record<string, readonly ColumnDef[]>>> = {
  defender: Object.freeze(Object.fromEntries(TABLES.map((t) => [t.name, t.columns]))),
  sentinel: Object.freeze(Object.fromEntries(TABLES.map((t) => [t.name, t.sentinelColumns]))),
};

/** Every table's columns by name, as Defender (the default) or Sentinel has them. */
export function tableSchemas(
  variant: SchemaVariant = 'defender',
): Readonly<Record<string, readonly ColumnDef[]>> {
  return schemas[variant];
}

/** Kusto's schema notation, e.g. "(Timestamp:datetime, DeviceId:string, ...)", for the parser's analysis. */
export function kustoSchemaText(columns: readonly ColumnDef[]): string {
  return `(${columns.map((c) => `${c.name}:${c.type}`).join(', ')})`;
}

export type { ColumnDef, KustoType, TableDef } from './types';
