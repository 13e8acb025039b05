// How long the catalog takes over a LOLRMM checkout the size of the published one: 319 generated tool files in
// LOLRMM's format (process names, domains and signers in the published proportions, about 600 hunts), read as the
// server reads them and checked as `npm run catalog -- check` does (a fresh process, then in-process).
// Goal: the whole check under a minute, reading the folder under a second.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { readCatalog } from '@/lib/hunts/catalog';
import type { CatalogCheckResult } from '@/lib/hunts/catalog-check';
import { checkCatalog } from '@/lib/hunts/catalog-check';
import { ensureCliBuilt } from '../cli/build.mjs';
import { checkCommand } from './catalog';
import { BENCH_NOW, type BenchArgs, type Benchmark, median, timed } from './common';

const TOOLS = 319;
const CHECK_GOAL_MS = 60_000;
const READ_GOAL_MS = 1_000;

/** Tool i: like the published files, most name executables, two thirds domains, fewer than half signers. */
function toolYaml(i: number): string {
  const name = `Bench Remote ${i}`;
  const slug = `benchremote${i}`;
  const lines = [`Name: ${name}`, 'Category: RMM', 'Details:', '    PEMetadata:'];
  if (i % 8 !== 0)
    lines.push(`        - Filename: ${slug}.exe`, `          OriginalFileName: ${slug}_orig.exe`);
  lines.push('    InstallationPaths:', `        - C:\\Program Files\\${slug}\\*`);
  if (i % 8 !== 0) for (let k = 0; k < 4; k++) lines.push(`        - ${slug}_svc${k}.exe`);
  lines.push('Artifacts:', '    Network:', '        - Domains:');
  if (i % 3 !== 0)
    lines.push(
      `              - '*.${slug}.com'`,
      `              - relay.${slug}.net`,
      `              - api.${slug}.io`,
      '              - user_managed',
    );
  else lines.push('              - user_managed');
  if (i % 9 < 4) lines.push('CodeSigning:', '    certificates:', `        - signer_name: ${name} Ltd`);
  return `${lines.join('\n')}\n`;
}

async function run({ runs }: BenchArgs): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'huntboard-bench-lolrmm-'));
  try {
    await ensureCliBuilt(); // compiling the command line is not part of a check
    for (let i = 1; i <= TOOLS; i++) await writeFile(path.join(dir, `bench_remote_${i}.yaml`), toolYaml(i));
    const reads: number[] = [];
    let hunts = 0;
    for (let i = 0; i < Math.max(runs, 3); i++) {
      const { ms, value } = await timed(() => readCatalog([dir]));
      reads.push(ms);
      hunts = value.hunts.length;
    }
    const times = Math.min(runs, 3);
    console.log(
      `${TOOLS} LOLRMM tool files, ${hunts} hunts; \`catalog check\` ${times} time(s) as a command, then in-process…`,
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
    await checkCatalog([dir], { now: BENCH_NOW });
    cpu = process.cpuUsage(cpu);
    const warmCpu = process.cpuUsage();
    const warm = await timed(() => checkCatalog([dir], { now: BENCH_NOW }));
    const warmCpuMs = process.cpuUsage(warmCpu).user / 1000;
    const row = (label: string, value: string, note = '') =>
      console.log(`  ${label.padEnd(34)}${value.padStart(8)}${note ? `   ${note}` : ''}`);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const m = median(commandMs);
    const r = median(reads);
    row('hunts checked', String(results.filter((x) => x.status !== 'skipped').length));
    row('ok', String(results.filter((x) => x.status === 'ok').length));
    row('tools without a hunt', String(results.filter((x) => x.status === 'skipped').length));
    row(
      'read the folder (median)',
      `${r.toFixed(0)} ms`,
      `goal < ${READ_GOAL_MS} ms: ${r < READ_GOAL_MS ? 'met' : 'NOT met'}`,
    );
    row(
      'whole command, wall (median)',
      seconds(m),
      `goal < ${CHECK_GOAL_MS / 1000} s: ${m < CHECK_GOAL_MS ? 'met' : 'NOT met'}`,
    );
    row('in-process, first: CPU', seconds(cpu.user / 1000), '(parser and DuckDB load)');
    row(
      'in-process, warm: wall',
      seconds(warm.ms),
      `CPU ${seconds(warmCpuMs)}, ${(warmCpuMs / hunts).toFixed(1)} ms a hunt`,
    );
    row('load average (1 min)', loadavg()[0]?.toFixed(1) ?? '?', `on ${availableParallelism()} cores`);
    if (results.some((x) => x.status === 'error')) {
      const failed = results.find((x) => x.status === 'error');
      console.error(`  not every generated hunt passed, e.g. ${failed?.id}: ${failed?.error?.message}`);
      process.exitCode = 1;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const lolrmmBench: Benchmark = {
  name: 'lolrmm',
  title: 'reading and checking a LOLRMM folder of 319 tool files (about 600 generated hunts)',
  run,
};
