// Contract test of the Sentinel source against a local server that answers like the Azure Monitor Logs query
// API: the TimeGenerated rewrite in what is sent, the documented answers including 200s that carry an error.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KqlSemanticError } from '@/lib/kql/errors';
import { SEED_QUERY } from '@/lib/kql/test-support';
import { decodeLogsQuery } from '@/lib/sources/deep-links';
import {
  type FakeColumn,
  type FakeService,
  fakeTokens,
  logsAnswer,
  logsError,
  logsPartialError,
  startFakeService,
} from '@/lib/sources/testing/fake-services';
import { SourceError, SourceThrottledError, SourceTimeoutError } from '@/lib/sources/types';
import { createSentinelSource } from './sentinel-source';

const NOW = new Date('2026-11-01T12:00:00Z');
const WORKSPACE = '3f2a1b7c-0d4e-4f5a-9b8c-1d2e3f4a5b6c';
const RESOURCE_ID =
  '/subscriptions/0000/resourceGroups/soc/providers/Microsoft.OperationalInsights/workspaces/sentinel-ws';
const COLUMNS: FakeColumn[] = [
  { name: 'DeviceId', type: 'string' },
  { name: 'DeviceName', type: 'string' },
  { name: 'FirstSeen', type: 'datetime' },
  { name: 'Report', type: 'dynamic' },
  { name: 'Count', type: 'long' },
];

let logs: FakeService;

beforeAll(async () => {
  logs = await startFakeService();
});
afterAll(() => logs.close());
beforeEach(() => {
  logs.requests.length = 0;
});

