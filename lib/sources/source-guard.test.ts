// The guard around a cloud source, with the Defender source against a local Graph stand-in: identical runs
// share one call, answers are cached for the TTL, each user is rationed, throttled calls are retried within
// bounds, and cancelling stops the call only when nobody waits for it any more.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KqlSemanticError } from '@/lib/kql/errors';
import { SEED_QUERY } from '@/lib/kql/test-support';
import { createDefenderSource } from './defender/defender-source';
import { type GuardOptions, guardSource } from './source-guard';
import {
  type FakeColumn,
  type FakeService,
  fakeTokens,
  graphAnswer,
  graphError,
  startFakeService,
} from './testing/fake-services';
import { SourceThrottledError, SourceTimeoutError } from './types';

const NOW = new Date('2026-11-01T12:00:00Z');
const COLUMNS: FakeColumn[] = [
  { name: 'DeviceId', type: 'string' },
  { name: 'Count', type: 'long' },
];
const QUERY_B = 'DeviceProcessEvents | summarize Count=count() by DeviceId';

let graph: FakeService;

beforeAll(async () => {
  graph = await startFakeService();
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
  graph.answer(() => ({ body: graphAnswer(COLUMNS, [{ DeviceId: 'dev-1', Count: 3 }]) }));
});

interface World {
  source: ReturnType<typeof guardSource>;
  /** Moves the guard's clock. */
  advance(ms: number): void;
  sleeps: number[];
}

function world(
  options: Partial<GuardOptions> = {},
  { mode = 'client-credentials' as 'obo' | 'client-credentials', timeoutMs = 5_000 } = {},
): World {
  let now = Date.parse('2026-11-01T12:00:00Z');
  const sleeps: number[] = [];
  const defender = createDefenderSource({ graphUrl: graph.url, tokens: fakeTokens(mode), timeoutMs });
  const source = guardSource(defender, {
    cacheTtlMs: 60_000,
    ratePerMinute: 100,
    retries: 2,
    clock: () => now,
    sleep: async (ms, signal) => {
      signal.throwIfAborted();
      sleeps.push(ms);
    },
    ...options,
  });
  return { source, sleeps, advance: (ms) => (now += ms) };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the run to fail');
}

describe('sharing identical runs', () => {
  it('50 identical runs in flight: one call reaches the source, all 50 get its answer', async () => {
    graph.answer(() => ({ delayMs: 200, body: graphAnswer(COLUMNS, [{ DeviceId: 'dev-1', Count: 3 }]) }));
    const { source } = world({ cacheTtlMs: 0 });
    const results = await Promise.all(Array.from({ length: 50 }, () => source.run(SEED_QUERY, { now: NOW })));
    expect(graph.requests).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]?.rows).toEqual([{ DeviceId: 'dev-1', Count: 3n }]);
  });

  it('different queries are different calls', async () => {
    const { source } = world();
    await Promise.all([source.run(SEED_QUERY, { now: NOW }), source.run(QUERY_B, { now: NOW })]);
    expect(graph.requests).toHaveLength(2);
  });

  it('on behalf of users: shared only within one user’s runs, never across users', async () => {
    graph.answer(() => ({ delayMs: 100, body: graphAnswer(COLUMNS, []) }));
    const { source } = world({}, { mode: 'obo' });
    const as = (id: string) => ({ now: NOW, caller: { id, accessToken: `token-of-${id}` } });
    await Promise.all([
      source.run(SEED_QUERY, as('ana')),
      source.run(SEED_QUERY, as('ana')),
      source.run(SEED_QUERY, as('tristan')),
    ]);
    expect(graph.requests.map((r) => r.headers.authorization).sort()).toEqual([
      'Bearer fake-access-token-for-ana',
      'Bearer fake-access-token-for-tristan',
    ]);
    await source.run(SEED_QUERY, as('tristan'));
    expect(graph.requests).toHaveLength(2);
  });
});

