// The pre-flight check before a query leaves for a cloud source: Microsoft's Kusto parser analyses it against
// the target table's schema, so an unknown column or a type error is answered here, with the parser's message
// and position, instead of costing a call against the tenant's quota.
import type { ColumnDef } from '@/lib/sources/device-process-events';
import { KqlSemanticError } from './errors';
import { analyzeRaw } from './kusto';
import { parseKql, positionAt } from './parse';

export interface TableSchema {
  name: string;
  columns: readonly ColumnDef[];
}

/**
 * Throws KqlSyntaxError for invalid syntax and KqlSemanticError for the first semantic error (unknown table,
 * column or function; an operator applied to the wrong types). Warnings do not stop a query.
 */
export function checkQueryAgainstSchema(kql: string, tables: readonly TableSchema[]): void {
  parseKql(kql);
  const schemas = tables.map((t) => ({
    name: t.name,
    schema: `(${t.columns.map((c) => `['${c.name}']:${c.type}`).join(', ')})`,
  }));
  const error = analyzeRaw(kql, schemas).find((d) => d.severity === 'Error');
  if (error) throw new KqlSemanticError(error.message, positionAt(kql, error.start));
}
