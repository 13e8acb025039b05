// Microsoft Sentinel through the Azure Monitor Logs query API (POST /v1/workspaces/{id}/query) on the
// workspace's copies of the registry's tables, whose queries filter on TimeGenerated (lib/kql/table-rewrite.ts).
// now() is the workspace's own clock: the API has no way to set it.
import 'server-only';
import { checkQueryAgainstSchema } from '@/lib/kql/schema-check';
import { toSentinelTimeFilters } from '@/lib/kql/table-rewrite';
import { columnsOf, member, shapeArrayRows } from '@/lib/sources/cloud/cells';
import type { CloudSource } from '@/lib/sources/cloud/cloud-source';
import { errorMessageOf, postJson } from '@/lib/sources/cloud/http-call';
import { sentinelLogsUrl } from '@/lib/sources/deep-links';
import { scopesFor, type TokenProvider } from '@/lib/sources/tokens/token-provider';
import { SourceError } from '@/lib/sources/types';

/** Log Analytics returns at most this many rows (and about 100 MiB). */
export const LOGS_ROW_LIMIT = 500_000;
/** The longest wait the API accepts in `Prefer: wait=N`, in seconds. */
const MAX_WAIT_SECONDS = 600;

const SERVICE = 'Microsoft Sentinel';

// A 200 that carries `error` is a partial result. When the error is only the result-size limit, the rows are
// the first part of the answer (truncated); any other partial failure means rows may be missing anywhere.
const LIMIT_MARKERS =
  /E_QUERY_RESULT_SET_TOO_LARGE|record count limit|result set has exceeded|exceed the set limit/i;

export interface SentinelSourceOptions {
  /** The Logs query API's base URL, e.g. https://api.loganalytics.io. */
  endpoint: string;
  /** The Log Analytics workspace id (a GUID) behind Sentinel. */
  workspaceId: string;
  tokens: TokenProvider;
  timeoutMs: number;
  /** The workspace's Azure resource id, for links into its Logs blade; no link without it. */
  workspaceResourceId?: string;
  tenantId?: string;
}

export function createSentinelSource(options: SentinelSourceOptions): CloudSource {
  const base = options.endpoint.replace(/\/+$/, '');
  const url = `${base}/v1/workspaces/${encodeURIComponent(options.workspaceId)}/query`;
  const scopes = scopesFor(options.tokens.mode, options.endpoint, 'Data.Read');
  const wait = Math.min(MAX_WAIT_SECONDS, Math.ceil(options.timeoutMs / 1000));
  const resourceId = options.workspaceResourceId;
  const source: CloudSource = {
    id: 'sentinel',
    label: `Microsoft Sentinel (workspace ${options.workspaceId})`,
    perUser: options.tokens.mode === 'obo',
    links: resourceId
      ? {
          query: (kql, lookbackMs) => ({
            label: 'Open in Sentinel',
            url: sentinelLogsUrl(kql, lookbackMs, resourceId, options.tenantId),
          }),
        }
      : {},
    effectiveQuery(kql) {
      const sentinel = toSentinelTimeFilters(kql);
      checkQueryAgainstSchema(sentinel, 'sentinel');
      return sentinel;
    },
    async send(kql, { signal, caller }) {
      const token = await options.tokens.getToken(scopes, caller);
      signal?.throwIfAborted();
      const { json } = await postJson({
        service: SERVICE,
        url,
        token,
        body: { query: kql },
        headers: { Prefer: `wait=${wait}` },
        timeoutMs: options.timeoutMs,
        signal,
      });
      const error = member(json, 'error');
      const limitHit = error !== undefined && LIMIT_MARKERS.test(JSON.stringify(error));
      if (error !== undefined && !limitHit) {
        const why = errorMessageOf(json) ?? 'no details';
        throw new SourceError(`${SERVICE} answered with a partial failure, so rows may be missing: ${why}`);
      }
      const tables = member(json, 'tables');
      if (!Array.isArray(tables)) throw new SourceError(`${SERVICE} answered without result tables.`);
      const primary = tables.find((t) => member(t, 'name') === 'PrimaryResult') ?? tables[0];
      const schema = member(primary, 'columns');
      const rows = member(primary, 'rows');
      if (!Array.isArray(schema) || !Array.isArray(rows))
        throw new SourceError(`${SERVICE} answered with a table without columns or rows.`);
      const columns = columnsOf(schema);
      return {
        columns,
        rows: shapeArrayRows(columns, rows),
        truncated: limitHit || rows.length >= LOGS_ROW_LIMIT,
      };
    },
    async run(kql, run) {
      return source.send(source.effectiveQuery(kql), run);
    },
  };
  return source;
}
