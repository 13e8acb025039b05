// The hunt catalog: Sentinel hunting-query YAML files in folders (read recursively), validated with zod. A bad
// file never hides the others: reading a catalog returns the hunts that loaded and a problem for each file that
// did not, naming the file and the line and column in it.

import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DomainError, type ProblemInit } from '@/lib/domain-error';
import { composeHunt } from '@/lib/kql/compose';
import { huntCannotRun, KqlCompositionError, KqlSyntaxError } from '@/lib/kql/errors';
import { kqlTimespan } from '@/lib/kql/literal';
import { queryTables } from '@/lib/kql/table-references';
import { mainTable as mainTableOf } from '@/lib/tables/registry';
import type { TableDef } from '@/lib/tables/types';
import {
  type FilePosition,
  type HuntYaml,
  HuntYamlError,
  readHuntYaml,
  type YamlWarning,
} from './catalog-yaml';
import { type ExclusionRule, exclusionFileFor, isExclusionFile, loadExclusionsFor } from './exclusions';
import type { CatalogProblemSummary, HuntSummary } from './hunt-run';
import {
  isLolrmmExport,
  isLolrmmTool,
  LOLRMM_ID_PREFIX,
  type LolrmmContext,
  lolrmmToolEntries,
  newLolrmmContext,
} from './lolrmm';

/** Sentinel files write tactics and techniques either as a list or as one comma-separated string. */
const nameList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1, 'must name at least one'));

export const huntSchema = z.object({
  id: z.string().trim().min(1, 'must not be empty'),
  name: z.string().trim().min(1, 'must not be empty'),
  description: z.string().default(''),
  /** The RMM tool the hunt is about; optional, since the file or hunt name usually says (see toolOf). */
  tool: z.string().trim().min(1, 'must not be empty').optional(),
  requiredDataConnectors: z
    .array(
      z.object({
        connectorId: z.string().min(1),
        dataTypes: z.array(z.string().min(1)).min(1),
      }),
    )
    .default([]),
  tactics: nameList,
  relevantTechniques: nameList,
  query: z.string().trim().min(1, 'must not be empty'),
});

export type Hunt = Omit<z.infer<typeof huntSchema>, 'tool'> & {
  /** The file the hunt came from, for messages. */
  file: string;
  /** The RMM tool the hunt is about; null when neither the file, the name nor a `tool:` field says. */
  tool: string | null;
  /**
   * The registry tables the query reads, from its syntax tree, in the order it first mentions them; the first
   * is the hunt's main table. Empty when the query reads none.
   */
  tables: readonly string[];
  /** The lookback of the hunt's own `now(-X)` / `ago(X)` window; null when composition finds none. */
  lookbackMs: number | null;
  /** The hunt's named false-positive exclusions, from its sidecar `<file>.exclusions.yaml`; none without one. */
  exclusions: readonly ExclusionRule[];
};

/**
 * One file that did not load (or, for `duplicate`, loaded and was left out), with the 1-based line and column
 * in that file. Causes (docs/catalog.md): `yaml` (not YAML or not a hunt), `schema` (Kusto's parser rejects the
 * query), `translation`, `run` (the check command's later steps), `duplicate` (an id already used).
 */
export type CatalogProblem = CatalogProblemSummary;
export type CatalogCause = CatalogProblem['cause'];

/** A catalog file that is not valid YAML, not a valid hunt, or repeats an id; the message names the place. */
export class CatalogError extends DomainError {
  override name = 'CatalogError';
  toProblem(): ProblemInit {
    return huntCannotRun(this);
  }
  constructor(
    message: string,
    readonly problem?: CatalogProblem,
  ) {
    super(message);
  }
}

