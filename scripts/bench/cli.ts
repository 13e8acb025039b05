// The compiled command line against DuckDB alone, whole process against whole process: `huntboard hunt <seed>
// --events DeviceProcessEvents.parquet` (start, compile check, parser, translation, the file read in place, the
// hunt's queries, output) beside a fresh Node process that runs the same hunt hand-written in DuckDB SQL over
// the same file. Also the command line's fixed cost: `huntboard --help`, and the hunt on an empty export; and
// the hunt's first run, before any of the Kusto parser's answers are kept (later runs find them all kept and need
// no parser). Beside the wall clock, each process tree's CPU time (GNU time), which a busy shared machine distorts
// far less.
// Goal: the command line within 1.25 × the hand-written process + 1 s, at 1M and at 10M events
// (`npm run bench -- --only cli --events 10000000`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString, sqlTimestamp } from '@/lib/kql/literal';
import { DEMO_GENERATOR_VERSION, generateDemoData } from '@/lib/sources/embedded/demo-generator';
import { ensureCliBuilt, OUT_DIR } from '../cli/build.mjs';
import { BENCH_NOW, type BenchArgs, type Benchmark, median } from './common';

const SEED_HUNT_ID = 'a2d8dde6-007d-4bea-964d-97bb81006849';
const DAY_MS = 86_400_000;

/**
 * A Parquet export of generated DeviceProcessEvents with every column, kept in the temporary folder between
 * benchmark runs (ten million events take minutes to generate).
 */
async function parquetExport(events: number, seed: number): Promise<{ file: string; reused: boolean }> {
  const folder = path.join(tmpdir(), 'huntboard-bench');
  const file = path.join(
    folder,
    `DeviceProcessEvents-seed${seed}-${events}-v${DEMO_GENERATOR_VERSION}-${BENCH_NOW.getTime()}.parquet`,
  );
  if (await stat(file).catch(() => undefined)) return { file, reused: true };
  await mkdir(folder, { recursive: true });
  const work = await mkdtemp(path.join(tmpdir(), 'huntboard-bench-cli-'));
  const devices = Math.max(2_000, Math.round(events / 250));
  console.log(
    `Generating ${events.toLocaleString('en')} events on ${devices.toLocaleString('en')} devices (seed ${seed})…`,
  );
  // A file rather than memory: ten million generated rows would not fit in memory on a small machine.
  const instance = await DuckDBInstance.create(path.join(work, 'bench.duckdb'));
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const generated = await generateDemoData(connection, { seed, devices, events, now: BENCH_NOW });
    const partial = path.join(work, 'export.parquet');
    await connection.run(`COPY DeviceProcessEvents TO ${sqlString(partial)} (FORMAT PARQUET)`);
    await rename(partial, file);
    console.log(`  generated and exported in ${(generated.elapsedMs / 1000).toFixed(1)} s`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(work, { recursive: true, force: true });
  }
  return { file, reused: false };
}

/** The seed hunt's device list and its timeline, as a DuckDB user would write them over the file. */
function handWrittenScript(file: string): string {
  const start = sqlTimestamp(BigInt(BENCH_NOW.getTime() - 5 * DAY_MS) * 1000n);
  const end = sqlTimestamp(BigInt(BENCH_NOW.getTime()) * 1000n);
  const where = `"Timestamp" BETWEEN ${start} AND ${end}
      AND regexp_matches(lower(ProcessVersionInfoProductName), '(^|[^\\pL\\pN])mremoteng([^\\pL\\pN]|$)')`;
  const from = `read_parquet(${sqlString(file)})`;
  const devices = `SELECT DeviceId, DeviceName, min("Timestamp") AS FirstSeen, max("Timestamp") AS LastSeen,
      list(DISTINCT ReportId) AS Report, count(*) AS Count FROM ${from} WHERE ${where} GROUP BY ALL`;
  const timeline = `SELECT DeviceId, date_trunc('day', "Timestamp") AS Day, count(*) AS Count
      FROM ${from} WHERE ${where} GROUP BY ALL`;
  return `
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const [a, b] = [await instance.connect(), await instance.connect()];
  const [devices] = await Promise.all([a.runAndReadAll(${JSON.stringify(devices)}), b.runAndReadAll(${JSON.stringify(timeline)})]);
  for (const row of devices.getRowObjectsJS()) console.log(row.DeviceId + ',' + row.Count);
})();`;
}

