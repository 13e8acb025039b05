// Azure Data Explorer, for organisations that export Defender's tables to a cluster for scale and
// retention, through Microsoft's azure-kusto-data client. The query's now() is set to the run's instant with
// the `query_now` request property, so a run on ADX is exactly reproducible. Results are read raw (the v2
// frames) so that a result cut at the cluster's row limit keeps its rows and is flagged as truncated.
import 'server-only';
import {
  Client,
  ClientRequestProperties,
  KustoConnectionStringBuilder,
  KustoDataErrors,
} from 'azure-kusto-data';
import { checkQueryAgainstSchema } from '@/lib/kql/schema-check';
import { renameTables } from '@/lib/kql/table-rewrite';
import { columnsOf, member, shapeArrayRows } from '@/lib/sources/cloud/cells';
import type { CloudSource } from '@/lib/sources/cloud/cloud-source';
import { failureOf } from '@/lib/sources/cloud/http-call';
import { parseJsonKeepingLongs } from '@/lib/sources/cloud/json-longs';
import { scopesFor, type TokenProvider } from '@/lib/sources/tokens/token-provider';
import { type QueryResult, SourceError, SourceTimeoutError } from '@/lib/sources/types';
import { TABLES } from '@/lib/tables/registry';

const SERVICE = 'Azure Data Explorer';
const LIMIT_MARKERS = /E_QUERY_RESULT_SET_TOO_LARGE|LimitsExceeded|exceed the set limit/i;

export interface AdxSourceOptions {
  /** The cluster's URL, e.g. https://mycluster.westeurope.kusto.windows.net. */
  clusterUrl: string;
  database: string;
  /**
   * Where each registry table's export lands: registry name → table in `database`; a table left out keeps its
   * own name. Hunts' references are pointed there before the check and the call.
   */
  tables?: Readonly<Record<string, string>>;
  tokens: TokenProvider;
  timeoutMs: number;
}

class MalformedAnswer extends Error {}

/** The text of OneApiErrors entries: [{ error: { code, message, '@message' } }]. */
function oneApiErrors(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const error = member(entry, 'error');
    const text = member(error, '@message') ?? member(error, 'message') ?? member(error, 'code');
    return typeof text === 'string' ? text : JSON.stringify(entry);
  });
}

/** The primary result of v2 frames, with every error reported in the table or at the end of the data set. */
export function readFrames(frames: unknown): QueryResult {
  if (!Array.isArray(frames)) throw new MalformedAnswer();
  const primary = frames.find(
    (f) => member(f, 'FrameType') === 'DataTable' && member(f, 'TableKind') === 'PrimaryResult',
  );
  const completion = frames.find((f) => member(f, 'FrameType') === 'DataSetCompletion');
  const errors: string[] = [];
  const dataRows: unknown[] = [];
  const schema = member(primary, 'Columns');
  const rows = member(primary, 'Rows');
  if (primary !== undefined && (!Array.isArray(schema) || !Array.isArray(rows))) throw new MalformedAnswer();
  for (const row of Array.isArray(rows) ? rows : []) {
    // A failure part-way through the table is a row that is an object, not an array of values.
    if (Array.isArray(row)) dataRows.push(row);
    else errors.push(...oneApiErrors(member(row, 'OneApiErrors')));
  }
  if (member(completion, 'HasErrors') === true) {
    const reported = oneApiErrors(member(completion, 'OneApiErrors'));
    errors.push(...(reported.length ? reported : ['the query had errors']));
  }
  const limitOnly = errors.length > 0 && errors.every((e) => LIMIT_MARKERS.test(e));
  if (errors.length && !limitOnly)
    throw new SourceError(
      `${SERVICE} reported an error, so rows may be missing: ${errors[0]?.slice(0, 400)}`,
    );
  if (primary === undefined) throw new SourceError(`${SERVICE} answered without a primary result.`);
  const columns = columnsOf(Array.isArray(schema) ? schema : []);
  return { columns, rows: shapeArrayRows(columns, dataRows), truncated: limitOnly };
}

interface AxiosLikeError {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status: number; headers: Record<string, unknown>; data: unknown };
  inner?: unknown;
}

