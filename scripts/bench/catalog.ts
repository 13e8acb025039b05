// How long `npm run catalog -- check` takes over a catalog the size of the published one: 170 generated hunt
// files of the published shape (three kinds per tool over the three tables, the dataTypes defect, \r\n line
// ends), timed as a user runs the command (a fresh process each time) and in-process. Goal: under a minute.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { CatalogCheckResult } from '@/lib/hunts/catalog-check';
import { checkCatalog } from '@/lib/hunts/catalog-check';
import { type HuntKind, KIND_TABLE, writePublishedHunt } from '@/lib/hunts/catalog-fixtures';
import { ensureCliBuilt } from '../cli/build.mjs';
import { BENCH_NOW, type BenchArgs, type Benchmark, median, timed } from './common';

const HUNTS = 170;
const KINDS: readonly HuntKind[] = ['createproc', 'netconn', 'filesig'];
const GOAL_MS = 60_000;

/** A query like the catalog's for the kind: product names, a list of domains, or a signer. */
function query(kind: HuntKind, tool: string): string {
  const term = tool.toLowerCase();
  const filter = {
    createproc: `| where ProcessVersionInfoProductName has_any ('${term}', '${term} agent')\n    or ProcessVersionInfoCompanyName has '${term} software'`,
    netconn: `| where RemoteUrl has_any ('${term}.com', 'relay.${term}.com', 'api.${term}.net', '${term}-cdn.io')`,
    filesig: `| where Signer has '${term} software' and IsTrusted == true`,
  }[kind];
  const by = kind === 'netconn' ? 'DeviceId, DeviceName, RemoteUrl' : 'DeviceId, DeviceName';
  return [
    'let Time_start = now(-5d);',
    'let Time_end = now();',
    '//',
    KIND_TABLE[kind],
    '| where Timestamp between (Time_start..Time_end)',
    filter,
    '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
    `    Report=make_set(ReportId), Count=count() by ${by}`,
  ].join('\n');
}

export function checkCommand(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { NODE_OPTIONS: _inherited, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bin/huntboard.mjs', 'catalog', 'check', dir, '--format', 'json'],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function run({ runs }: BenchArgs): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'huntboard-bench-catalog-'));
  try {
    await ensureCliBuilt(); // compiling the command line is not part of a check
    for (let i = 0; i < HUNTS; i++) {
      const kind = KINDS[i % KINDS.length] ?? 'createproc';
      const tool = `Tool${String(Math.floor(i / KINDS.length) + 1).padStart(2, '0')}`;
      await writePublishedHunt(dir, {
        id: `bench-${tool}-${kind}`,
        tool,
        kind,
        query: query(kind, tool),
        crlf: true,
      });
    }
    const times = Math.min(runs, 3);
    console.log(
      `${HUNTS} generated hunt files; \`catalog check\` ${times} time(s) as a command, then in-process…`,
    );
    const commandMs: number[] = [];
    let results: CatalogCheckResult[] = [];
    for (let i = 0; i < times; i++) {
      const { ms, value } = await timed(() => checkCommand(dir));
      if (value.code !== 0) throw new Error(`catalog check exited ${value.code}: ${value.stderr.trim()}`);
      results = JSON.parse(value.stdout) as CatalogCheckResult[];
      commandMs.push(ms);
    }
    let cpu = process.cpuUsage();
    const inProcess = await timed(() => checkCatalog([dir], { now: BENCH_NOW }));
    const firstCpuMs = process.cpuUsage(cpu).user / 1000;
    cpu = process.cpuUsage();
    const warm = await timed(() => checkCatalog([dir], { now: BENCH_NOW }));
    const warmCpuMs = process.cpuUsage(cpu).user / 1000;
    const ok = results.filter((r) => r.status === 'ok').length;
    const m = median(commandMs);
    const row = (label: string, value: string, note = '') =>
      console.log(`  ${label.padEnd(34)}${value.padStart(8)}${note ? `   ${note}` : ''}`);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    row('hunt files checked', String(results.length));
    row('ok', String(ok));
    row(
      'whole command, wall (median)',
      seconds(m),
      `goal < ${GOAL_MS / 1000} s: ${m < GOAL_MS ? 'met' : 'NOT met'}`,
    );
    row(
      'in-process, first: wall',
      seconds(inProcess.ms),
      `CPU ${seconds(firstCpuMs)} (parser and DuckDB load)`,
    );
    row(
      'in-process, warm: wall',
      seconds(warm.ms),
      `CPU ${seconds(warmCpuMs)}, ${(warmCpuMs / HUNTS).toFixed(1)} ms a hunt`,
    );
    // Wall time on a shared machine says as much about the neighbours as about the check.
    row('load average (1 min)', loadavg()[0]?.toFixed(1) ?? '?', `on ${availableParallelism()} cores`);
    if (ok !== HUNTS || warm.value.filter((r) => r.status === 'ok').length !== HUNTS) {
      const failed = results.find((r) => r.status === 'error');
      console.error(`  not every generated hunt passed, e.g. ${failed?.file}: ${failed?.error?.message}`);
      process.exitCode = 1;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const catalogBench: Benchmark = {
  name: 'catalog',
  title: '`npm run catalog -- check` over 170 hunt files of the published shape',
  run,
};
