// `huntboard sweep [--catalog <dir>]... [--events <file>]... [--now <ISO>] [--lookback 5d] [--format table|json]`
// (also `npm run sweep -- …`): every hunt of every tool over one window on the embedded engine, one query per
// table, over the demo data or exported events files; prints each tool seen with its devices.
import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { settings } from '@/lib/env';
import { readCatalog } from '@/lib/hunts/catalog';
import { lookbackSchema } from '@/lib/hunts/run-request';
import { runSweep, type SweepResult } from '@/lib/hunts/sweep';
import { demoAnchor, openEmbeddedSource } from '@/lib/sources/configured-source';
import { commandFailed, UsageError } from './cli/command-errors';

const USAGE =
  'usage: huntboard sweep [--catalog <dir>]... [--events <files>...] [--now <ISO time>] [--lookback <span>] [--format table|json]\n' +
  '  --catalog   hunt folders to sweep instead of the built-in catalog and HUNTBOARD_CATALOG (repeatable)\n' +
  "  --events    exported events files (.csv, .jsonl, .json, .parquet) instead of the demo data; each file's\n" +
  '              table comes from its name (DeviceNetworkEvents.parquet) or else its columns\n' +
  '  --lookback  the window, e.g. 5d (default 5d)';

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_LOOKBACK_MS = 5 * 86_400_000;

const isoInstant = z.iso.datetime({ offset: true });

interface Args {
  catalogs: string[];
  events: string[];
  now?: Date;
  lookbackMs: number;
  format: Format;
}

function parseSweepArgs(argv: string[]): Args {
  const options = {
    catalog: { type: 'string', multiple: true },
    events: { type: 'string', multiple: true },
    now: { type: 'string' },
    lookback: { type: 'string' },
    format: { type: 'string', default: 'table' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) throw new UsageError('');
  // `--events a.csv b.csv` and `--catalog a b`: positionals that follow an option are more of its values.
  const events = [...(parsed.values.events ?? [])];
  const catalogs = [...(parsed.values.catalog ?? [])];
  let after: string | undefined;
  for (const token of parsed.tokens) {
    if (token.kind === 'option') after = token.name;
    else if (token.kind === 'positional') {
      if (after === 'events') events.push(token.value);
      else if (after === 'catalog') catalogs.push(token.value);
      else throw new UsageError(`unexpected argument '${token.value}'`);
    }
  }
  const format = parsed.values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  let now: Date | undefined;
  if (parsed.values.now !== undefined) {
    if (!isoInstant.safeParse(parsed.values.now).success)
      throw new UsageError(
        `--now '${parsed.values.now}' is not an ISO 8601 time with Z or an offset, e.g. 2026-11-28T10:15:00Z`,
      );
    now = new Date(parsed.values.now);
  }
  let lookbackMs = DEFAULT_LOOKBACK_MS;
  if (parsed.values.lookback !== undefined) {
    const result = lookbackSchema.safeParse(parsed.values.lookback);
    if (!result.success)
      throw new UsageError(`--lookback ${result.error.issues[0]?.message ?? 'is invalid'}`);
    lookbackMs = result.data;
  }
  return { catalogs, events, now, lookbackMs, format };
}

/** What `--format json` prints: the window, the source calls and each tool with its devices. */
export function sweepJson(result: SweepResult): string {
  const { window, sourceCalls, tools, alone, truncated } = result;
  return `${JSON.stringify({ window, sourceCalls, truncated, alone, tools }, null, 2)}\n`;
}

export function sweepTable(result: SweepResult): string {
  const lines = [
    `Sweep ${result.window.start} .. ${result.window.end} (${result.window.lookback}), ${result.sourceCalls} source call(s)`,
  ];
  if (result.truncated) lines.push('The source cut a result at its row limit: some devices may be missing.');
  for (const a of result.alone) lines.push(`Hunt ${a.huntId} ran alone: ${a.reason}.`);
  if (!result.tools.length) lines.push('No tool seen in the window.');
  const rows = result.tools.flatMap((t) =>
    t.devices.map((d) => [
      t.tool,
      t.approved ? 'yes' : d.approved ? 'device' : 'no',
      d.DeviceName,
      d.DeviceId,
      d.FirstSeen,
      d.LastSeen,
      String(d.Count),
      d.tables.join(' '),
    ]),
  );
  if (rows.length) {
    const header = ['Tool', 'Approved', 'DeviceName', 'DeviceId', 'FirstSeen', 'LastSeen', 'Count', 'Tables'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    lines.push('', line(header), ...rows.map(line));
  }
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<string> {
  const args = parseSweepArgs(argv);
  const config = settings();
  for (const file of args.events) {
    await access(file).catch(() => {
      throw new UsageError(`cannot read events file '${file}'`);
    });
  }
  for (const dir of args.catalogs) {
    await access(dir).catch(() => {
      throw new UsageError(`cannot read catalog folder '${dir}'`);
    });
  }
  const paths = args.catalogs.length
    ? args.catalogs
    : [config.HUNTBOARD_HUNTS_DIR, ...config.HUNTBOARD_CATALOG];
  const { hunts, problems } = await readCatalog(paths);
  for (const p of problems)
    process.stderr.write(`sweep: catalog: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  const now = args.now ?? config.HUNTBOARD_NOW ?? new Date();
  const source = await openEmbeddedSource({
    dataDir: config.HUNTBOARD_DATA_DIR,
    files: args.events.length ? args.events : config.HUNTBOARD_EVENTS,
    demo: {
      seed: config.HUNTBOARD_DEMO_SEED,
      devices: config.HUNTBOARD_DEMO_DEVICES,
      events: config.HUNTBOARD_DEMO_EVENTS,
    },
    // A pinned --now also anchors the demo month, so that a reproducible sweep sees reproducible data.
    anchor: demoAnchor(args.now ?? config.HUNTBOARD_NOW),
  });
  try {
    const result = await runSweep({ hunts, source, now, lookbackMs: args.lookbackMs });
    return args.format === 'json' ? sweepJson(result) : sweepTable(result);
  } finally {
    await source.close();
  }
}

/** `huntboard sweep …`: exit status 2 with one line on stderr for anything asked wrongly, 1 for failures. */
export async function sweepCommand(argv: string[]): Promise<number> {
  try {
    process.stdout.write(await main(argv));
    return 0;
  } catch (caught) {
    return commandFailed('sweep', USAGE, caught, { usage: 2, failure: 1 });
  }
}