describe('the cache', () => {
  it('answers again within the TTL and asks the source again after it', async () => {
    const w = world({ cacheTtlMs: 60_000 });
    const first = await w.source.run(SEED_QUERY, { now: NOW });
    w.advance(59_000);
    expect(await w.source.run(SEED_QUERY, { now: NOW })).toBe(first);
    expect(graph.requests).toHaveLength(1);
    w.advance(1_000);
    await w.source.run(SEED_QUERY, { now: NOW });
    expect(graph.requests).toHaveLength(2);
  });

  it('is keyed by now as well: a run for a window further than the TTL away asks again', async () => {
    const w = world({ cacheTtlMs: 60_000 });
    await w.source.run(SEED_QUERY, { now: NOW });
    await w.source.run(SEED_QUERY, { now: new Date(NOW.getTime() + 30_000) });
    expect(graph.requests).toHaveLength(1);
    await w.source.run(SEED_QUERY, { now: new Date(NOW.getTime() + 61_000) });
    expect(graph.requests).toHaveLength(2);
  });

  it('TTL 0 turns it off; failures are never cached', async () => {
    const off = world({ cacheTtlMs: 0 });
    await off.source.run(SEED_QUERY, { now: NOW });
    await off.source.run(SEED_QUERY, { now: NOW });
    expect(graph.requests).toHaveLength(2);
    graph.answer(() => ({ status: 500, body: graphError('InternalServerError', 'boom') }));
    const on = world();
    await failure(on.source.run(QUERY_B, { now: NOW }));
    await failure(on.source.run(QUERY_B, { now: NOW }));
    expect(graph.requests).toHaveLength(4);
  });
});

describe('the per-user rate limit', () => {
  it('refuses the call past the limit with 429 naming the limit and when to retry; other users go on', async () => {
    const w = world({ ratePerMinute: 3, cacheTtlMs: 0 });
    const as = (id: string) => ({ now: NOW, caller: { id } });
    for (let i = 0; i < 3; i++) await w.source.run(SEED_QUERY, as('ana'));
    const error = (await failure(w.source.run(SEED_QUERY, as('ana')))) as SourceThrottledError;
    expect(error).toBeInstanceOf(SourceThrottledError);
    expect(error.quota).toBe("Huntboard's limit of 3 source queries per user per minute");
    expect(error.retryAfterSeconds).toBe(20);
    expect(error.message).toContain('Try again in 20 s');
    expect(graph.requests).toHaveLength(3);
    await w.source.run(SEED_QUERY, as('tristan'));
    expect(graph.requests).toHaveLength(4);
    w.advance(20_000);
    await w.source.run(SEED_QUERY, as('ana'));
    expect(graph.requests).toHaveLength(5);
  });

  it('a run without a caller (the command line) is not counted against anyone', async () => {
    const w = world({ ratePerMinute: 1, cacheTtlMs: 0 });
    await w.source.run(SEED_QUERY, { now: NOW });
    await w.source.run(SEED_QUERY, { now: NOW });
    await w.source.run(SEED_QUERY, { now: NOW, caller: { id: 'ana' } });
    expect(graph.requests).toHaveLength(3);
  });

  it('cached answers and shared calls do not count', async () => {
    const w = world({ ratePerMinute: 1 });
    const as = { now: NOW, caller: { id: 'ana' } };
    await Promise.all([w.source.run(SEED_QUERY, as), w.source.run(SEED_QUERY, as)]);
    await w.source.run(SEED_QUERY, as);
    expect(graph.requests).toHaveLength(1);
  });

  it('a query the schema check refuses costs neither a call nor a turn', async () => {
    const w = world({ ratePerMinute: 1 });
    const as = { now: NOW, caller: { id: 'ana' } };
    expect(await failure(w.source.run('DeviceProcessEvents | where Nope == 1', as))).toBeInstanceOf(
      KqlSemanticError,
    );
    await w.source.run(SEED_QUERY, as);
    expect(graph.requests).toHaveLength(1);
  });
});

