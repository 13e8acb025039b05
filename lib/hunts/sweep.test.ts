// The fleet sweep on the demo data: it finds exactly the tools the demo fleet runs (the generator's ground
// truth), in one source call per table, and agrees with running each hunt alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource, type EmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore, type TelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { QueryResult, RunOptions, TelemetrySource } from '@/lib/sources/types';
import { type Hunt, loadCatalog } from './catalog';
import { snapshotsBySweep } from './record-sweep';
import { type CustomPredicate, runHunt } from './run-hunt';
import { snapshotOf } from './run-snapshot';
import { MAX_SWEEP_HUNTS, runSweep, SweepLimitError } from './sweep';
import { perToolOfRuns } from './sweep-test-support';

const NOW = new Date('2026-11-01T12:00:00Z');
const DAY_MS = 86_400_000;

let dir: string;
let store: TelemetryStore;
let source: EmbeddedSource;
let hunts: Hunt[];

/** Counts the queries a source is asked to run. */
function counting(inner: TelemetrySource): TelemetrySource & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: inner.id,
    label: inner.label,
    calls,
    run(kql: string, options: RunOptions): Promise<QueryResult> {
      calls.push(kql);
      return inner.run(kql, options);
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-sweep-'));
  hunts = await loadCatalog();
  store = await openTelemetryStore({
    mode: 'demo',
    file: path.join(dir, 'demo.duckdb'),
    seed: 7,
    devices: 600,
    events: 80_000,
    now: NOW,
  });
  source = createEmbeddedSource(store);
}, 300_000);

afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the sweep on the demo fleet', () => {
  it('finds every tool the fleet runs on every device, with nothing extra, in one call per table', async () => {
    const lookbackMs = 7 * DAY_MS;
    const counted = counting(source);
    const result = await runSweep({ hunts, source: counted, now: NOW, lookbackMs });
    expect(result.sourceCalls).toBe(3);
    expect(counted.calls).toHaveLength(3);
    expect(result.alone).toEqual([]);
    expect(result.window).toEqual({
      start: new Date(NOW.getTime() - lookbackMs).toISOString(),
      end: NOW.toISOString(),
      lookback: '7d',
    });

    // The ground truth: the tools the generator's stories put on each device, in a table a hunt of the tool reads.
    const tablesOf = new Map<string, Set<string>>();
    for (const h of hunts) {
      const set = tablesOf.get(h.tool ?? '') ?? new Set();
      set.add(h.tables[0] ?? '');
      tablesOf.set(h.tool ?? '', set);
    }
    const labels = await store.query(
      `SELECT DISTINCT tool, table_name, DeviceId FROM DemoEventLabel
       WHERE kind <> 'near-miss' AND subject = 'tool' AND "Timestamp" BETWEEN $1::TIMESTAMP AND $2::TIMESTAMP`,
      { params: [new Date(NOW.getTime() - lookbackMs), NOW] },
    );
    const truth = new Set(
      labels.rows
        .filter((r) => tablesOf.get(String(r.tool))?.has(String(r.table_name)))
        .map((r) => `${r.tool} ${r.DeviceId}`),
    );
    const found = new Set(result.tools.flatMap((t) => t.devices.map((d) => `${t.tool} ${d.DeviceId}`)));
    expect(truth.size).toBeGreaterThan(10);
    expect([...found].sort()).toEqual([...truth].sort());
    expect(new Set(result.tools.map((t) => t.tool))).toEqual(new Set(hunts.map((h) => h.tool)));
  }, 300_000);

  it('gives per tool and device what running each hunt alone gives', async () => {
    const lookbackMs = 5 * DAY_MS;
    const result = await runSweep({ hunts, source, now: NOW, lookbackMs });
    const runs = [];
    for (const hunt of hunts) runs.push(await runHunt({ hunt, source, now: NOW, lookbackMs }));
    expect(
      result.tools.map((t) => ({ tool: t.tool, devices: t.devices, days: t.days })).sort(byTool),
    ).toEqual(perToolOfRuns(hunts, runs).sort(byTool));
  }, 300_000);

  it('sweeps only the tools asked for, whatever their case', async () => {
    const result = await runSweep({
      hunts,
      source,
      now: NOW,
      lookbackMs: 5 * DAY_MS,
      tools: ['anydesk', 'ATERA'],
    });
    expect(result.tools.map((t) => t.tool).sort()).toEqual(['AnyDesk', 'Atera']);
    expect(result.sourceCalls).toBe(3);
  }, 120_000);

  it('marks approved devices, puts fully approved tools last, and refuses more hunts than its limit', async () => {
    const result = await runSweep({
      hunts,
      source,
      now: NOW,
      lookbackMs: 5 * DAY_MS,
      isApproved: (tool) => tool === 'AnyDesk',
    });
    const anydesk = result.tools.find((t) => t.tool === 'AnyDesk');
    expect(anydesk?.approved).toBe(true);
    expect(anydesk?.devices.every((d) => d.approved)).toBe(true);
    expect(result.tools.at(-1)?.tool).toBe('AnyDesk');
    expect(result.tools.filter((t) => t.tool !== 'AnyDesk').every((t) => !t.approved)).toBe(true);

    const many = Array.from({ length: MAX_SWEEP_HUNTS + 1 }, (_, i) => ({
      ...(hunts[0] as Hunt),
      id: `h${i}`,
    }));
    await expect(runSweep({ hunts: many, source, now: NOW, lookbackMs: DAY_MS })).rejects.toThrow(
      SweepLimitError,
    );
    await expect(
      runSweep({ hunts, source, now: NOW, lookbackMs: DAY_MS, tools: ['no such tool'] }),
    ).rejects.toThrow(SweepLimitError);
  }, 120_000);
});

describe('recording by sweep', () => {
  it('records for every hunt what its own run records, windows and custom exclusions included, in one call per table', async () => {
    const anydesk = hunts.find((h) => h.tool === 'AnyDesk' && h.tables[0] === 'DeviceProcessEvents');
    expect(anydesk).toBeDefined();
    const custom: CustomPredicate[] = [{ id: 'c-1', predicate: "FileName =~ 'AnyDesk.exe'" }];
    const exclusionsFor = async (hunt: Hunt) => (hunt === anydesk ? custom : []);
    const counted = counting(source);
    const recorded = await snapshotsBySweep({ hunts, source: counted, now: NOW, exclusionsFor });
    expect(counted.calls).toHaveLength(3);
    expect(recorded.sourceCalls).toBe(3);
    // The catalog's hunts look back 5 and 7 days: each keeps its own window inside the one sweep.
    expect(new Set(hunts.map((h) => h.lookbackMs)).size).toBeGreaterThan(1);
    const expected = [];
    for (const hunt of hunts) {
      const run = await runHunt({ hunt, source, now: NOW, custom: await exclusionsFor(hunt) });
      const { ranAt: _r, ...snapshot } = snapshotOf(run);
      expected.push(snapshot);
    }
    expect(recorded.snapshots.map(({ ranAt: _r, ...s }) => s)).toEqual(expected);
    const excluded = expected.find((s) => s.huntId === anydesk?.id);
    expect(excluded?.exclusions).toEqual(['custom:c-1']);
    expect(excluded?.devices.length).toBeGreaterThan(0);
  }, 300_000);
});

const byTool = (a: { tool: string }, b: { tool: string }) => a.tool.localeCompare(b.tool);
