// The embedded telemetry source: KQL translated to DuckDB SQL over the registry's tables and run on the
// embedded telemetry store.
import 'server-only';
import { translateKql } from '@/lib/kql/translate';
import { type QueryResult, type RunOptions, SourceError, type TelemetrySource } from '@/lib/sources/types';
import type { TelemetryStore } from './telemetry-store';

export function createEmbeddedSource(store: TelemetryStore): TelemetrySource & { close(): Promise<void> } {
  return {
    id: 'embedded',
    label: store.describe().label,
    async run(kql: string, { now, signal }: RunOptions): Promise<QueryResult> {
      // Translation errors (syntax, unsupported constructs) pass through as they are: they name the place.
      const sql = translateKql(kql, { now });
      signal?.throwIfAborted();
      try {
        const result = await store.query(sql, { signal });
        return {
          columns: result.columns.map((c) => ({ name: c.name, type: c.kustoType })),
          rows: result.rows,
          truncated: false,
        };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw new SourceError(`The embedded engine failed: ${(error as Error).message.split('\n')[0]}`);
      }
    },
    close: () => store.close(),
  };
}