describe('retries after 429', () => {
  const throttled = () => ({
    status: 429,
    headers: { 'Retry-After': '2' },
    body: graphError('TooManyRequests', 'Exceeded the limit of 45 calls per minute for the tenant.'),
  });

  it('waits as long as Retry-After says, retries, and answers when the quota frees up', async () => {
    let calls = 0;
    graph.answer(() => (++calls === 1 ? throttled() : { body: graphAnswer(COLUMNS, []) }));
    const w = world();
    const result = await w.source.run(SEED_QUERY, { now: NOW });
    expect(result.rows).toEqual([]);
    expect(graph.requests).toHaveLength(2);
    expect(w.sleeps).toEqual([2_000]);
  });

  it('gives up after the configured number of retries, saying which quota and when to retry', async () => {
    graph.answer(throttled);
    const w = world({ retries: 2 });
    const error = (await failure(w.source.run(SEED_QUERY, { now: NOW }))) as SourceThrottledError;
    expect(graph.requests).toHaveLength(3);
    expect(w.sleeps).toEqual([2_000, 2_000]);
    expect(error).toBeInstanceOf(SourceThrottledError);
    expect(error.quota).toBe('Exceeded the limit of 45 calls per minute for the tenant.');
    expect(error.retryAfterSeconds).toBe(2);
    expect(error.message).toBe(
      'Microsoft Defender XDR is rationing queries (Exceeded the limit of 45 calls per minute for the tenant.). Try again in 2 s. Huntboard retried 2 times.',
    );
  });

  it('does not wait for a Retry-After beyond the longest wait allowed', async () => {
    graph.answer(() => ({ ...throttled(), headers: { 'Retry-After': '900' } }));
    const w = world({ maxRetryWaitMs: 60_000 });
    const error = (await failure(w.source.run(SEED_QUERY, { now: NOW }))) as SourceThrottledError;
    expect(graph.requests).toHaveLength(1);
    expect(w.sleeps).toEqual([]);
    expect(error.retryAfterSeconds).toBe(900);
  });

  it('retries 0 means no retry', async () => {
    graph.answer(throttled);
    const w = world({ retries: 0 });
    await failure(w.source.run(SEED_QUERY, { now: NOW }));
    expect(graph.requests).toHaveLength(1);
  });
});

describe('timeouts and cancelling', () => {
  it('a slow source is cut off with a 504 error', async () => {
    graph.answer(() => ({ delayMs: 2_000, body: graphAnswer(COLUMNS, []) }));
    const w = world({}, { timeoutMs: 150 });
    expect(await failure(w.source.run(SEED_QUERY, { now: NOW }))).toBeInstanceOf(SourceTimeoutError);
  });

  it('one of two waiters cancelling leaves the call running for the other', async () => {
    graph.answer(() => ({ delayMs: 300, body: graphAnswer(COLUMNS, [{ DeviceId: 'dev-1', Count: 1 }]) }));
    const w = world();
    const leaving = new AbortController();
    const first = w.source.run(SEED_QUERY, { now: NOW, signal: leaving.signal });
    const second = w.source.run(SEED_QUERY, { now: NOW });
    leaving.abort(new DOMException('cancelled', 'AbortError'));
    expect((await failure(first)).name).toBe('AbortError');
    expect((await second).rows).toHaveLength(1);
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]?.cancelled).toBeFalsy();
  });

  it('when every waiter cancels, the call to the source is cancelled too', async () => {
    graph.answer(() => ({ delayMs: 2_000, body: graphAnswer(COLUMNS, []) }));
    const w = world();
    const controller = new AbortController();
    const runs = [0, 1].map(() => w.source.run(SEED_QUERY, { now: NOW, signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort(new DOMException('cancelled', 'AbortError'));
    for (const run of runs) expect((await failure(run)).name).toBe('AbortError');
    await expect.poll(() => graph.requests[0]?.cancelled).toBe(true);
    // The next identical run is a fresh call, not the cancelled one.
    graph.answer(() => ({ body: graphAnswer(COLUMNS, []) }));
    await w.source.run(SEED_QUERY, { now: NOW });
    expect(graph.requests).toHaveLength(2);
  });
});
