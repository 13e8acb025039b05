// Contract test of the Azure Data Explorer source, through Microsoft's azure-kusto-data client, against a local
// server that answers like a cluster's v2 query endpoint (frames), including errors inside the frames.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KqlSemanticError } from '@/lib/kql/errors';
import { SEED_QUERY } from '@/lib/kql/test-support';
import {
  ADX_AUTH_METADATA,
  adxError,
  adxFrames,
  adxOneApiError,
  type FakeColumn,
  type FakeHandler,
  type FakeService,
  fakeTokens,
  startFakeService,
} from '@/lib/sources/testing/fake-services';
import { SourceError, SourceThrottledError, SourceTimeoutError } from '@/lib/sources/types';
import { createAdxSource } from './adx-source';

const NOW = new Date('2026-11-01T12:00:00Z');
const COLUMNS: FakeColumn[] = [
  { name: 'DeviceId', type: 'string' },
  { name: 'DeviceName', type: 'string' },
  { name: 'FirstSeen', type: 'datetime' },
  { name: 'Report', type: 'dynamic' },
  { name: 'Count', type: 'long' },
];
const ROW = ['dev-1', 'ws-1', '2026-10-30T09:14:03.1234567Z', [4411, 4412], 14];

let cluster: FakeService;

/** The cluster: its auth metadata for the client's first look, then `query` for every query. */
function answering(query: FakeHandler): FakeHandler {
  return (request) =>
    request.method === 'GET' && request.path === '/v1/rest/auth/metadata'
      ? { body: ADX_AUTH_METADATA }
      : query(request);
}

beforeAll(async () => {
  cluster = await startFakeService();
});
afterAll(() => cluster.close());
beforeEach(() => {
  cluster.requests.length = 0;
});

function source(
  options: { timeoutMs?: number; mode?: 'obo' | 'client-credentials'; tables?: Record<string, string> } = {},
) {
  const tokens = fakeTokens(options.mode ?? 'client-credentials');
  return {
    tokens,
    source: createAdxSource({
      clusterUrl: cluster.url,
      database: 'Security',
      ...(options.tables ? { tables: options.tables } : {}),
      tokens,
      timeoutMs: options.timeoutMs ?? 5_000,
    }),
  };
}

const queries = () => cluster.requests.filter((r) => r.path === '/v2/rest/query');

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the run to fail');
}

describe('the request', () => {
  it('POSTs the query to /v2/rest/query with the database, the run’s now and the server timeout', async () => {
    cluster.answer(answering(() => ({ body: adxFrames(COLUMNS, [ROW]) })));
    const { source: s, tokens } = source({ timeoutMs: 90_000 });
    await s.run(SEED_QUERY, { now: NOW });
    const [request] = queries();
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe('Bearer fake-access-token');
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.headers['x-ms-client-request-id']).toMatch(/^KNC\.execute;/);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      db: 'Security',
      csl: SEED_QUERY,
      properties: { Options: { query_now: '2026-11-01T12:00:00.000Z', servertimeout: '00:01:30.000' } },
    });
    expect(tokens.calls[0]?.scopes).toEqual([`${cluster.url}/.default`]);
  });

  it('on behalf of the user: the caller’s exchanged token', async () => {
    cluster.answer(answering(() => ({ body: adxFrames(COLUMNS, []) })));
    const { source: s, tokens } = source({ mode: 'obo' });
    await s.run(SEED_QUERY, { now: NOW, caller: { id: 'u-2', accessToken: 'own' } });
    expect(tokens.calls[0]?.scopes).toEqual([`${cluster.url}/user_impersonation`]);
    expect(queries()[0]?.headers.authorization).toBe('Bearer fake-access-token-for-u-2');
  });

  it('a hunt points at the table the export lands in, checked before it leaves', async () => {
    cluster.answer(answering(() => ({ body: adxFrames(COLUMNS, []) })));
    const { source: s } = source({ tables: { DeviceProcessEvents: 'MdeProcessEvents' } });
    await s.run(SEED_QUERY, { now: NOW });
    expect(JSON.parse(queries()[0]?.body ?? '').csl).toBe(
      SEED_QUERY.replace('DeviceProcessEvents', 'MdeProcessEvents'),
    );
    const error = await failure(s.run('DeviceProcessEvents | where Nope == 1', { now: NOW }));
    expect(error).toBeInstanceOf(KqlSemanticError);
    expect(queries()).toHaveLength(1);
  });
});

