// The embedded engine behind the guard, on a real DuckDB store holding the hand-made export: the store is
// wrapped only to count the SQL statements that reach it and, for cancelling, to give one query a slow stand-in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, writeEventsCsv } from '@/lib/hunts/test-support';
import { SEED_QUERY } from '@/lib/kql/test-support';
import { guardEmbeddedSource } from './configured-source';
import { createEmbeddedSource } from './embedded/embedded-source';
import { createTelemetryStore, type TelemetryStore } from './embedded/telemetry-store';

const NOW = new Date(FIXTURE_NOW);
const TTL_SECONDS = 60;
const OTHER_QUERY = 'DeviceProcessEvents | summarize Count=count() by DeviceId';
/** Runs until interrupted: on the hand-made export every real query ends at once. */
const ENDLESS_SQL = 'SELECT sum(hash(i)) AS n FROM range(20000000000) t(i)';
const SLOW_MARK = 'slow-stand-in';

let dir: string;
let store: TelemetryStore;

interface Counted {
  store: TelemetryStore;
  /** The SQL statements the store was asked to run, in order. */
  executed: string[];
  /** How each statement ended: 'ok', or the message it failed with. */
  outcomes: Promise<string>[];
  /** Statements started and not yet settled. */
  inFlight(): number;
}

/** The real store, counting what reaches it; a query whose KQL names SLOW_MARK runs ENDLESS_SQL instead. */
function counted(real: TelemetryStore): Counted {
  const executed: string[] = [];
  const outcomes: Promise<string>[] = [];
  let running = 0;
  return {
    executed,
    outcomes,
    inFlight: () => running,
    store: {
      ...real,
      mode: real.mode,
      describe: () => real.describe(),
      close: () => real.close(),
      query(sql, options) {
        executed.push(sql);
        running++;
        const result = real.query(sql.includes(SLOW_MARK) ? ENDLESS_SQL : sql, options);
        outcomes.push(
          result.then(
            () => 'ok',
            (error: Error) => error.message,
          ),
        );
        return result.finally(() => running--);
      },
    },
  };
}

function world() {
  let now = Date.parse('2026-11-01T12:00:00Z');
  const c = counted(store);
  const source = guardEmbeddedSource(
    createEmbeddedSource(c.store),
    { HUNTBOARD_CACHE_TTL_SECONDS: TTL_SECONDS },
    { clock: () => now },
  );
  return { ...c, source, advance: (ms: number) => (now += ms) };
}

const slowQuery = `DeviceProcessEvents | where DeviceName == '${SLOW_MARK}' | summarize Count=count() by DeviceId`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-guarded-embedded-'));
  store = await createTelemetryStore({
    mode: 'files',
    files: [await writeEventsCsv(path.join(dir, 'e.csv'))],
  });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded engine behind the guard', () => {
  it('40 identical runs in flight run the SQL once, and every run gets that answer', async () => {
    const { source, executed } = world();
    const results = await Promise.all(Array.from({ length: 40 }, () => source.run(SEED_QUERY, { now: NOW })));
    expect(executed).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
    // Groups and sets come in no particular order: compared as device and count.
    const devices = (rows: Record<string, unknown>[]) => rows.map((r) => `${r.DeviceId}:${r.Count}`).sort();
    const alone = await createEmbeddedSource(store).run(SEED_QUERY, { now: NOW });
    expect(devices(results[0]?.rows ?? [])).toEqual(devices(alone.rows));
    expect(alone.rows.length).toBeGreaterThan(0);
  });

  it('a repeat within the TTL is answered from the cache, one after it runs again', async () => {
    const { source, executed, advance } = world();
    const first = await source.run(SEED_QUERY, { now: NOW });
    advance(TTL_SECONDS * 1000 - 1);
    expect(await source.run(SEED_QUERY, { now: NOW })).toBe(first);
    expect(executed).toHaveLength(1);
    advance(1);
    const again = await source.run(SEED_QUERY, { now: NOW });
    expect(executed).toHaveLength(2);
    expect(again).not.toBe(first);
    expect(again.rows).toHaveLength(first.rows.length);
  });

  it('is keyed by the query and by now: another query or a now further than the TTL away runs again', async () => {
    const { source, executed } = world();
    await source.run(SEED_QUERY, { now: NOW });
    await source.run(OTHER_QUERY, { now: NOW });
    await source.run(SEED_QUERY, { now: new Date(NOW.getTime() + TTL_SECONDS * 1000 + 1) });
    expect(executed).toHaveLength(3);
  });

  it('users share answers: the embedded data is the same for everyone, and no one is rate limited', async () => {
    const { source, executed } = world();
    const runs = Array.from({ length: 200 }, (_, i) =>
      source.run(SEED_QUERY, { now: NOW, caller: { id: `user-${i % 3}` } }),
    );
    await Promise.all(runs);
    for (let i = 0; i < 100; i++) {
      await source.run(`${OTHER_QUERY} | where Count > ${i}`, { now: NOW, caller: { id: 'user-0' } });
    }
    expect(executed).toHaveLength(101);
  });

  it('a sole waiter cancelling interrupts the query on DuckDB', async () => {
    const { source, outcomes, inFlight } = world();
    const controller = new AbortController();
    const run = source.run(slowQuery, { now: NOW, signal: controller.signal });
    await expect.poll(() => inFlight()).toBe(1);
    controller.abort(new Error('user left'));
    await expect(run).rejects.toThrow('user left');
    expect(await outcomes[0]).toBe('user left');
    expect(inFlight()).toBe(0);
  });

  it('one of two waiters cancelling leaves the shared query running for the other', async () => {
    const { source, outcomes, inFlight } = world();
    const leaving = new AbortController();
    const staying = new AbortController();
    const a = source.run(slowQuery, { now: NOW, signal: leaving.signal });
    const b = source.run(slowQuery, { now: NOW, signal: staying.signal });
    await expect.poll(() => inFlight()).toBe(1);
    leaving.abort(new Error('first left'));
    await expect(a).rejects.toThrow('first left');
    // Still running for b: a quick query started now finishes first.
    await source.run(OTHER_QUERY, { now: NOW });
    expect(inFlight()).toBe(1);
    staying.abort(new Error('second left'));
    await expect(b).rejects.toThrow('second left');
    expect(await outcomes[0]).toBe('second left');
  });

  it('different queries run side by side on their own connections: one ends while another is in flight', async () => {
    const { source, executed, inFlight } = world();
    const controller = new AbortController();
    const endless = source.run(slowQuery, { now: NOW, signal: controller.signal });
    let endlessSettled = false;
    endless.catch(() => {}).finally(() => (endlessSettled = true));
    await expect.poll(() => inFlight()).toBe(1);
    // Were queries queued on one connection, this one would wait behind the endless one for ever.
    const quick = await source.run(OTHER_QUERY, { now: NOW });
    expect(quick.rows.length).toBeGreaterThan(0);
    expect(endlessSettled).toBe(false);
    expect(executed).toHaveLength(2);
    controller.abort(new Error('done'));
    await expect(endless).rejects.toThrow('done');
  });
});