interface Outcome {
  ms: number;
  /** User and system CPU time of the process and its children, where GNU time is there to measure it. */
  cpuMs: number | undefined;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** GNU time reports a process tree's CPU time; on a busy machine that says more than the wall clock. */
const GNU_TIME = '/usr/bin/time';
const measuresCpu = existsSync(GNU_TIME);

async function timedProcess(args: readonly string[], cpuFile: string): Promise<Outcome> {
  const { NODE_OPTIONS: _inherited, ...env } = process.env;
  const [command, commandArgs] = measuresCpu
    ? [GNU_TIME, ['-f', '%U %S', '-o', cpuFile, process.execPath, ...args]]
    : [process.execPath, [...args]];
  const outcome = await new Promise<Omit<Outcome, 'cpuMs'>>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
  if (!measuresCpu) return { ...outcome, cpuMs: undefined };
  // GNU time's last line holds the figures (a line before it reports a non-zero exit).
  const last = (await readFile(cpuFile, 'utf8')).trim().split('\n').at(-1) ?? '';
  const [user, system] = last.split(' ').map(Number);
  return { ...outcome, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}

function expectSuccess(what: string, outcome: Outcome): Outcome {
  if (outcome.code !== 0) throw new Error(`${what} failed (${outcome.code}): ${outcome.stderr.trim()}`);
  return outcome;
}

/** DeviceId,Count per device, sorted: what both sides must agree on. */
function devicesOf(csv: string, header: boolean): string {
  const lines = csv
    .trim()
    .split(/\r?\n/)
    .slice(header ? 1 : 0);
  return lines
    .map((line) => {
      const cells = line.split(',');
      return header ? `${cells[0]},${cells[4]}` : line;
    })
    .sort()
    .join('\n');
}

async function emptyExport(file: string): Promise<string> {
  const empty = path.join(path.dirname(file), 'DeviceProcessEvents-empty.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT * FROM read_parquet(${sqlString(file)}) LIMIT 0) TO ${sqlString(empty)} (FORMAT PARQUET)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return empty;
}

async function run({ events, runs, seed }: BenchArgs): Promise<void> {
  const built = await ensureCliBuilt({ log: (line) => console.log(line) });
  const { file, reused } = await parquetExport(events, seed);
  if (reused) console.log(`Reusing ${file}`);
  const size = (await stat(file)).size;
  const empty = await emptyExport(file);
  const cpuFile = path.join(path.dirname(file), `cpu-${process.pid}.txt`);
  const timed = (what: string, args: readonly string[]) =>
    timedProcess(args, cpuFile).then((outcome) => expectSuccess(what, outcome));
  const cli = [
    'bin/huntboard.mjs',
    'hunt',
    SEED_HUNT_ID,
    '--now',
    BENCH_NOW.toISOString(),
    '--format',
    'csv',
  ];
  const hand = ['-e', handWrittenScript(file)];

  // Warm-up (the file into the page cache, the compiled command line checked), then alternate them all so that
  // machine noise falls on each alike.
  const first = await timed('the command line', [...cli, '--events', file]);
  const firstHand = await timed('the hand-written process', hand);
  const same = devicesOf(first.stdout, true) === devicesOf(firstHand.stdout, false);
  const measured: Record<'cli' | 'hand' | 'help' | 'empty' | 'first' | 'node', Outcome[]> = {
    cli: [],
    hand: [],
    help: [],
    empty: [],
    first: [],
    node: [],
  };
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(loadavg()[0] ?? 0);
    measured.cli.push(await timed('the command line', [...cli, '--events', file]));
    measured.hand.push(await timed('the hand-written process', hand));
    measured.help.push(await timed('huntboard --help', ['bin/huntboard.mjs', '--help']));
    measured.empty.push(await timed('the empty export', [...cli, '--events', empty]));
    // It keeps the answers again for the next round.
    await rm(path.join(OUT_DIR, 'kusto-answers'), { recursive: true, force: true });
    measured.first.push(await timed('the first run', [...cli, '--events', file]));
    measured.node.push(await timed('node', ['-e', '0']));
  }
  await rm(cpuFile, { force: true });

  const wall = (outcomes: Outcome[]) => median(outcomes.map((o) => o.ms));
  const cpu = (outcomes: Outcome[]) => median(outcomes.map((o) => o.cpuMs ?? 0));
  const c = wall(measured.cli);
  const h = wall(measured.hand);
  const limit = 1.25 * h + 1000;
  const devices = first.stdout.trim().split(/\r?\n/).length - 1;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
  const row = (label: string, outcomes: Outcome[]) =>
    line(label, `${seconds(wall(outcomes))}${measuresCpu ? `   CPU ${seconds(cpu(outcomes))}` : ''}`);
  console.log(
    `\nSeed hunt over a Parquet export of ${events.toLocaleString('en')} events with all columns (${(size / 1e6).toFixed(0)} MB), whole processes, ${runs} runs each (medians; wall clock, and CPU time of the process tree):`,
  );
  row('huntboard hunt --events file.parquet', measured.cli);
  row('hand-written DuckDB SQL in a fresh Node', measured.hand);
  const cpuRatio = measuresCpu
    ? `   CPU ${(cpu(measured.cli) / cpu(measured.hand)).toFixed(2).padStart(7)}`
    : '';
  line('ratio command line / hand-written', `${(c / h).toFixed(2).padStart(7)}  ${cpuRatio}`);
  line(
    'goal: ≤ 1.25 × hand-written + 1 s (wall clock)',
    `${seconds(limit)}: ${c <= limit ? 'met' : 'NOT met'}`,
  );
  console.log('Fixed cost of the command line:');
  row('huntboard --help', measured.help);
  row('huntboard hunt on an empty export', measured.empty);
  row('the first run (no parser answers kept yet)', measured.first);
  row('node -e 0 (for scale)', measured.node);
  line('parser snapshot', built.snapshot ? 'yes' : 'no (the parser loads on first use)');
  line(
    'load average (1 min) during the runs',
    `${median(loads).toFixed(1)} on ${availableParallelism()} cores`,
  );
  line('same devices and counts', same ? `yes (${devices} devices)` : 'NO — the two disagree');
  await rm(empty, { force: true });
  if (!same) process.exitCode = 1;
}

export const cliBench: Benchmark = {
  name: 'cli',
  title:
    'huntboard hunt on a Parquet export against the same hunt hand-written in DuckDB SQL, whole processes',
  run,
};
