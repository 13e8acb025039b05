// A hunt's named false-positive exclusions: a sidecar YAML file beside the hunt (`<hunt>.exclusions.yaml`),
// parsed with a YAML library and validated with zod; each predicate must be one KQL expression over the
// hunt's main table's columns that the embedded translator understands.

import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { DomainError, type ProblemInit } from '@/lib/domain-error';
import { exclusionPredicate } from '@/lib/kql/compose';
import { translateKql } from '@/lib/kql/translate';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import type { TableDef } from '@/lib/tables/types';
import { CatalogError } from './catalog';

export const exclusionIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. admin-scripts');

export const exclusionRuleSchema = z.object({
  id: exclusionIdSchema,
  title: z.string().trim().min(1, 'must not be empty'),
  /** The seed rule's scenario text. */
  scenario: z.string().trim().min(1, 'must not be empty'),
  /** The seed rule's suggested filter, in words. */
  filter: z.string().trim().min(1, 'must not be empty'),
  /** One KQL predicate over the columns of the hunt's main table. */
  predicate: z.string().trim().min(1, 'must not be empty'),
});

const exclusionFileSchema = z.object({
  exclusions: z.array(exclusionRuleSchema).default([]),
});

export type ExclusionRule = z.infer<typeof exclusionRuleSchema>;

/** A run asked for exclusion ids the hunt does not define: the caller's input is wrong (400). */
export class UnknownExclusionError extends DomainError {
  override name = 'UnknownExclusionError';
  toProblem(): ProblemInit {
    return {
      status: 400,
      title: 'Unknown exclusion',
      detail: this.message,
      extensions: { field: 'exclude', validIds: [...this.valid] },
    };
  }
  constructor(
    readonly unknown: readonly string[],
    readonly valid: readonly string[],
  ) {
    super(
      `Unknown exclusion ${unknown.map((id) => `'${id}'`).join(', ')}; ` +
        (valid.length ? `valid ids are: ${valid.join(', ')}.` : 'this hunt has no exclusions.'),
    );
  }
}

// Only for the translation check; predicates cannot depend on the clock.
const CHECK_NOW = new Date(0);

/** The sidecar file of a hunt file: `x.yaml` → `x.exclusions.yaml`. */
export function exclusionFileFor(huntFile: string): string {
  return huntFile.replace(/\.ya?ml$/i, '.exclusions.yaml');
}

export function isExclusionFile(name: string): boolean {
  return /\.exclusions\.ya?ml$/i.test(name);
}

/**
 * Parses and validates one exclusions file's text against `table` (the hunt's main table; DeviceProcessEvents
 * when the hunt reads none); errors name the file and the field.
 */
export function parseExclusions(
  text: string,
  file: string,
  table: TableDef = deviceProcessEvents,
): ExclusionRule[] {
  const tables = { [table.name]: table.columns };
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new CatalogError(`${file}: not valid YAML${where}: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = exclusionFileSchema.safeParse(doc ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(document)';
    throw new CatalogError(`${file}: field '${field}' ${issue?.message ?? 'is invalid'}`);
  }
  const rules = result.data.exclusions;
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    const field = `exclusions.${i}`;
    if (seen.has(rule.id)) throw new CatalogError(`${file}: field '${field}.id' repeats the id '${rule.id}'`);
    seen.add(rule.id);
    try {
      const predicate = exclusionPredicate(rule.predicate);
      // The translator resolves every name against the schema, so an unknown column fails here, as does an
      // operator the embedded engine could not run.
      translateKql(`${table.name}\n| where ${predicate}`, { now: CHECK_NOW, tables });
      rule.predicate = predicate;
    } catch (error) {
      throw new CatalogError(`${file}: field '${field}.predicate' ${(error as Error).message}`);
    }
  }
  return rules;
}

/** Loads the sidecar exclusions of a hunt file; a hunt without one has no exclusions. */
export async function loadExclusionsFor(huntFile: string, table?: TableDef): Promise<ExclusionRule[]> {
  const file = exclusionFileFor(huntFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseExclusions(text, file, table);
}

/** The rules for the requested ids, in the hunt's order; unknown ids throw UnknownExclusionError. */
export function selectExclusions(rules: readonly ExclusionRule[], ids: readonly string[]): ExclusionRule[] {
  const known = new Set(rules.map((r) => r.id));
  const unknown = [...new Set(ids)].filter((id) => !known.has(id));
  if (unknown.length) throw new UnknownExclusionError(unknown, [...known]);
  const wanted = new Set(ids);
  return rules.filter((r) => wanted.has(r.id));
}
