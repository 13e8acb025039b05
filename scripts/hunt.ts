// `huntboard hunt <hunt id | file.yaml | file.kql> [--events <files>...] [--now <ISO>] [--lookback 5d] [--exclude ids] [--format table|json|csv] [--record]`
// (also `npm run hunt -- …`): one hunt on the embedded engine, over the demo data or exported events files.
import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { settings } from '@/lib/env';
import { findCatalogHunt, loadHuntFile } from '@/lib/hunts/catalog';
import {
  formatHuntRun,
  formatQueryResult,
  OUTPUT_FORMATS,
  type OutputFormat,
} from '@/lib/hunts/format-output';
import type { HuntRun } from '@/lib/hunts/hunt-run';
import { findHunt, runHunt } from '@/lib/hunts/run-hunt';
import { excludeSchema, lookbackSchema } from '@/lib/hunts/run-request';
import { snapshotOf } from '@/lib/hunts/run-snapshot';
import { commandFailed, UsageError } from './cli/command-errors';

const USAGE =
  'usage: huntboard hunt <hunt id | file.yaml | file.kql> [--events <files>...] [--now <ISO time>] [--lookback <span>] [--exclude <rule ids>] [--format table|json|csv] [--record]\n' +
  '  --events  exported events files (.csv, .jsonl, .json, .parquet) to hunt in instead of the demo data; each\n' +
  "            file's table comes from its name (DeviceNetworkEvents.parquet) or else its columns\n" +
  '  --record  also keep the run in the triage database, so that trends can reach back beyond the source';

const isoInstant = z.iso.datetime({ offset: true });

interface Args {
  target: string;
  events: string[];
  now?: Date;
  lookbackMs?: number;
  exclude: string[];
  format: OutputFormat;
  record: boolean;
}

function parseHuntArgs(argv: string[]): Args {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; tokens: true }>>;
  const options = {
    events: { type: 'string', multiple: true },
    now: { type: 'string' },
    lookback: { type: 'string' },
    exclude: { type: 'string' },
    format: { type: 'string', default: 'table' },
    record: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) throw new UsageError('');
  // `--events a.csv b.csv`: positionals that follow --events are more files, not the hunt.
  const events = [...(parsed.values.events ?? [])];
  const targets: string[] = [];
  let afterEvents = false;
  for (const token of parsed.tokens) {
    if (token.kind === 'option') afterEvents = token.name === 'events';
    else if (token.kind === 'positional') (afterEvents ? events : targets).push(token.value);
  }
  if (targets.length !== 1)
    throw new UsageError(targets.length ? `one hunt at a time, got: ${targets.join(' ')}` : 'name a hunt');
  const format = parsed.values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
  let now: Date | undefined;
  if (parsed.values.now !== undefined) {
    // The same rule as HUNTBOARD_NOW: `new Date` alone would take "March 10" or an offset-less time in the
    // machine's own zone, so the same command would hunt a different window elsewhere.
    if (!isoInstant.safeParse(parsed.values.now).success)
      throw new UsageError(
        `--now '${parsed.values.now}' is not an ISO 8601 time with Z or an offset, e.g. 2026-11-28T10:15:00Z`,
      );
    now = new Date(parsed.values.now);
  }
  let lookbackMs: number | undefined;
  if (parsed.values.lookback !== undefined) {
    const result = lookbackSchema.safeParse(parsed.values.lookback);
    if (!result.success)
      throw new UsageError(`--lookback ${result.error.issues[0]?.message ?? 'is invalid'}`);
    lookbackMs = result.data;
  }
  let exclude: string[] = [];
  if (parsed.values.exclude !== undefined) {
    const result = excludeSchema.safeParse(parsed.values.exclude);
    if (!result.success) throw new UsageError(`--exclude ${result.error.issues[0]?.message ?? 'is invalid'}`);
    exclude = result.data;
  }
  const target = targets[0] ?? '';
  const record = parsed.values.record === true;
  if (record && /\.kql$/i.test(target))
    throw new UsageError('--record keeps hunt runs; a .kql file is a plain query, not a hunt');
  return { target, events, now, lookbackMs, exclude, format, record };
}

async function main(argv: string[]): Promise<string> {
  const args = parseHuntArgs(argv);
  const config = settings();
  for (const file of args.events) {
    await access(file).catch(() => {
      throw new Error(`cannot read events file '${file}'`);
    });
  }
  const now = args.now ?? config.HUNTBOARD_NOW ?? new Date();
  const open = async () =>
    // Loaded when first needed: DuckDB loads with it.
    (await import('./hunt-source')).openHuntSource(config, {
      events: args.events,
      ...(args.now ? { now: args.now } : {}),
    });
  if (/\.kql$/i.test(args.target)) {
    const { readFile } = await import('node:fs/promises');
    const kql = await readFile(args.target, 'utf8').catch(() => {
      throw new Error(`cannot read KQL file '${args.target}'`);
    });
    const source = await open();
    try {
      return formatQueryResult(await source.run(kql, { now }), args.format);
    } finally {
      await source.close();
    }
  }
  // The hunt before the engine: a run started without the parser (scripts/cli/huntboard.ts) that needs it after
  // all stops before DuckDB loads.
  const hunt = /\.ya?ml$/i.test(args.target)
    ? await loadHuntFile(args.target).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ENOENT' ? new Error(`cannot read hunt file '${args.target}'`) : error;
      })
    : await catalogHunt(config.HUNTBOARD_HUNTS_DIR, config.HUNTBOARD_CATALOG, args.target);
  const source = await open();
  try {
    const run = await runHunt({ hunt, source, now, lookbackMs: args.lookbackMs, exclude: args.exclude });
    if (args.record) await record(run);
    return formatHuntRun(run, args.format);
  } finally {
    await source.close();
  }
}

/**
 * The hunt with this id from the built-in catalog and HUNTBOARD_CATALOG's folders, found without parsing the
 * other hunts' queries. Problems of the hunt's own file (and missing folders) are listed on stderr; `npm run
 * catalog -- check` reports every file's.
 */
async function catalogHunt(builtIn: string, extra: readonly string[], id: string) {
  const { hunt, problems } = await findCatalogHunt([builtIn, ...extra], id);
  for (const p of problems)
    process.stderr.write(`hunt: catalog: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  return hunt ?? findHunt([], id);
}

/** Keeps the run in the configured triage database (PGlite folder or DATABASE_URL). */
async function record(run: HuntRun): Promise<void> {
  // Loaded here: the triage database's drivers are needed by --record alone.
  const { DataDirLockedError } = await import('@/lib/triage/data-dir-lock');
  const { closeConfiguredStore, openConfiguredStore } = await import('@/lib/triage/open-store');
  try {
    const store = await openConfiguredStore();
    await store.recordSnapshot(snapshotOf(run));
    process.stderr.write(
      `hunt: recorded ${run.devices.length} device(s) of ${run.hunt.id} for ${run.window.start} .. ${run.window.end}\n`,
    );
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new Error(
        `${error.message} Stop the server first, let it record on its own (HUNTBOARD_RECORD_INTERVAL_MINUTES), or use PostgreSQL (DATABASE_URL).`,
      );
    throw error;
  } finally {
    await closeConfiguredStore();
  }
}

/** `huntboard hunt …`: prints the run; exit status 2 with one line on stderr for anything asked wrongly. */
export async function huntCommand(argv: string[]): Promise<number> {
  try {
    process.stdout.write(await main(argv));
    return 0;
  } catch (caught) {
    return commandFailed('hunt', USAGE, caught, { usage: 2, failure: 2 });
  }
}
