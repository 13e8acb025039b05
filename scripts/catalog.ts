// `huntboard catalog check <dir|file>... [--now ISO] [--format table|json]` (also `npm run catalog -- check …`):
// checks hunt files (folders read recursively) as a run would use them, in one process; exit 0 when all are ok,
// 1 when some failed, 2 on bad usage.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type CatalogCheckResult, CHECK_CAUSES, checkCatalog } from '@/lib/hunts/catalog-check';
import { DEFECT_WARNING } from '@/lib/hunts/catalog-yaml';

const USAGE =
  'usage: huntboard catalog check <folder | file>... [--now <ISO time>] [--format table|json]\n' +
  '  checks that each hunt file loads, that Kusto accepts its query against the known tables, and that it\n' +
  '  translates and runs on the embedded engine; errors give the line and column in the file';

const FORMATS = ['table', 'json'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

const isoInstant = z.iso.datetime({ offset: true });

interface Args {
  paths: string[];
  now: Date;
  format: Format;
}

async function parseCatalogArgs(argv: string[]): Promise<Args> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    now: { type: 'string' },
    format: { type: 'string', default: 'table' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) throw new UsageError('');
  const [command, ...paths] = parsed.positionals;
  if (command !== 'check')
    throw new UsageError(
      command ? `unknown command '${command}'; the command is 'check'` : 'name a command: check',
    );
  if (!paths.length) throw new UsageError('name at least one catalog folder or hunt file');
  for (const p of paths) {
    if (!(await stat(p).catch(() => null))) throw new UsageError(`no such file or folder: ${p}`);
  }
  const format = parsed.values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  let now = new Date();
  if (parsed.values.now !== undefined) {
    if (!isoInstant.safeParse(parsed.values.now).success)
      throw new UsageError(
        `--now '${parsed.values.now}' is not an ISO 8601 time with Z or an offset, e.g. 2026-11-28T10:15:00Z`,
      );
    now = new Date(parsed.values.now);
  }
  return { paths, now, format };
}

function causeLabel(cause: string): string {
  return cause === 'duplicate' ? 'duplicate id' : cause;
}

function formatTable(results: readonly CatalogCheckResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const at = r.error ?? r.note;
    const where = at ? `${r.file}:${at.line}:${at.column}` : r.file;
    const about = [r.tool ?? '-', r.tables.join(',') || '-', ...(r.id ? [r.id] : [])].join('  ');
    const status = r.status === 'skipped' ? 'skip ' : r.status.padEnd(5);
    lines.push(`${status}  ${where}  ${about}`);
    if (r.error) lines.push(`       ${causeLabel(r.error.cause)}: ${r.error.message}`);
    if (r.note) lines.push(`       ${r.note.message}`);
    for (const w of r.warnings ?? [])
      if (w.message !== DEFECT_WARNING) lines.push(`       ${w.line}:${w.column}: ${w.message}`);
  }
  const failed = results.filter((r) => r.status === 'error');
  const skipped = results.filter((r) => r.status === 'skipped').length;
  const hunts = results.length - skipped;
  const byCause = CHECK_CAUSES.map(
    (cause) => `${causeLabel(cause)} ${failed.filter((r) => r.error?.cause === cause).length}`,
  );
  lines.push('');
  const repaired = results.filter((r) => r.warnings?.some((w) => w.message === DEFECT_WARNING)).length;
  if (repaired)
    lines.push(
      `${repaired} file(s) have the published catalog's \`dataTypes:\` indentation defect; read as intended`,
    );
  lines.push(
    `${hunts} hunt(s): ${hunts - failed.length} ok, ${failed.length} failed (${byCause.join(', ')})` +
      (skipped ? `; ${skipped} LOLRMM tool(s) gave no hunt` : ''),
  );
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<{ output: string; failed: boolean }> {
  const args = await parseCatalogArgs(argv);
  const results = await checkCatalog(args.paths, { now: args.now });
  if (!results.length)
    throw new UsageError(`no .yaml, .yml or .json catalog files in ${args.paths.join(', ')}`);
  const output = args.format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : formatTable(results);
  return { output, failed: results.some((r) => r.status === 'error') };
}

/** `huntboard catalog …`: prints the results; 0 all ok, 1 some failed, 2 with one line on stderr when asked wrongly. */
export async function catalogCommand(argv: string[]): Promise<number> {
  try {
    const { output, failed } = await main(argv);
    process.stdout.write(output);
    return failed ? 1 : 0;
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    if (error instanceof UsageError && !error.message) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const message = error.message.replace(/\s*\n\s*/g, '; ');
    process.stderr.write(`catalog: ${message}${error instanceof UsageError ? ' (--help for usage)' : ''}\n`);
    return 2;
  }
}
