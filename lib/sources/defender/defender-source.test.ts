// Contract test of the Defender XDR source against a local server that answers like Microsoft Graph's
// runHuntingQuery: what the request carries, how each documented answer comes back, and what never leaves.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KqlSemanticError } from '@/lib/kql/errors';
import { SEED_QUERY } from '@/lib/kql/test-support';
import { decodeDefenderQuery } from '@/lib/sources/deep-links';
import {
  type FakeColumn,
  type FakeService,
  fakeTokens,
  graphAnswer,
  graphError,
  startFakeService,
} from '@/lib/sources/testing/fake-services';
import { SourceError, SourceThrottledError, SourceTimeoutError } from '@/lib/sources/types';
import { createDefenderSource, GRAPH_ROW_LIMIT } from './defender-source';

const NOW = new Date('2026-11-01T12:00:00Z');
const COLUMNS: FakeColumn[] = [
  { name: 'DeviceId', type: 'string' },
  { name: 'DeviceName', type: 'string' },
  { name: 'FirstSeen', type: 'datetime' },
  { name: 'Report', type: 'dynamic' },
  { name: 'Count', type: 'long' },
];
const ROW = {
  DeviceId: 'dev-1',
  DeviceName: 'ws-1.corp.example',
  FirstSeen: '2026-10-30T09:14:03.1234567Z',
  Report: [4411, 4412],
  Count: 14,
};

let graph: FakeService;

beforeAll(async () => {
  graph = await startFakeService();
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
});

function source(mode: 'obo' | 'client-credentials' = 'client-credentials', timeoutMs = 5_000) {
  const tokens = fakeTokens(mode);
  return {
    tokens,
    source: createDefenderSource({ graphUrl: graph.url, tokens, timeoutMs, tenantId: 'tenant-1' }),
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the run to fail');
}

describe('the request', () => {
  it('POSTs the query to runHuntingQuery with the app token, as JSON in UTF-8', async () => {
    graph.answer(() => ({ body: graphAnswer(COLUMNS, [ROW]) }));
    const { source: s, tokens } = source();
    await s.run(SEED_QUERY, { now: NOW });
    expect(graph.requests).toHaveLength(1);
    const [request] = graph.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1.0/security/runHuntingQuery');
    expect(request?.headers.authorization).toBe('Bearer fake-access-token');
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request?.body ?? '')).toEqual({ Query: SEED_QUERY });
    expect(tokens.calls).toEqual([{ scopes: [`${graph.url}/.default`], caller: undefined }]);
  });

  it('on behalf of the user: the delegated scope, exchanged from the caller’s own token', async () => {
    graph.answer(() => ({ body: graphAnswer(COLUMNS, [ROW]) }));
    const { source: s, tokens } = source('obo');
    const caller = { id: 'user-7', accessToken: 'users-own-token' };
    await s.run(SEED_QUERY, { now: NOW, caller });
    expect(tokens.calls).toEqual([{ scopes: [`${graph.url}/ThreatHunting.Read.All`], caller }]);
    expect(graph.requests[0]?.headers.authorization).toBe('Bearer fake-access-token-for-user-7');
    expect(JSON.stringify(graph.requests[0])).not.toContain('users-own-token');
    expect(s.perUser).toBe(true);
  });

  it('an unknown column is refused before anything is sent, with the parser’s position', async () => {
    const { source: s, tokens } = source();
    const error = await failure(s.run('DeviceProcessEvents\n| where DeviceNmae == "x"', { now: NOW }));
    expect(error).toBeInstanceOf(KqlSemanticError);
    expect((error as KqlSemanticError).position).toEqual({ line: 2, column: 9 });
    expect(graph.requests).toHaveLength(0);
    expect(tokens.calls).toHaveLength(0);
  });
});

