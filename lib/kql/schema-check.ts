// The pre-flight check before a query leaves for a cloud source: Microsoft's Kusto parser analyses it against
// the target tables' schemas, so an unknown column or a type error is answered here, with the parser's message
// and position, instead of costing a call against the tenant's quota.
import { type SchemaVariant, TABLES } from '@/lib/tables/registry';
import type { ColumnDef } from '@/lib/tables/types';
import { KqlSemanticError } from './errors';
import { analyzeRaw } from './kusto';
import { parseKql, positionAt } from './parse';

export interface TableSchema {
  name: string;
  columns: readonly ColumnDef[];
}

/** Every registry table as Defender (the default) or Sentinel has it, under its own name. */
export function registrySchemas(variant: SchemaVariant = 'defender'): TableSchema[] {
  return TABLES.map((t) => ({
    name: t.name,
    columns: variant === 'sentinel' ? t.sentinelColumns : t.columns,
  }));
}

/**
 * Throws KqlSyntaxError for invalid syntax and KqlSemanticError for the first semantic error (unknown table,
 * column or function; an operator applied to the wrong types). Warnings do not stop a query. `tables` are the
 * schemas the query may read: a list, or every registry table in the given variant.
 */
export function checkQueryAgainstSchema(
  kql: string,
  tables: readonly TableSchema[] | SchemaVariant = 'defender',
): void {
  parseKql(kql);
  const list = typeof tables === 'string' ? registrySchemas(tables) : tables;
  const schemas = list.map((t) => ({
    name: t.name,
    schema: `(${t.columns.map((c) => `['${c.name}']:${c.type}`).join(', ')})`,
  }));
  const error = analyzeRaw(kql, schemas).find((d) => d.severity === 'Error');
  if (error) throw new KqlSemanticError(error.message, positionAt(kql, error.start));
}