describe('answers', () => {
  it('success: typed cells from the primary result', async () => {
    cluster.answer(answering(() => ({ body: adxFrames(COLUMNS, [ROW]) })));
    const result = await source().source.run(SEED_QUERY, { now: NOW });
    expect(result.columns).toEqual(COLUMNS);
    expect(result.rows).toEqual([
      {
        DeviceId: 'dev-1',
        DeviceName: 'ws-1',
        FirstSeen: new Date('2026-10-30T09:14:03.123Z'),
        Report: [4411, 4412],
        Count: 14n,
      },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('longs beyond 2^53 keep every digit through the client', async () => {
    const frames = JSON.stringify(adxFrames(COLUMNS, [['d', 'w', '2026-10-30T09:14:03Z', 'REPORT', 'COUNT']]))
      .replace('"REPORT"', '[9007199254740993,5]')
      .replace('"COUNT"', '9223372036854775807');
    cluster.answer(answering(() => ({ body: frames })));
    const [row] = (await source().source.run(SEED_QUERY, { now: NOW })).rows;
    expect(row?.Report).toEqual(['9007199254740993', 5]);
    expect(row?.Count).toBe(9223372036854775807n);
  });

  it('empty results', async () => {
    cluster.answer(answering(() => ({ body: adxFrames(COLUMNS, []) })));
    expect(await source().source.run(SEED_QUERY, { now: NOW })).toEqual({
      columns: COLUMNS,
      rows: [],
      truncated: false,
    });
  });

  it('a syntax error (400): the cluster’s own message', async () => {
    cluster.answer(
      answering(() => ({
        status: 400,
        body: adxError(
          'General_BadRequest',
          'Syntax error: SYN0002: A recognition error occurred. [line:position=3:2]',
        ),
      })),
    );
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(
      'Azure Data Explorer rejected the query: Syntax error: SYN0002: A recognition error occurred. [line:position=3:2]',
    );
  });

  it('429 with Retry-After: throttled, naming the quota', async () => {
    cluster.answer(
      answering(() => ({
        status: 429,
        headers: { 'Retry-After': '12' },
        body: adxError(
          'TooManyRequests',
          'The control command was aborted due to throttling (concurrent queries).',
        ),
      })),
    );
    const error = (await failure(source().source.run(SEED_QUERY, { now: NOW }))) as SourceThrottledError;
    expect(error).toBeInstanceOf(SourceThrottledError);
    expect(error.retryAfterSeconds).toBe(12);
    expect(error.quota).toBe('The control command was aborted due to throttling (concurrent queries).');
  });

  it('a partial failure inside the frames: a source error, since rows may be missing', async () => {
    const failed = adxOneApiError(
      'LimitsExceeded',
      'Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION).',
    );
    cluster.answer(
      answering(() => ({
        body: adxFrames(COLUMNS, [ROW], { tableErrors: [failed], completionErrors: [failed] }),
      })),
    );
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toContain('E_LOW_MEMORY_CONDITION');
  });

  it('truncation: the result-set limit keeps the rows so far, flagged as truncated', async () => {
    const limit = adxOneApiError(
      'LimitsExceeded',
      'Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of 500000 records, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003, max #records=500000).',
    );
    cluster.answer(
      answering(() => ({
        body: adxFrames(COLUMNS, [ROW, ROW], { tableErrors: [limit], completionErrors: [limit] }),
      })),
    );
    const result = await source().source.run(SEED_QUERY, { now: NOW });
    expect(result.rows).toHaveLength(2);
    expect(result.truncated).toBe(true);
  });

  it('a slow answer is cut off at the timeout: 504', async () => {
    cluster.answer(answering(() => ({ delayMs: 2_000, body: adxFrames(COLUMNS, []) })));
    const error = await failure(source({ timeoutMs: 200 }).source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect(error.message).toBe('Azure Data Explorer did not answer within 0.2 s.');
  });

  it('cancelled by the caller: the caller’s reason', async () => {
    cluster.answer(answering(() => ({ delayMs: 2_000, body: adxFrames(COLUMNS, []) })));
    const controller = new AbortController();
    const running = source().source.run(SEED_QUERY, { now: NOW, signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('cancelled from the page', 'AbortError')), 50);
    const error = await failure(running);
    expect(error.name).toBe('AbortError');
  });

  it('malformed JSON', async () => {
    cluster.answer(answering(() => ({ body: '[{"FrameType":"DataSetHeader"},{"FrameType":"DataTable",' })));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe('Azure Data Explorer answered with malformed JSON.');
  });

  it('a token failure is the token provider’s message, not the client’s wrapper', async () => {
    cluster.answer(answering(() => ({ body: adxFrames(COLUMNS, []) })));
    const s = createAdxSource({
      clusterUrl: cluster.url,
      database: 'Security',
      timeoutMs: 5_000,
      tokens: {
        mode: 'obo',
        getToken: async () => {
          throw new SourceError(
            'This source runs on behalf of the signed-in user, and the run has no user token.',
          );
        },
      },
    });
    const error = await failure(s.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/^This source runs on behalf of the signed-in user/);
    expect(queries()).toHaveLength(0);
  });
});
