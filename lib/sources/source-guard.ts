// Stands between the hunts and every source, to spare the tenant's quotas, the machine and the user: a query is
// checked against the schema before anything else; identical runs in flight share one call; answers are cached
// for a while, keyed by source, effective query and now (and the user, where the answer depends on who asks);
// where a rate is set, each user may start only so many calls a minute; and a throttled call is retried, as
// often as configured, after the wait the service asked for.
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { type QueryResult, type RunOptions, SourceThrottledError, type TelemetrySource } from './types';

/** What the guard needs of a source besides the interface: the query as it runs, and sending that. */
export interface GuardableSource extends TelemetrySource {
  /**
   * True when what a query returns depends on who asks (on-behalf-of: Defender scopes devices by the user's
   * device groups), so results are cached and shared only within one user's runs.
   */
  readonly perUser: boolean;
  /** The query as this source runs it, checked against the table's schema; throws KqlSemanticError. */
  effectiveQuery(kql: string): string;
  /** Sends a query that effectiveQuery returned. */
  send(effectiveKql: string, options: RunOptions): Promise<QueryResult>;
}

export interface GuardOptions {
  /** How long an answer is reused; 0 turns the cache off. */
  cacheTtlMs: number;
  /** Source calls each user may start per minute; absent, calls are not rationed. */
  ratePerMinute?: number;
  /** How many times a throttled (429) call is retried. */
  retries: number;
  /** A Retry-After longer than this is not waited for: the caller is told when to come back instead. */
  maxRetryWaitMs?: number;
  maxCacheEntries?: number;
  /** Milliseconds since the epoch; the system clock unless a test says otherwise. */
  clock?: () => number;
  /** Waits `ms` unless `signal` aborts first; tests record the waits instead of sleeping. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type GuardedSource = TelemetrySource & Required<Pick<TelemetrySource, 'effectiveQuery'>>;

interface Cached {
  result: QueryResult;
  storedMs: number;
  nowMs: number;
}

interface InFlight {
  promise: Promise<QueryResult>;
  nowMs: number;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
const DEFAULT_MAX_CACHE_ENTRIES = 50;
/** Runs whose "now" differ by less than this share an answer even with the cache off. */
const MIN_SHARE_WINDOW_MS = 5_000;

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function guardSource(source: GuardableSource, options: GuardOptions): GuardedSource {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const maxEntries = options.maxCacheEntries ?? DEFAULT_MAX_CACHE_ENTRIES;
  const shareWindowMs = Math.max(options.cacheTtlMs, MIN_SHARE_WINDOW_MS);
  const rate = options.ratePerMinute;
  const limiter: RateLimiter | undefined = rate === undefined ? undefined : createRateLimiter(rate);
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, InFlight>();

  function cached(key: string, nowMs: number): QueryResult | undefined {
    const entry = cache.get(key);
    if (!entry) return undefined;
    if (clock() - entry.storedMs >= options.cacheTtlMs) {
      cache.delete(key);
      return undefined;
    }
    return Math.abs(entry.nowMs - nowMs) <= options.cacheTtlMs ? entry.result : undefined;
  }

  function store(key: string, result: QueryResult, nowMs: number) {
    if (options.cacheTtlMs <= 0) return;
    cache.delete(key);
    cache.set(key, { result, storedMs: clock(), nowMs });
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function sendWithRetries(
    effective: string,
    run: RunOptions,
    signal: AbortSignal,
  ): Promise<QueryResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await source.send(effective, { ...run, signal });
      } catch (error) {
        if (!(error instanceof SourceThrottledError)) throw error;
        const waitMs = error.retryAfterSeconds * 1000;
        if (attempt >= options.retries || waitMs > maxRetryWaitMs) {
          const tried = attempt === 0 ? '' : ` Huntboard retried ${attempt} time${attempt === 1 ? '' : 's'}.`;
          throw new SourceThrottledError(`${error.message}${tried}`, error.quota, error.retryAfterSeconds);
        }
        await sleep(waitMs, signal);
      }
    }
  }

  function start(key: string, effective: string, run: RunOptions): InFlight {
    const controller = new AbortController();
    const nowMs = run.now.getTime();
    const entry: InFlight = {
      promise: sendWithRetries(effective, run, controller.signal),
      nowMs,
      controller,
      waiters: 0,
      settled: false,
    };
    entry.promise.then(
      (result) => store(key, result, nowMs),
      () => {}, // each waiter sees the failure; a call everyone left fails unobserved
    );
    entry.promise
      .finally(() => {
        entry.settled = true;
        if (inFlight.get(key) === entry) inFlight.delete(key);
      })
      .catch(() => {});
    return entry;
  }

  /** Waits for a shared call; the last waiter to leave cancels it. */
  function follow(entry: InFlight, signal: AbortSignal | undefined): Promise<QueryResult> {
    entry.waiters++;
    return new Promise<QueryResult>((resolve, reject) => {
      const leave = () => {
        entry.waiters--;
        if (entry.waiters === 0 && !entry.settled) entry.controller.abort(signal?.reason);
        reject(signal?.reason);
      };
      if (signal?.aborted) return leave();
      signal?.addEventListener('abort', leave, { once: true });
      entry.promise.then(
        (result) => {
          signal?.removeEventListener('abort', leave);
          resolve(result);
        },
        (error) => {
          signal?.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  return {
    id: source.id,
    label: source.label,
    ...(source.links ? { links: source.links } : {}),
    effectiveQuery: (kql) => source.effectiveQuery(kql),
    async run(kql, run) {
      // Checked first: a query that cannot run costs neither a call nor a turn of the user's allowance.
      const effective = source.effectiveQuery(kql);
      run.signal?.throwIfAborted();
      const user = run.caller?.id;
      const key = JSON.stringify([source.id, source.perUser ? (user ?? '') : '', effective]);
      const nowMs = run.now.getTime();
      const hit = cached(key, nowMs);
      if (hit) return hit;
      let entry = inFlight.get(key);
      if (!entry || entry.controller.signal.aborted || Math.abs(entry.nowMs - nowMs) > shareWindowMs) {
        // The limit is per person; a run without a caller (the command line) has no one to count against.
        const wait = user === undefined || !limiter ? 0 : limiter.take(user, clock());
        if (wait > 0) {
          const quota = `Huntboard's limit of ${rate} source queries per user per minute`;
          throw new SourceThrottledError(`You have reached ${quota}. Try again in ${wait} s.`, quota, wait);
        }
        entry = start(key, effective, run);
        inFlight.set(key, entry);
      }
      return follow(entry, run.signal);
    },
  };
}
