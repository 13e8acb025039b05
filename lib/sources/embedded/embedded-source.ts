// The embedded telemetry source: KQL translated to DuckDB SQL over the registry's tables and run on the
// embedded telemetry store.
import 'server-only';
import { columnsRead } from '@/lib/kql/columns-read';
import { unpackColumns } from '@/lib/kql/packed-columns';
import { translateKqlRows } from '@/lib/kql/translate';
import type { GuardableSource } from '@/lib/sources/source-guard';
import { type QueryResult, type RunOptions, SourceError } from '@/lib/sources/types';
import type { EmbeddedColumn } from './query-result';
import type { TelemetryStore } from './telemetry-store';

export interface EmbeddedSource extends GuardableSource {
  readonly id: 'embedded';
  close(): Promise<void>;
}

export function createEmbeddedSource(store: TelemetryStore): EmbeddedSource {
  async function run(kql: string, { now, signal }: RunOptions): Promise<QueryResult> {
    // Translation errors (syntax, unsupported constructs) pass through as they are: they name the place.
    const { sql, packed, order } = translateKqlRows(kql, { now });
    // Exported files need only the columns the query reads, and only those are checked.
    const reads = store.mode === 'files' ? columnsRead(kql) : undefined;
    signal?.throwIfAborted();
    try {
      const read = await store.query(sql, { signal, reads });
      // A query that measures many exclusions returns their keys packed; they are rebuilt here.
      const result = unpackColumns(
        read,
        packed,
        order,
        (name): EmbeddedColumn => ({
          name,
          duckdbType: 'BOOLEAN',
          kustoType: 'bool',
        }),
      );
      return {
        columns: result.columns.map((c) => ({ name: c.name, type: c.kustoType })),
        rows: result.rows,
        truncated: false,
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof SourceError) throw error;
      throw new SourceError(`The embedded engine failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return {
    id: 'embedded',
    label: store.describe().label,
    // Everyone sees the same data, so answers may be shared across users.
    perUser: false,
    // The query runs as written; the translation checks it against the schema when it runs.
    effectiveQuery: (kql) => kql,
    run,
    send: run,
    close: () => store.close(),
  };
}
