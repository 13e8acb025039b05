// Local HTTP servers that answer like Microsoft Graph's runHuntingQuery, the Azure Monitor Logs query API and
// Azure Data Explorer's v2 query endpoint, built from the shapes their documentation gives, and a fake token
// provider. For the cloud sources' contract tests: every request is recorded, every answer scripted.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceAuthMode, TokenProvider } from '@/lib/sources/tokens/token-provider';
import type { Caller } from '@/lib/sources/types';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /v1.0/security/runHuntingQuery. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when the client hung up before the (delayed) answer was sent. */
  cancelled?: boolean;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (for malformed JSON); anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering, for timeouts. */
  delayMs?: number;
}

export type FakeHandler = (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeService {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: RecordedRequest[];
  /** Replaces how the service answers from now on. */
  answer(handler: FakeHandler): void;
  close(): Promise<void>;
}

export async function startFakeService(handler: FakeHandler = () => ({ status: 500 })): Promise<FakeService> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const answer = await current(request);
      const send = () => {
        if (res.destroyed) return;
        const body =
          answer.body === undefined
            ? ''
            : typeof answer.body === 'string'
              ? answer.body
              : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, {
          'content-type': 'application/json; charset=utf-8',
          ...answer.headers,
        });
        res.end(body);
      };
      if (answer.delayMs) {
        const timer = setTimeout(send, answer.delayMs);
        res.on('close', () => {
          if (!res.writableEnded) request.cancelled = true;
          clearTimeout(timer);
        });
      } else {
        send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A token provider that hands out a fixed token and records what it was asked for. */
export function fakeTokens(mode: SourceAuthMode, token = 'fake-access-token') {
  const calls: { scopes: string[]; caller: Caller | undefined }[] = [];
  const provider: TokenProvider & { calls: typeof calls } = {
    mode,
    calls,
    async getToken(scopes, caller) {
      calls.push({ scopes: [...scopes], caller });
      return mode === 'obo' ? `${token}-for-${caller?.id ?? 'nobody'}` : token;
    },
  };
  return provider;
}

/** A column and its values, as a hunt result. */
export interface FakeColumn {
  name: string;
  /** Kusto's type name; Graph's answers use .NET names, mapped here. */
  type: 'string' | 'long' | 'datetime' | 'dynamic' | 'int' | 'real' | 'bool';
}

const GRAPH_TYPES: Record<FakeColumn['type'], string> = {
  string: 'String',
  long: 'Int64',
  datetime: 'DateTime',
  dynamic: 'Object',
  int: 'Int32',
  real: 'Double',
  bool: 'Boolean',
};

/**
 * Graph's runHuntingQuery answer. `casing: 'pascal'` is the older documentation's `Schema`/`Results`/`Name`/
 * `Type`. `rowsJson` replaces the results with raw JSON text, for longs beyond 2^53.
 */
export function graphAnswer(
  columns: FakeColumn[],
  rows: Record<string, unknown>[],
  { casing = 'camel', rowsJson }: { casing?: 'camel' | 'pascal'; rowsJson?: string } = {},
): string {
  const pascal = casing === 'pascal';
  const schema = columns.map((c) =>
    pascal ? { Name: c.name, Type: GRAPH_TYPES[c.type] } : { name: c.name, type: GRAPH_TYPES[c.type] },
  );
  const results = rowsJson ?? JSON.stringify(rows);
  return `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.security.huntingQueryResults","${pascal ? 'Schema' : 'schema'}":${JSON.stringify(schema)},"${pascal ? 'Results' : 'results'}":${results}}`;
}

/** Graph's error body: { error: { code, message, innerError } }. */
export function graphError(code: string, message: string) {
  return {
    error: {
      code,
      message,
      innerError: { date: '2026-11-01T12:00:00', 'request-id': 'r-1', 'client-request-id': 'c-1' },
    },
  };
}

/** The Logs query API's answer: one PrimaryResult table, rows as arrays; dynamic values as JSON text. */
export function logsAnswer(columns: FakeColumn[], rows: unknown[][], error?: unknown): unknown {
  return {
    tables: [{ name: 'PrimaryResult', columns: columns.map((c) => ({ name: c.name, type: c.type })), rows }],
    ...(error ? { error } : {}),
  };
}

/** The Logs API's nested error: the outer message is generic, the innermost says what went wrong. */
export function logsError(code: string, innerMessage: string, innerCode = 'SYN0002') {
  return {
    error: {
      message: 'The request had some invalid properties',
      code: 'BadArgumentError',
      correlationId: 'c-1',
      innererror: {
        code,
        message: 'A recognition error occurred in the query.',
        innererror: { code: innerCode, message: innerMessage, line: 1, pos: 5 },
      },
    },
  };
}

/** A Logs API partial error (a 200 with `error`), as for a failed shard or a result over the limit. */
export function logsPartialError(innerMessage: string) {
  return {
    message: 'There were some errors when processing your query.',
    code: 'PartialError',
    correlationId: 'c-2',
    details: [
      {
        code: 'EngineError',
        message: 'Something went wrong processing your query on the server.',
        innererror: { code: '-2133196347', message: innerMessage, severity: 2, severityName: 'Error' },
      },
    ],
  };
}

/** A OneApiErrors entry, as Azure Data Explorer reports failures in v2 frames. */
export function adxOneApiError(code: string, message: string) {
  return {
    error: {
      code,
      message: 'Request is invalid and cannot be executed.',
      '@type': 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureException',
      '@message': message,
      '@permanent': true,
    },
  };
}

/**
 * Azure Data Explorer's v2 frames for one primary result. `tableErrors` end the table's rows (as when the
 * result hits the row limit part-way); `completionErrors` set HasErrors on the data set.
 */
export function adxFrames(
  columns: FakeColumn[],
  rows: unknown[][],
  { tableErrors = [], completionErrors = [] }: { tableErrors?: unknown[]; completionErrors?: unknown[] } = {},
): unknown[] {
  return [
    { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' },
    {
      FrameType: 'DataTable',
      TableId: 0,
      TableKind: 'QueryProperties',
      TableName: '@ExtendedProperties',
      Columns: [
        { ColumnName: 'TableId', ColumnType: 'int' },
        { ColumnName: 'Key', ColumnType: 'string' },
        { ColumnName: 'Value', ColumnType: 'dynamic' },
      ],
      Rows: [[1, 'Visualization', '{"Visualization":null}']],
    },
    {
      FrameType: 'DataTable',
      TableId: 1,
      TableKind: 'PrimaryResult',
      TableName: 'PrimaryResult',
      Columns: columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })),
      Rows: [...rows, ...(tableErrors.length ? [{ OneApiErrors: tableErrors }] : [])],
    },
    {
      FrameType: 'DataTable',
      TableId: 2,
      TableKind: 'QueryCompletionInformation',
      TableName: 'QueryCompletionInformation',
      Columns: [
        { ColumnName: 'Timestamp', ColumnType: 'datetime' },
        { ColumnName: 'ClientRequestId', ColumnType: 'string' },
        { ColumnName: 'Level', ColumnType: 'int' },
        { ColumnName: 'Payload', ColumnType: 'string' },
      ],
      Rows: [['2026-11-01T12:00:00Z', 'KNC.execute;1', 4, '{"Count":1}']],
    },
    {
      FrameType: 'DataSetCompletion',
      HasErrors: completionErrors.length > 0,
      Cancelled: false,
      ...(completionErrors.length ? { OneApiErrors: completionErrors } : {}),
    },
  ];
}

/** Azure Data Explorer's error body for a refused request (400, 429, ...). */
export function adxError(code: string, message: string) {
  return {
    error: {
      code,
      message: 'Request is invalid and cannot be executed.',
      '@type': 'Kusto.Data.Exceptions.SyntaxException',
      '@message': message,
      '@permanent': true,
    },
  };
}

/** What the cluster answers at /v1/rest/auth/metadata, which the client reads before its first query. */
export const ADX_AUTH_METADATA = {
  AzureAD: {
    LoginEndpoint: 'https://login.microsoftonline.com',
    LoginMfaRequired: false,
    KustoClientAppId: 'db662dc1-0cfe-4e1c-a843-19a68e65be58',
    KustoClientRedirectUri: 'https://microsoft/kustoclient',
    KustoServiceResourceId: 'https://kusto.kusto.windows.net',
    FirstPartyAuthorityUrl: 'https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  },
};
