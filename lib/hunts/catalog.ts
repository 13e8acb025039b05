// The hunt catalog: Sentinel hunting-query YAML files, parsed with a YAML library and validated with zod.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { KqlSyntaxError } from '@/lib/kql/errors';
import { queryTables } from '@/lib/kql/table-references';
import { findTable } from '@/lib/tables/registry';
import type { TableDef } from '@/lib/tables/types';
import { type ExclusionRule, isExclusionFile, loadExclusionsFor } from './exclusions';

/** Sentinel files write tactics and techniques either as a list or as one comma-separated string. */
const nameList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1, 'must name at least one'));

export const huntSchema = z.object({
  id: z.string().trim().min(1, 'must not be empty'),
  name: z.string().trim().min(1, 'must not be empty'),
  description: z.string().default(''),
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

export type Hunt = z.infer<typeof huntSchema> & {
  /** The file the hunt came from, for messages. */
  file: string;
  /**
   * The registry tables the query reads, from its syntax tree, in the order it first mentions them; the first
   * is the hunt's main table. Empty when the query reads none (or does not parse: running it says why).
   */
  tables: readonly string[];
  /** The hunt's named false-positive exclusions, from its sidecar `<file>.exclusions.yaml`; none without one. */
  exclusions: readonly ExclusionRule[];
};

/** A catalog file that is not valid YAML or not a valid hunt; the message names the file and the field. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** Relative to the working directory, where the app and the command line run. */
export const DEFAULT_CATALOG_DIR = 'lib/hunts/catalog';

/** Parses and validates one hunt file's text. */
export function parseHunt(text: string, file: string): Hunt {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new CatalogError(`${file}: not valid YAML${where}: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = huntSchema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(document)';
    throw new CatalogError(`${file}: field '${field}' ${issue?.message ?? 'is invalid'}`);
  }
  return { ...result.data, file, tables: tablesOf(result.data.query), exclusions: [] };
}

function tablesOf(query: string): string[] {
  try {
    return queryTables(query);
  } catch (error) {
    if (error instanceof KqlSyntaxError) return [];
    throw error;
  }
}

/**
 * The hunt's main table (the first its query reads): its evidence columns and the fields its custom
 * exclusions may test. Undefined for a hunt that reads no registry table.
 */
export function mainTable(hunt: Pick<Hunt, 'tables'>): TableDef | undefined {
  const name = hunt.tables[0];
  return name === undefined ? undefined : findTable(name);
}

/** Loads a hunt file and its sidecar exclusions, if any. */
export async function loadHuntFile(file: string): Promise<Hunt> {
  const hunt = parseHunt(await readFile(file, 'utf8'), file);
  // The sidecar's predicates are checked against the table they will filter.
  const exclusions = await loadExclusionsFor(file, mainTable(hunt));
  return { ...hunt, exclusions };
}

/**
 * Loads every .yaml/.yml hunt file of a folder (sidecar `*.exclusions.yaml` files belong to their hunt);
 * duplicate ids are an error, since ids are how hunts are addressed.
 */
export async function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Promise<Hunt[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n) && !isExclusionFile(n)).sort();
  const hunts = await Promise.all(names.map((n) => loadHuntFile(path.join(dir, n))));
  const seen = new Map<string, string>();
  for (const hunt of hunts) {
    const other = seen.get(hunt.id);
    if (other) throw new CatalogError(`${hunt.file}: field 'id' repeats the id of ${other}`);
    seen.set(hunt.id, hunt.file);
  }
  return hunts;
}