function source(
  options: { timeoutMs?: number; mode?: 'obo' | 'client-credentials'; resourceId?: string } = {},
) {
  const tokens = fakeTokens(options.mode ?? 'client-credentials');
  return {
    tokens,
    source: createSentinelSource({
      endpoint: logs.url,
      workspaceId: WORKSPACE,
      tokens,
      timeoutMs: options.timeoutMs ?? 5_000,
      workspaceResourceId: options.resourceId,
      tenantId: 'tenant-1',
    }),
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

const SENTINEL_SEED = SEED_QUERY.replace('where Timestamp between', 'where TimeGenerated between');

describe('the request', () => {
  it('POSTs the TimeGenerated form of the query to the workspace, with the wait it may take', async () => {
    logs.answer(() => ({ body: logsAnswer(COLUMNS, []) }));
    const { source: s, tokens } = source({ timeoutMs: 90_000 });
    expect(s.effectiveQuery(SEED_QUERY)).toBe(SENTINEL_SEED);
    await s.run(SEED_QUERY, { now: NOW });
    const [request] = logs.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/v1/workspaces/${WORKSPACE}/query`);
    expect(request?.headers.authorization).toBe('Bearer fake-access-token');
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.headers.prefer).toBe('wait=90');
    expect(JSON.parse(request?.body ?? '')).toEqual({ query: SENTINEL_SEED });
    expect(tokens.calls[0]?.scopes).toEqual([`${logs.url}/.default`]);
  });

  it('on behalf of the user: Data.Read, from the caller’s token', async () => {
    logs.answer(() => ({ body: logsAnswer(COLUMNS, []) }));
    const { source: s, tokens } = source({ mode: 'obo' });
    await s.run(SEED_QUERY, { now: NOW, caller: { id: 'u-1', accessToken: 'own' } });
    expect(tokens.calls[0]?.scopes).toEqual([`${logs.url}/Data.Read`]);
    expect(logs.requests[0]?.headers.authorization).toBe('Bearer fake-access-token-for-u-1');
  });

  it('checks against Sentinel’s copy of the table: its columns pass, unknown ones never leave', async () => {
    logs.answer(() => ({ body: logsAnswer(COLUMNS, []) }));
    const { source: s } = source();
    await s.run('DeviceProcessEvents | where TenantId != "" | summarize count() by MachineGroup', {
      now: NOW,
    });
    expect(logs.requests).toHaveLength(1);
    const error = await failure(s.run('DeviceProcessEvents | where Tenant == "x"', { now: NOW }));
    expect(error).toBeInstanceOf(KqlSemanticError);
    expect(logs.requests).toHaveLength(1);
  });
});

describe('answers', () => {
  it('success: rows by position, typed; dynamic JSON text becomes arrays; big longs keep their digits', async () => {
    const body = `{"tables":[{"name":"PrimaryResult","columns":${JSON.stringify(COLUMNS)},"rows":[["dev-1","ws-1","2026-10-30T09:14:03.123Z","[9007199254740993,4412]",9007199254740993]]}]}`;
    logs.answer(() => ({ body }));
    const result = await source().source.run(SEED_QUERY, { now: NOW });
    expect(result.columns).toEqual(COLUMNS);
    expect(result.rows).toEqual([
      {
        DeviceId: 'dev-1',
        DeviceName: 'ws-1',
        FirstSeen: new Date('2026-10-30T09:14:03.123Z'),
        Report: ['9007199254740993', 4412],
        Count: 9007199254740993n,
      },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('empty results', async () => {
    logs.answer(() => ({ body: logsAnswer(COLUMNS, []) }));
    const result = await source().source.run(SEED_QUERY, { now: NOW });
    expect(result).toEqual({ columns: COLUMNS, rows: [], truncated: false });
  });

  it('a syntax error (400): the innermost message of the nested error', async () => {
    logs.answer(() => ({
      status: 400,
      body: logsError('SyntaxError', "Query could not be parsed at 'summarise' on line [3,2]"),
    }));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(
      "Microsoft Sentinel rejected the query: Query could not be parsed at 'summarise' on line [3,2]",
    );
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    logs.answer(() => ({
      status: 429,
      headers: { 'Retry-After': at },
      body: {
        error: {
          code: 'ThrottledError',
          message: 'Your query was throttled: too many concurrent queries for this workspace.',
        },
      },
    }));
    const error = (await failure(source().source.run(SEED_QUERY, { now: NOW }))) as SourceThrottledError;
    expect(error).toBeInstanceOf(SourceThrottledError);
    expect(error.quota).toBe('Your query was throttled: too many concurrent queries for this workspace.');
    expect(error.retryAfterSeconds).toBeGreaterThan(100);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('a partial failure (200 with an error): a source error, since rows may be missing anywhere', async () => {
    logs.answer(() => ({
      body: logsAnswer(
        COLUMNS,
        [['dev-1', 'ws-1', '2026-10-30T09:14:03Z', '[]', 1]],
        logsPartialError('Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION).'),
      ),
    }));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(
      'Microsoft Sentinel answered with a partial failure, so rows may be missing: Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION).',
    );
  });

  it('truncation: a partial error that is only the result limit keeps the rows, flagged as truncated', async () => {
    logs.answer(() => ({
      body: logsAnswer(
        COLUMNS,
        [['dev-1', 'ws-1', '2026-10-30T09:14:03Z', '[1]', 1]],
        logsPartialError(
          'Query result set has exceeded the internal record count limit 500000 records (E_QUERY_RESULT_SET_TOO_LARGE).',
        ),
      ),
    }));
    const result = await source().source.run(SEED_QUERY, { now: NOW });
    expect(result.rows).toHaveLength(1);
    expect(result.truncated).toBe(true);
  });

  it('the service’s own timeout (504) and a slow answer cut off here are both 504s', async () => {
    logs.answer(() => ({
      status: 504,
      body: { error: { code: 'GatewayTimeout', message: 'Query timed out.' } },
    }));
    const gateway = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(gateway).toBeInstanceOf(SourceTimeoutError);
    expect(gateway.message).toContain('Query timed out.');
    logs.answer(() => ({ delayMs: 2_000, body: logsAnswer(COLUMNS, []) }));
    const slow = await failure(source({ timeoutMs: 150 }).source.run(SEED_QUERY, { now: NOW }));
    expect(slow).toBeInstanceOf(SourceTimeoutError);
    expect(slow.message).toBe('Microsoft Sentinel did not answer within 0.15 s.');
  });

  it('malformed JSON', async () => {
    logs.answer(() => ({ body: '{"tables":[{"name":"PrimaryResult","columns":[' }));
    const error = await failure(source().source.run(SEED_QUERY, { now: NOW }));
    expect(error.message).toBe('Microsoft Sentinel answered with malformed JSON.');
  });

  it('a refused connection is a source error naming the service', async () => {
    const closed = await startFakeService();
    const url = closed.url;
    await closed.close();
    const s = createSentinelSource({
      endpoint: url,
      workspaceId: WORKSPACE,
      tokens: fakeTokens('client-credentials'),
      timeoutMs: 2_000,
    });
    const error = await failure(s.run(SEED_QUERY, { now: NOW }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/^Microsoft Sentinel could not be reached \(ECONNREFUSED\)/);
  });
});

describe('console links', () => {
  it('the Logs blade of the workspace, with the TimeGenerated query, when the resource id is set', () => {
    const s = source({ resourceId: RESOURCE_ID }).source;
    const link = s.links?.query?.(s.effectiveQuery(SEED_QUERY), 5 * 86_400_000);
    expect(link?.label).toBe('Open in Sentinel');
    const url = link?.url ?? '';
    expect(url.startsWith('https://portal.azure.com/#@tenant-1/blade/')).toBe(true);
    expect(url).toContain(`/resourceId/${encodeURIComponent(RESOURCE_ID)}/`);
    const q = /\/q\/([^/]+)\//.exec(url)?.[1] ?? '';
    expect(decodeLogsQuery(decodeURIComponent(q))).toBe(SENTINEL_SEED);
    expect(url.endsWith('/timespan/P5D')).toBe(true);
    expect(s.links?.device).toBeUndefined();
  });

  it('no link without the resource id', () => {
    expect(source().source.links?.query).toBeUndefined();
  });
});
