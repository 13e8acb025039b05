// The sweep of a generated catalog of 300 tools (900 hunts on three tables) over generated events: per tool and
// device exactly what running each of the 900 hunts alone gives, in one query per table, on the embedded engine
// and through the Defender source against a local fake of Graph answering from the same events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefenderSource } from '@/lib/sources/defender/defender-source';
import { createEmbeddedSource, type EmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore, type TelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import {
  type FakeColumn,
  type FakeService,
  fakeTokens,
  graphAnswer,
  startFakeService,
} from '@/lib/sources/testing/fake-services';
import type { Cell } from '@/lib/sources/types';
import { type Hunt, parseHunt } from './catalog';
import type { HuntRun } from './hunt-run';
import { runHunt } from './run-hunt';
import { runSweep } from './sweep';
import { perToolOfRuns } from './sweep-test-support';
import { syntheticHuntFiles, writeSyntheticEvents } from './synthetic-fleet';

const NOW = new Date('2026-11-01T12:00:00Z');
const DAY_MS = 86_400_000;
const TOOLS = 300;

let dir: string;
let store: TelemetryStore;
let source: EmbeddedSource;
let hunts: Hunt[];
let graph: FakeService;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-sweep-catalog-'));
  hunts = syntheticHuntFiles(TOOLS).map((f) => parseHunt(f.text, f.name));
  const files = await writeSyntheticEvents(dir, {
    rows: { DeviceProcessEvents: 120_000, DeviceNetworkEvents: 60_000, DeviceFileCertificateInfo: 20_000 },
    tools: TOOLS,
    devices: 400,
    now: NOW,
    days: 10,
  });
  store = await openTelemetryStore({ mode: 'files', files });
  source = createEmbeddedSource(store);
  // Graph's runHuntingQuery, answered by running the query on the same events.
  graph = await startFakeService(async (request) => {
    const { Query } = JSON.parse(request.body) as { Query: string };
    const result = await source.run(Query, { now: NOW });
    const columns = result.columns.map(
      (c): FakeColumn => ({ name: c.name, type: c.type as FakeColumn['type'] }),
    );
    const plain = (v: Cell): unknown =>
      v instanceof Date
        ? v.toISOString()
        : typeof v === 'bigint'
          ? Number(v)
          : Array.isArray(v)
            ? v.map(plain)
            : v;
    const rows = result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
    return { body: graphAnswer(columns, rows) };
  });
}, 300_000);

afterAll(async () => {
  await graph?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const byTool = (a: { tool: string }, b: { tool: string }) => a.tool.localeCompare(b.tool);
const shape = (tools: { tool: string; devices: unknown; days: unknown }[]) =>
  tools.map((t) => ({ tool: t.tool, devices: t.devices, days: t.days })).sort(byTool);

describe('the sweep of 300 generated tools', () => {
  let runs: HuntRun[];
  const lookbackMs = 5 * DAY_MS;

  beforeAll(async () => {
    runs = [];
    // Each hunt alone, a few at a time: the reference the sweep must equal.
    for (let i = 0; i < hunts.length; i += 8) {
      runs.push(
        ...(await Promise.all(
          hunts.slice(i, i + 8).map((hunt) => runHunt({ hunt, source, now: NOW, lookbackMs })),
        )),
      );
    }
  }, 600_000);

  it('equals running each hunt alone, per tool and device, in one query per table', async () => {
    const result = await runSweep({ hunts, source, now: NOW, lookbackMs });
    expect(result.sourceCalls).toBe(3);
    expect(result.alone).toEqual([]);
    const expected = perToolOfRuns(hunts, runs);
    // The generated events put most tools on some device, near misses beside them.
    expect(expected.length).toBeGreaterThan(100);
    expect(shape(result.tools)).toEqual(expected.sort(byTool));
  }, 300_000);

  it('makes at most 3 calls to Defender and gives the same answer through it', async () => {
    graph.requests.length = 0;
    const defender = createDefenderSource({
      graphUrl: graph.url,
      tokens: fakeTokens('client-credentials'),
      timeoutMs: 120_000,
      tenantId: 'tenant-1',
    });
    const result = await runSweep({ hunts, source: defender, now: NOW, lookbackMs });
    expect(graph.requests).toHaveLength(3);
    expect(result.sourceCalls).toBe(3);
    expect(shape(result.tools)).toEqual(perToolOfRuns(hunts, runs).sort(byTool));
  }, 300_000);
});
