// The fleet sweep of a generated catalog of 300 tools (900 hunts on three tables) against one hunt of it, over
// the same 10M events (6M process, 3M network, 1M signer events, as Parquet exports read in place), side by
// side on the embedded engine: medians of a few alternated rounds. Goal: the sweep costs at most 3× one hunt.
// `npm run bench -- --only sweep [--events N]`.
import { mkdir, mkdtemp, rename, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { type Hunt, parseHunt } from '@/lib/hunts/catalog';
import { runHunt } from '@/lib/hunts/run-hunt';
import { runSweep } from '@/lib/hunts/sweep';
import { SYNTHETIC_TABLES, syntheticHuntFiles, writeSyntheticEvents } from '@/lib/hunts/synthetic-fleet';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import { BENCH_NOW, type BenchArgs, type Benchmark, median, timed } from './common';

const TOOLS = 300;
const DEFAULT_EVENTS = 10_000_000;
const GOAL_RATIO = 3;
const DAY_MS = 86_400_000;
/** Bump when the generated events change, so that a kept export is not reused. */
const EXPORT_VERSION = 1;

/** The three exports, kept in the temporary folder between benchmark runs. */
async function exports(events: number, seed: number): Promise<string[]> {
  const folder = path.join(
    tmpdir(),
    'huntboard-bench',
    `sweep-${events}-${seed}-v${EXPORT_VERSION}-${BENCH_NOW.getTime()}`,
  );
  const files = SYNTHETIC_TABLES.map((t) => path.join(folder, `${t}.parquet`));
  if (await stat(folder).catch(() => undefined)) return files;
  const work = await mkdtemp(path.join(tmpdir(), 'huntboard-bench-sweep-'));
  const rows = {
    DeviceProcessEvents: Math.round(events * 0.6),
    DeviceNetworkEvents: Math.round(events * 0.3),
    DeviceFileCertificateInfo: events - Math.round(events * 0.6) - Math.round(events * 0.3),
  };
  const devices = Math.max(2_000, Math.round(events / 500));
  console.log(
    `Generating ${events.toLocaleString('en')} events on ${devices.toLocaleString('en')} devices for ${TOOLS} tools…`,
  );
  const { ms } = await timed(() =>
    writeSyntheticEvents(work, { rows, tools: TOOLS, devices, now: BENCH_NOW, seed }),
  );
  await mkdir(path.dirname(folder), { recursive: true });
  await rename(work, folder);
  console.log(`  generated in ${(ms / 1000).toFixed(1)} s`);
  return files;
}

async function run({ events: given, eventsGiven, runs, seed }: BenchArgs): Promise<void> {
  const events = eventsGiven ? given : DEFAULT_EVENTS;
  const files = await exports(events, seed);
  const hunts: Hunt[] = syntheticHuntFiles(TOOLS).map((f) => parseHunt(f.text, f.name));
  const store = await openTelemetryStore({ mode: 'files', files });
  const source = createEmbeddedSource(store);
  const lookbackMs = 5 * DAY_MS;
  // One hunt of each common shape: equality on file names (the LOLRMM import's), and has on version info.
  const singles = ['synthetic-000-createproc', 'synthetic-001-createproc'].map((id) => {
    const hunt = hunts.find((h) => h.id === id);
    if (!hunt) throw new Error(`no hunt ${id}`);
    return hunt;
  });
  try {
    const sweep = () => runSweep({ hunts, source, now: BENCH_NOW, lookbackMs });
    const one = (hunt: Hunt) => runHunt({ hunt, source, now: BENCH_NOW, lookbackMs });
    const first = await sweep(); // warm-up: the parser, the files' metadata, the page cache
    for (const h of singles) await one(h);
    const rounds = Math.min(Math.max(runs, 3), 5);
    const sweepMs: number[] = [];
    const oneMs: number[][] = singles.map(() => []);
    // Processor time (this process's threads, DuckDB's included) beside the elapsed time: on a loaded machine it
    // varies far less, so it tells a change in cost from a change in load.
    const sweepCpu: number[] = [];
    const oneCpu: number[][] = singles.map(() => []);
    const measured = async (fn: () => Promise<unknown>, ms: number[], cpu: number[] | undefined) => {
      const start = process.cpuUsage();
      ms.push((await timed(fn)).ms);
      const used = process.cpuUsage(start);
      cpu?.push((used.user + used.system) / 1000);
    };
    for (let r = 0; r < rounds; r++) {
      await measured(sweep, sweepMs, sweepCpu);
      for (const [i, h] of singles.entries()) await measured(() => one(h), oneMs[i] ?? [], oneCpu[i]);
    }
    const s = median(sweepMs);
    const sc = median(sweepCpu);
    const ms = (x: number) => `${x.toFixed(0).padStart(8)} ms`;
    const cpu = (x: number) => `(processor ${x.toFixed(0)} ms)`;
    const devices = first.tools.reduce((n, t) => n + t.devices.length, 0);
    const kqlChars = first.queries.reduce((n, q) => n + q.kql.length, 0);
    console.log(
      `\n${events.toLocaleString('en')} events, ${hunts.length} hunts of ${TOOLS} tools, 5-day window, ${rounds} rounds (medians); load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}:`,
    );
    console.log(
      `  sweep, ${first.sourceCalls} queries (${(kqlChars / 1024).toFixed(0)} KiB of KQL)  ${ms(s)}  ${cpu(sc)}  ${first.tools.length} tools on ${devices} tool-devices`,
    );
    singles.forEach((h, i) => {
      const o = median(oneMs[i] ?? []);
      const oc = median(oneCpu[i] ?? []);
      const ratio = s / o;
      console.log(`  one hunt, ${h.id} (2 queries)  ${ms(o)}  ${cpu(oc)}`);
      console.log(
        `    ratio sweep / this hunt                ${ratio.toFixed(2).padStart(8)}  (goal ≤ ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}; processor ${(sc / oc).toFixed(2)})`,
      );
    });
    if (first.sourceCalls > SYNTHETIC_TABLES.length) {
      console.error(`  the sweep made ${first.sourceCalls} source calls, more than one per table`);
      process.exitCode = 1;
    }
  } finally {
    await store.close();
  }
}

export const sweepBench: Benchmark = {
  name: 'sweep',
  title: `the fleet sweep of ${TOOLS} tools (${TOOLS * 3} hunts, three tables) against one hunt, same events`,
  run,
};
