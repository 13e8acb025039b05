// The columns of the Defender tables a query reads, from Kusto's own name binding against the registry: an
// exported file needs only these columns, and only these are type-checked, before the query runs on it.
import { TABLES, type TableDef } from '@/lib/tables/registry';
import { analyzeColumnReads } from './kusto';
import { schemaText } from './schema-check';

/** Table name -> the columns the query reads, in the table's column order. Tables it does not name are absent. */
export type ColumnReads = Readonly<Record<string, readonly string[]>>;

/**
 * What `kql` reads of each table. A query the analyser rejects (its error is reported elsewhere, by the
 * translator or the pre-flight check) is taken to read every column of the tables it names: never less than
 * it reads.
 */
export function columnsRead(kql: string, tables: readonly TableDef[] = TABLES): ColumnReads {
  // The same schemas as the pre-flight check (translateKql's), so that the analysis it made is reused.
  const analysis = analyzeColumnReads(
    kql,
    tables.map((t) => ({ name: t.name, schema: schemaText(t.columns) })),
  );
  const failed = analysis.diagnostics.some((d) => d.severity === 'Error');
  const reads: Record<string, readonly string[]> = {};
  for (const table of tables) {
    const found = analysis.tables.get(table.name);
    if (!found) continue;
    reads[table.name] = table.columns
      .map((c) => c.name)
      .filter((name) => failed || found.everyColumn || found.columns.has(name));
  }
  return reads;
}
