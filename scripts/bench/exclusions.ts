// A hunt run on the embedded engine with 0, 50, 200 and 500 custom exclusions, side by side on generated
// data: what a run costs as triagers add exclusions, and how much query text it sends. Goal: 200 exclusions
// cost at most twice a run with none.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '@/lib/hunts/catalog';
import type { HuntRun } from '@/lib/hunts/hunt-run';
import { type CustomPredicate, runHunt } from '@/lib/hunts/run-hunt';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { createTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { customExclusionPredicate } from '@/lib/triage/custom-exclusion-predicate';
import { BENCH_NOW, type BenchArgs, type Benchmark, median } from './common';

const SIZES = [0, 50, 200, 500] as const;
const GOAL_RATIO = 2;

/**
 * `n` exclusions as triagers write them: mostly one value (a command line, a folder, a device's own
 * launch), one in ten a list of 100 values of a few dozen characters. Values are made up so that they
 * rarely match, as most real exclusions match a handful of events.
 */
function customExclusions(n: number): CustomPredicate[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `bench-${i}`;
    if (i % 10 === 9) {
      const values = Array.from({ length: 100 }, (_, j) => `backup-agent-${i}-${j}.corp.example.com`);
      return {
        id,
        predicate: customExclusionPredicate(
          {
            field: 'InitiatingProcessCommandLine',
            operator: 'has_any',
            values,
          },
          deviceProcessEvents,
        ),
      };
    }
    if (i % 3 === 1)
      return {
        id,
        predicate: customExclusionPredicate(
          {
            field: 'FolderPath',
            operator: 'startswith',
            values: [`C:\\Program Files\\Vendor ${i}\\`],
            deviceId: `device-${i}`,
          },
          deviceProcessEvents,
        ),
      };
    return {
      id,
      predicate: customExclusionPredicate(
        {
          field: 'ProcessCommandLine',
          operator: 'has',
          values: [`maintenance-task-${i}.ps1`],
        },
        deviceProcessEvents,
      ),
    };
  });
}

const kqlSize = (run: HuntRun) =>
  run.kql.devices.length + run.kql.timeline.length + (run.kql.impact?.length ?? 0);

async function run({ events, runs, seed }: BenchArgs): Promise<void> {
  const devices = Math.max(2_000, Math.round(events / 250));
  const hunt = (await loadCatalog())[0];
  if (!hunt) throw new Error('the catalog is empty');
  const dir = await mkdtemp(path.join(tmpdir(), 'huntboard-bench-'));
  console.log(
    `Generating ${events.toLocaleString('en')} events on ${devices.toLocaleString('en')} devices (seed ${seed})…`,
  );
  const store = await createTelemetryStore({
    mode: 'demo',
    file: path.join(dir, 'bench.duckdb'),
    seed,
    devices,
    events,
    now: BENCH_NOW,
  });
  const source = createEmbeddedSource(store);
  try {
    const sets = SIZES.map((n) => ({ n, custom: customExclusions(n) }));
    const runOnce = (custom: CustomPredicate[]) => runHunt({ hunt, source, now: BENCH_NOW, custom });
    // Warm-up: loads the parser and DuckDB's caches outside the timings.
    await runOnce([]);
    const ms = new Map<number, number[]>(SIZES.map((n) => [n, []]));
    // Processor time too: on a shared machine it moves less than wall time with what else runs.
    const cpu = new Map<number, number[]>(SIZES.map((n) => [n, []]));
    const size = new Map<number, number>();
    const rows = new Map<number, number>();
    // Alternate the sizes within each round so that machine noise falls on all alike.
    for (let i = 0; i < runs; i++) {
      for (const { n, custom } of sets) {
        const t = performance.now();
        const c = process.cpuUsage();
        const result = await runOnce(custom);
        ms.get(n)?.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.get(n)?.push((used.user + used.system) / 1000);
        size.set(n, kqlSize(result));
        rows.set(n, result.rowCount);
      }
    }
    const base = median(ms.get(0) ?? []);
    console.log(
      `\nSeed hunt with custom exclusions, ${runs} runs each (medians; one in ten a 100-value list):`,
    );
    console.log('  exclusions   run (ms)   × none   CPU (ms)   query text (KB)   devices');
    for (const n of SIZES) {
      const m = median(ms.get(n) ?? []);
      const cols = [
        String(n).padStart(10),
        m.toFixed(1).padStart(10),
        (m / base).toFixed(2).padStart(8),
        median(cpu.get(n) ?? [])
          .toFixed(0)
          .padStart(10),
        ((size.get(n) ?? 0) / 1024).toFixed(1).padStart(17),
        String(rows.get(n) ?? 0).padStart(9),
      ];
      console.log(`  ${cols.join(' ')}`);
    }
    const ratio = median(ms.get(200) ?? []) / base;
    console.log(
      `  ratio 200 / none      ${ratio.toFixed(2).padStart(8)}   (goal ≤ ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'})`,
    );
  } finally {
    await source.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const exclusionsBench: Benchmark = {
  name: 'exclusions',
  title: 'a hunt run on the embedded engine with 0, 50, 200 and 500 custom exclusions',
  run,
};