describe('answers', () => {
  it.each(['camel', 'pascal'] as const)(
    'success with %s-case keys: one typed shape, columns read case-insensitively',
    async (casing) => {
      // The row keys come back in another casing than the schema's names.
      const row = {
        deviceid: 'dev-1',
        DEVICENAME: 'ws-1.corp.example',
        firstSeen: ROW.FirstSeen,
        report: ROW.Report,
        count: 14,
      };
      graph.answer(() => ({ body: graphAnswer(COLUMNS, [row], { casing }) }));
      const result = await source().source.run(SEED_QUERY, { now: NOW });
      expect(result.columns).toEqual([
        { name: 'DeviceId', type: 'string' },
        { name: 'DeviceName', type: 'string' },
        { name: 'FirstSeen', type: 'datetime' },
        { name: 'Report', type: 'dynamic' },
        { name: 'Count', type: 'long' },
      ]);
      expect(result.rows).toEqual([
        {
          DeviceId: 'dev-1',
          DeviceName: 'ws-1.corp.example',
          FirstSeen: new Date('2026-10-30T09:14:03.123Z'),
          Report: [4411, 4412],
          Count: 14n,
        },
      ]);
      expect(result.truncated).toBe(false);
    },
  );

  it('longs beyond 2^53 keep every digit: bigint in long columns, strings inside dynamic arrays', async () => {
    const rowsJson =
      '[{"DeviceId":"dev-1","DeviceName":"ws","FirstSeen":"2026-10-30T09:14:03Z","Report":[9007199254740993,12],"Count":9223372036854775807}]';
    graph.answer(() => ({ body: graphAnswer(COLUMNS, [], { rowsJson }) }));
    const [row] = (await source().source.run(SEED_QUERY, { now: NOW })).rows;
    expect(row?.Count).toBe(9223372036854775807n);
    expect(row?.Report).toEqual(['9007199254740993', 12]);
  });

  it('dynamic values sent as JSON text become arrays', async () => {
    graph.answer(() => ({ body: graphAnswer(COLUMNS, [{ ...ROW, Report: '[1,2,3]' }]) }));
    const [row] = (await source().source.run(SEED_QUERY, { now: NOW })).rows;
    expect(row?.Report).toEqual([1, 2, 3]);
  });

  it('empty results: the columns and no rows', async () => {
    graph.answer(() => ({ body: graphAnswer(COLUMNS, []) }));
    const result = await source().source.run(SEED_QUERY, { now: NOW });
    expect(result.rows).toEqual([]);
    expect(result.columns.map((c) => c.name)).toEqual(COLUMNS.map((c) => c.name));
    expect(result.truncated).toBe(false);
  });

  it('a syntax error (400): a source error with Graph’s own message', async () => {
    graph.answer(() => ({
      status: 400,
      body: graphError('BadRequest', "Query could not be parsed at 'summarise' on line [3,2]"),
    }));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(
      "Microsoft Defender XDR rejected the query: Query could not be parsed at 'summarise' on line [3,2]",
    );
  });

  it('429: throttled, saying which quota and when to retry', async () => {
    graph.answer(() => ({
      status: 429,
      headers: { 'Retry-After': '37' },
      body: graphError(
        'TooManyRequests',
        'The CPU quota for the tenant was exceeded for the current 15-minute cycle.',
      ),
    }));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceThrottledError);
    const throttled = error as SourceThrottledError;
    expect(throttled.retryAfterSeconds).toBe(37);
    expect(throttled.quota).toBe(
      'The CPU quota for the tenant was exceeded for the current 15-minute cycle.',
    );
    expect(throttled.message).toContain('Try again in 37 s');
  });

  it('403: the permissions to check', async () => {
    graph.answer(() => ({ status: 403, body: graphError('Forbidden', 'Missing application roles.') }));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(
      /refused Huntboard's credentials \(HTTP 403\): Missing application roles\..*permissions/,
    );
  });

  it('a slow answer is cut off at the timeout: 504', async () => {
    graph.answer(() => ({ delayMs: 2_000, body: graphAnswer(COLUMNS, []) }));
    const error = await failure(source('client-credentials', 150).source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceTimeoutError);
    expect(error.message).toBe('Microsoft Defender XDR did not answer within 0.15 s.');
  });

  it('a run cancelled by the caller ends with the caller’s reason, not a source error', async () => {
    graph.answer(() => ({ delayMs: 2_000, body: graphAnswer(COLUMNS, []) }));
    const controller = new AbortController();
    const running = source().source.run(SEED_QUERY, { now: NOW, signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('cancelled from the page', 'AbortError')), 50);
    const error = await failure(running);
    expect(error.name).toBe('AbortError');
    expect(error.message).toBe('cancelled from the page');
  });

  it('malformed JSON: a source error saying so', async () => {
    graph.answer(() => ({ body: '{"schema":[{"name":"DeviceId","type":"String"}],"results":[{"DeviceId":' }));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe('Microsoft Defender XDR answered with malformed JSON.');
  });

  it('a 200 without results is a source error, not an empty hunt', async () => {
    graph.answer(() => ({ body: { schema: [] } }));
    expect(await failure(source().source.run(SEED_QUERY, { now: NOW }))).toBeInstanceOf(SourceError);
  });

  it(`truncation: ${GRAPH_ROW_LIMIT.toLocaleString('en')} rows is Graph’s limit, flagged as truncated`, async () => {
    const rows = Array.from({ length: GRAPH_ROW_LIMIT }, (_, i) => ({ DeviceId: `d${i}` }));
    graph.answer(() => ({ body: graphAnswer([{ name: 'DeviceId', type: 'string' }], rows) }));
    const full = await source().source.run('DeviceProcessEvents | project DeviceId', { now: NOW });
    expect(full.rows).toHaveLength(GRAPH_ROW_LIMIT);
    expect(full.truncated).toBe(true);
    graph.answer(() => ({ body: graphAnswer([{ name: 'DeviceId', type: 'string' }], rows.slice(1)) }));
    const under = await source().source.run('DeviceProcessEvents | project DeviceId', { now: NOW });
    expect(under.truncated).toBe(false);
  });
});

describe('console links', () => {
  it('advanced hunting with the query, and each device’s page, in the tenant', () => {
    const { source: s } = source();
    const link = s.links?.query?.(SEED_QUERY, 5 * 86_400_000);
    expect(link?.label).toBe('Open in Defender');
    const url = new URL(link?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://security.microsoft.com/v2/advanced-hunting');
    expect(decodeDefenderQuery(url.searchParams.get('query') ?? '')).toBe(SEED_QUERY);
    expect(url.searchParams.get('tid')).toBe('tenant-1');
    expect(s.links?.device?.('abc/123')).toBe(
      'https://security.microsoft.com/machines/v2/abc%2F123/overview?tid=tenant-1',
    );
  });
});