function catalogError(problem: CatalogProblem): CatalogError {
  return new CatalogError(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`, problem);
}

/** Relative to the working directory, where the app and the command line run. */
export const DEFAULT_CATALOG_DIR = 'lib/hunts/catalog';

/** Files past this many in one catalog are not read (a problem says so); the picker and sweeps stay usable. */
export const MAX_CATALOG_FILES = 2_000;
/** A hunt file larger than this is refused: hunts are a few kilobytes. */
export const MAX_HUNT_FILE_BYTES = 256 * 1024;
/** A `.json` file (LOLRMM's export of all its tools, ~3 MB for 319) may be this large. */
export const MAX_JSON_FILE_BYTES = 16 * 1024 * 1024;

const isJsonFile = (file: string) => /\.json$/i.test(file);
const maxBytes = (file: string) => (isJsonFile(file) ? MAX_JSON_FILE_BYTES : MAX_HUNT_FILE_BYTES);

const PUBLISHED_FILE = /^rmm_([^_].*)_[A-Za-z]+\.ya?ml$/i;
const PUBLISHED_NAME = /^Remote Management and Monitoring tool - (.+?) - /;

/**
 * The hunt's tool: its `tool:` field; else the `<Tool>` of a published file name `rmm_<Tool>_<kind>.yaml`
 * (spelled as the hunt's name spells it when they agree but for case); else the `<Tool>` of a published name
 * "Remote Management and Monitoring tool - <Tool> - …".
 */
export function toolOf(file: string, name: string, field?: string): string | null {
  if (field) return field;
  const fromName = PUBLISHED_NAME.exec(name)?.[1]?.trim() || undefined;
  const fromFile = PUBLISHED_FILE.exec(path.basename(file))?.[1];
  const same = (a: string, b: string) =>
    a.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase() === b.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  if (fromFile) return fromName && same(fromName, fromFile) ? fromName : fromFile;
  return fromName ?? null;
}

/** What the API and the page show of a hunt. */
export function huntSummary(hunt: Hunt): HuntSummary {
  return {
    id: hunt.id,
    name: hunt.name,
    description: hunt.description,
    tool: hunt.tool,
    tables: [...hunt.tables],
    tactics: hunt.tactics,
    techniques: hunt.relevantTechniques,
    lookback: hunt.lookbackMs === null ? null : kqlTimespan(hunt.lookbackMs),
  };
}

/** The hunt's id, name and tool as far as the file says, for listing a file that did not load. */
function aboutFile(
  file: string,
  value: unknown,
): { id: string | null; name: string | null; tool: string | null } {
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const name = text(record.name);
  return { id: text(record.id), name, tool: toolOf(file, name ?? '', text(record.tool) ?? undefined) };
}

/** One hunt file read: the hunt, or why not, and what was read as intended but is worth saying. */
export interface CatalogEntry {
  file: string;
  /** As far as the file says, also when it did not load. */
  id: string | null;
  name: string | null;
  tool: string | null;
  /** The parsed hunt; present also for a `duplicate` problem (the hunt that was left out). */
  hunt?: Hunt;
  problem?: CatalogProblem;
  warnings: readonly YamlWarning[];
  /** Where the file's `id` value is, for a duplicate's problem. */
  idPosition?: FilePosition;
  /** Maps a position in the hunt's query to the file; present when the YAML was read. */
  queryPosition?: (position: FilePosition) => FilePosition;
  /** Why a file that loaded gave no hunt (a LOLRMM tool with no usable artefact); not a problem. */
  note?: string;
  notePosition?: FilePosition;
}

/** A catalog file (or a tool in a LOLRMM export) that loaded but gave no hunt, and why. */
export interface CatalogNote extends FilePosition {
  file: string;
  tool: string | null;
  message: string;
}

function yamlProblemEntry(file: string, error: HuntYamlError): CatalogEntry {
  const problem = {
    file,
    ...error.position,
    cause: 'yaml' as const,
    message: `not valid ${isJsonFile(file) ? 'JSON' : 'YAML'}: ${error.message}`,
  };
  return { file, ...aboutFile(file, undefined), problem, warnings: [] };
}

/** Parses one hunt file's text; the entry carries the hunt or the problem (never throws for bad input). */
export function readHuntText(text: string, file: string): CatalogEntry {
  let yaml: HuntYaml;
  try {
    yaml = readHuntYaml(text);
  } catch (error) {
    if (!(error instanceof HuntYamlError)) throw error;
    return yamlProblemEntry(file, error);
  }
  return huntEntry(yaml, file);
}

function huntEntry(yaml: HuntYaml, file: string): CatalogEntry {
  const base = {
    file,
    ...aboutFile(file, yaml.value),
    warnings: yaml.warnings,
    idPosition: yaml.positionOf(['id']),
    queryPosition: yaml.queryPosition,
  };
  const result = huntSchema.safeParse(yaml.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(document)';
    const where = yaml.positionOf(issue?.path ?? []);
    const problem = {
      file,
      ...where,
      cause: 'yaml' as const,
      message: `field '${field}' ${issue?.message ?? 'is invalid'}`,
    };
    return { ...base, problem };
  }
  const { tool: toolField, ...fields } = result.data;
  let tables: string[];
  try {
    tables = queryTables(fields.query);
  } catch (error) {
    if (!(error instanceof KqlSyntaxError)) throw error;
    const problem = {
      file,
      ...yaml.queryPosition(error.position),
      cause: 'schema' as const,
      message: `the query is not valid KQL: ${error.message.replace(/ \(line \d+, column \d+\)$/, '')}`,
    };
    return { ...base, problem };
  }
  let lookbackMs: number | null = null;
  try {
    lookbackMs = composeHunt(fields.query).lookbackMs;
  } catch (error) {
    if (!(error instanceof KqlCompositionError)) throw error;
  }
  const hunt: Hunt = {
    ...fields,
    file,
    tool: toolOf(file, fields.name, toolField),
    tables,
    lookbackMs,
    exclusions: [],
  };
  return { ...base, hunt };
}

/**
 * The hunt's main table (the first its query reads): its evidence columns and the fields its custom
 * exclusions may test. Undefined for a hunt that reads no registry table.
 */
export function mainTable(hunt: Pick<Hunt, 'tables'>): TableDef | undefined {
  return mainTableOf(hunt.tables);
}

/** Parses and validates one hunt file's text; throws CatalogError naming the file, line and column. */
export function parseHunt(text: string, file: string): Hunt {
  const entry = readHuntText(text, file);
  if (entry.problem || !entry.hunt) throw catalogError(entry.problem ?? missing(file));
  return entry.hunt;
}

function missing(file: string): CatalogProblem {
  return { file, line: 1, column: 1, cause: 'yaml', message: 'no hunt in this file' };
}

/** The exclusion sidecar's problem: its own file, at the line its message names. */
function exclusionProblem(huntFile: string, error: Error): CatalogProblem {
  const file = exclusionFileFor(huntFile);
  const line = Number(/ at line (\d+)/.exec(error.message)?.[1] ?? 1);
  const message = error.message.startsWith(`${file}: `)
    ? error.message.slice(file.length + 2)
    : error.message;
  return { file, line, column: 1, cause: 'yaml', message };
}

/** Reads one hunt file and its sidecar exclusions, if any. */
export async function readHuntFile(file: string): Promise<CatalogEntry> {
  const size = (await stat(file)).size;
  if (size > MAX_HUNT_FILE_BYTES) {
    const message = `the file has ${size} bytes; a hunt file may have at most ${MAX_HUNT_FILE_BYTES}`;
    const problem = { file, line: 1, column: 1, cause: 'yaml' as const, message };
    return { file, ...aboutFile(file, undefined), warnings: [], problem };
  }
  return withExclusions(readHuntText(await readFile(file, 'utf8'), file), file);
}

/** A sidecar's exclusions added to a loaded hunt, or the sidecar's problem in its place. */
async function withExclusions(entry: CatalogEntry, file: string): Promise<CatalogEntry> {
  if (!entry.hunt || entry.problem) return entry;
  try {
    // The sidecar's predicates are checked against the table they will filter.
    const exclusions = await loadExclusionsFor(file, mainTable(entry.hunt));
    return { ...entry, hunt: { ...entry.hunt, exclusions } };
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    const { hunt: _left, ...rest } = entry;
    return { ...rest, problem: exclusionProblem(file, error) };
  }
}

/**
 * Reads one catalog file, recognised by its shape: a hunt (one entry), a LOLRMM tool (an entry per generated
 * hunt), or LOLRMM's export of many tools, of which at most `budget` are read (a problem names the rest).
 * `units` is what the file counts towards MAX_CATALOG_FILES: 1, or the number of export tools read.
 */
async function readCatalogFile(
  file: string,
  context: LolrmmContext,
  budget: number,
): Promise<{ entries: CatalogEntry[]; units: number }> {
  const size = (await stat(file)).size;
  const limit = maxBytes(file);
  if (size > limit) {
    const message = `the file has ${size} bytes; a ${isJsonFile(file) ? '.json' : 'hunt'} file may have at most ${limit}`;
    const problem = { file, line: 1, column: 1, cause: 'yaml' as const, message };
    return { entries: [{ file, ...aboutFile(file, undefined), warnings: [], problem }], units: 1 };
  }
  let yaml: HuntYaml;
  try {
    yaml = readHuntYaml(await readFile(file, 'utf8'));
  } catch (error) {
    if (!(error instanceof HuntYamlError)) throw error;
    return { entries: [yamlProblemEntry(file, error)], units: 1 };
  }
  const { value } = yaml;
  if (isLolrmmTool(value)) {
    return {
      entries: lolrmmToolEntries(value, { file, positionOf: yaml.positionOf, prefix: [] }, context),
      units: 1,
    };
  }
  if (isLolrmmExport(value)) {
    const entries: CatalogEntry[] = [];
    const read = Math.min(value.length, Math.max(budget, 0));
    for (let i = 0; i < read; i++) {
      entries.push(
        ...lolrmmToolEntries(value[i], { file, positionOf: yaml.positionOf, prefix: [i] }, context),
      );
    }
    if (read < value.length) {
      const message = `the catalog has more than ${MAX_CATALOG_FILES} hunt files and LOLRMM tools; tools ${read + 1} to ${value.length} of this export are not read`;
      const problem = { file, ...yaml.positionOf([read]), cause: 'yaml' as const, message };
      entries.push({ file, id: null, name: null, tool: null, problem, warnings: [] });
    }
    return { entries, units: read };
  }
  if (isJsonFile(file)) {
    const message =
      'a .json catalog file must be LOLRMM’s export of its tools (an array of tool objects with Name and Details or Artifacts)';
    const problem = { file, line: 1, column: 1, cause: 'yaml' as const, message };
    return { entries: [{ file, id: null, name: null, tool: null, problem, warnings: [] }], units: 1 };
  }
  return { entries: [await withExclusions(huntEntry(yaml, file), file)], units: 1 };
}

/** Loads a hunt file and its sidecar exclusions; throws CatalogError for a file that does not load. */
export async function loadHuntFile(file: string): Promise<Hunt> {
  const entry = await readHuntFile(file);
  if (entry.problem || !entry.hunt) throw catalogError(entry.problem ?? missing(file));
  return entry.hunt;
}

/** YAML hunt files and LOLRMM tool files; `.json` for LOLRMM's export of all its tools. */
const isHuntFile = (name: string) => /\.(?:ya?ml|json)$/i.test(name) && !isExclusionFile(name);

/** Orders by code unit, not by locale, so that every machine reads a catalog in the same order. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The hunt files under `dir`, recursively, sorted by their path; hidden folders and files are skipped. */
async function huntFilesUnder(dir: string, seen: Set<string>): Promise<string[]> {
  const real = await realpath(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const found: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => byCodeUnit(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const isDir =
      entry.isDirectory() || (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory());
    if (isDir) found.push(...(await huntFilesUnder(full, seen)));
    else if (isHuntFile(entry.name)) found.push(full);
  }
  return found;
}

/**
 * A summary of the files a read of `paths` would see (each hunt file and sidecar with its size and modification
 * time, and missing paths): when it changes, so might the catalog. Costs a stat per file, no parsing.
 */
export async function catalogFingerprint(paths: readonly string[]): Promise<string> {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    const files = !info ? [] : info.isDirectory() ? await huntFilesUnder(p, seen) : [p];
    if (!info) parts.push(`${p} missing`);
    for (const file of files) {
      for (const f of [file, exclusionFileFor(file)]) {
        const s = await stat(f).catch(() => null);
        parts.push(s ? `${f} ${s.size} ${s.mtimeMs}` : `${f} -`);
      }
    }
  }
  return parts.join('\n');
}

/** What a catalog read returns: every file's entry in order, and the hunts and problems among them. */
export interface CatalogRead {
  entries: CatalogEntry[];
  /** The hunts that loaded, first of each id only. */
  hunts: Hunt[];
  problems: CatalogProblem[];
  /** Files (LOLRMM tools) that loaded but gave no hunt, with the reason. */
  notes: CatalogNote[];
}

/**
 * Reads folders (recursively: `RMM/<Tool>/*.yaml`, `.yml`) and single files, each folder's files in sorted
 * path order and the paths in the order given. A file reached twice is read once. When two files share an
 * id, the first is kept and the second is a `duplicate` problem naming both. A missing path is a problem.
 */
export async function readCatalog(paths: readonly string[]): Promise<CatalogRead> {
  const entries: CatalogEntry[] = [];
  const { files, problems } = await catalogFiles(paths);
  const hunts: Hunt[] = [];
  const notes: CatalogNote[] = [];
  const byId = new Map<string, string>();
  const context = newLolrmmContext();
  // Each file counts one towards MAX_CATALOG_FILES, each tool of a LOLRMM export one; catalogFiles already cut
  // the file list, so an export may use what the files after it leave.
  let units = 0;
  const read: CatalogEntry[] = [];
  for (const [index, file] of files.entries()) {
    const budget = MAX_CATALOG_FILES - units - (files.length - index - 1);
    const result = await readCatalogFile(file, context, budget);
    units += result.units;
    read.push(...result.entries);
  }
  for (let entry of read) {
    const file = entry.file;
    if (entry.note) {
      const where = entry.notePosition ?? { line: 1, column: 1 };
      notes.push({ file, ...where, tool: entry.tool, message: entry.note });
    }
    const hunt = entry.hunt;
    if (hunt && !entry.problem) {
      const other = byId.get(hunt.id);
      if (other !== undefined) {
        const where = entry.idPosition ?? { line: 1, column: 1 };
        entry = {
          ...entry,
          problem: {
            file,
            ...where,
            cause: 'duplicate',
            message: `the id '${hunt.id}' is already used by ${other}`,
          },
        };
      } else {
        byId.set(hunt.id, file);
        hunts.push(hunt);
      }
    }
    if (entry.problem) problems.push(entry.problem);
    entries.push(entry);
  }
  return { entries, hunts, problems, notes };
}

/**
 * The hunt with this id, as readCatalog would find it (the first file that has the id and loads), without
 * parsing the other hunts' queries: only their YAML is read to learn their ids. The command line's lookup.
 * `problems` are those of the paths and of files with this id; undefined when no file has it.
 */
export async function findCatalogHunt(
  paths: readonly string[],
  id: string,
): Promise<{ hunt: Hunt | undefined; problems: CatalogProblem[] }> {
  if (id.startsWith(LOLRMM_ID_PREFIX)) {
    // Generated ids depend on every LOLRMM entry read before (a tool named twice), so read as readCatalog does.
    const read = await readCatalog(paths);
    const hunt = read.hunts.find((h) => h.id === id);
    const relevant = read.problems.filter(
      (p) => p.message.includes(id) || p.message === 'no such file or folder',
    );
    return { hunt, problems: hunt ? [] : relevant };
  }
  const { files, problems } = await catalogFiles(paths);
  for (const file of files) {
    const size = (await stat(file).catch(() => undefined))?.size ?? Number.POSITIVE_INFINITY;
    // Too large a file is a problem readCatalog reports; its id is not looked for.
    const text = size > maxBytes(file) ? undefined : await readFile(file, 'utf8').catch(() => undefined);
    let fileId: unknown;
    try {
      const value = text === undefined ? undefined : readHuntYaml(text).value;
      fileId = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
    } catch (error) {
      if (!(error instanceof HuntYamlError)) throw error;
    }
    if (fileId !== id) continue;
    const entry = await readHuntFile(file);
    if (entry.problem) problems.push(entry.problem);
    else if (entry.hunt) return { hunt: entry.hunt, problems };
  }
  return { hunt: undefined, problems };
}

/** The hunt files `paths` hold, in readCatalog's order, and the paths that are missing. */
async function catalogFiles(
  paths: readonly string[],
): Promise<{ files: string[]; problems: CatalogProblem[] }> {
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) {
      problems.push({ file: p, line: 1, column: 1, cause: 'yaml', message: 'no such file or folder' });
      continue;
    }
    if (info.isDirectory()) {
      files.push(...(await huntFilesUnder(p, seen)).sort(byCodeUnit));
    } else {
      const real = await realpath(p);
      if (!seen.has(real)) files.push(p);
      seen.add(real);
    }
  }
  const unique = [...new Map(files.map((f) => [path.resolve(f), f])).values()];
  if (unique.length > MAX_CATALOG_FILES) {
    const first = unique[MAX_CATALOG_FILES] ?? '';
    problems.push({
      file: first,
      line: 1,
      column: 1,
      cause: 'yaml',
      message: `the catalog has ${unique.length} hunt files; only the first ${MAX_CATALOG_FILES} are read`,
    });
  }
  return { files: unique.slice(0, MAX_CATALOG_FILES), problems };
}

/**
 * Loads every hunt of a folder (recursively) and throws CatalogError for the first problem: for callers that
 * want all or nothing (tests, one-off tools). The app uses readCatalog and shows the problems instead.
 */
export async function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Promise<Hunt[]> {
  const { hunts, problems } = await readCatalog([dir]);
  const first = problems[0];
  if (first) throw catalogError(first);
  return hunts;
}