function headersOf(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string') headers.set(k, v);
  return headers;
}

/** What the client threw, as a source error; the client redacts the Authorization header itself. */
function failure(error: unknown): Error {
  if (error instanceof KustoDataErrors.KustoAuthenticationError && error.inner instanceof SourceError)
    return error.inner;
  const e = (error instanceof KustoDataErrors.ThrottlingError ? error.inner : error) as AxiosLikeError;
  if (e instanceof MalformedAnswer || e instanceof SyntaxError)
    return new SourceError(`${SERVICE} answered with malformed JSON.`);
  if (e?.response)
    return failureOf(SERVICE, e.response.status, headersOf(e.response.headers), e.response.data);
  const why = e?.code ?? e?.message ?? String(error);
  return new SourceError(`${SERVICE} could not be reached (${String(why).slice(0, 200)}).`);
}

/**
 * Every registry table's name in the database: its own unless `tables` names another. Two registry tables
 * may not share one, and names are registry tables: either would be a settings mistake, not a query's.
 */
export function adxTableNames(tables: Readonly<Record<string, string>> = {}): Record<string, string> {
  const names: Record<string, string> = Object.fromEntries(TABLES.map((t) => [t.name, t.name]));
  for (const [table, target] of Object.entries(tables)) {
    if (!Object.hasOwn(names, table))
      throw new Error(`'${table}' is not a registry table (${TABLES.map((t) => t.name).join(', ')}).`);
    names[table] = target;
  }
  const targets = Object.values(names);
  const shared = targets.find((target, i) => targets.indexOf(target) !== i);
  if (shared !== undefined)
    throw new Error(`Two tables are mapped to the Azure Data Explorer table '${shared}'.`);
  return names;
}

export function createAdxSource(options: AdxSourceOptions): CloudSource {
  const names = adxTableNames(options.tables);
  const tables = TABLES.map((t) => ({ name: names[t.name] ?? t.name, columns: t.columns }));
  const scopes = scopesFor(options.tokens.mode, options.clusterUrl, 'user_impersonation');
  const host = new URL(options.clusterUrl).host;
  const source: CloudSource = {
    id: 'adx',
    label: `Azure Data Explorer (${host}, ${options.database})`,
    perUser: options.tokens.mode === 'obo',
    links: {},
    effectiveQuery(kql) {
      const renamed = renameTables(kql, names);
      checkQueryAgainstSchema(renamed, tables);
      return renamed;
    },
    async send(kql, { now, signal, caller }) {
      signal?.throwIfAborted();
      const connection = KustoConnectionStringBuilder.withTokenProvider(options.clusterUrl, () =>
        options.tokens.getToken(scopes, caller),
      );
      // One client per call: closing it is how a call is cancelled, and its connections go with it.
      const client = new Client(connection);
      // Integers beyond 2^53 (ReportIds) would lose digits in the client's own JSON.parse.
      client.axiosInstance.defaults.transformResponse = [
        (data: unknown) => (typeof data === 'string' && data !== '' ? parseJsonKeepingLongs(data) : data),
      ];
      const properties = new ClientRequestProperties();
      properties.setOption('query_now', now.toISOString());
      properties.setTimeout(options.timeoutMs);
      properties.setClientTimeout(options.timeoutMs + 5_000);
      properties.raw = true;
      let timedOut = false;
      const stop = () => client.close();
      const timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, options.timeoutMs);
      signal?.addEventListener('abort', stop, { once: true });
      try {
        const frames: unknown = await client.executeQuery(options.database, kql, properties);
        return readFrames(frames);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (timedOut)
          throw new SourceTimeoutError(`${SERVICE} did not answer within ${options.timeoutMs / 1000} s.`);
        if (error instanceof SourceError) throw error;
        throw failure(error);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        client.close();
        const agents = client.axiosInstance.defaults as {
          httpAgent?: { destroy(): void };
          httpsAgent?: { destroy(): void };
        };
        agents.httpAgent?.destroy();
        agents.httpsAgent?.destroy();
      }
    },
    async run(kql, run) {
      return source.send(source.effectiveQuery(kql), run);
    },
  };
  return source;
}
