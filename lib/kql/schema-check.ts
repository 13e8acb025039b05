// The pre-flight check before a query runs anywhere: Microsoft's Kusto parser analyses it against the target
// tables' schemas, so an unknown column or a type error is answered here, with the parser's message and
// position, instead of costing a call against the tenant's quota. An unknown name also gets the nearest
// existing columns (published hunts group DeviceNetworkEvents by AccountUpn, which only exists there as
// InitiatingProcessAccountUpn).
import { type SchemaVariant, TABLES } from '@/lib/tables/registry';
import type { ColumnDef } from '@/lib/tables/types';
import { KqlSemanticError } from './errors';
import { analyzeRaw, descendants, type KqlNode } from './kusto';
import { parseKql, positionAt } from './parse';
import { nameOf } from './translate-expression';

export interface TableSchema {
  name: string;
  columns: readonly ColumnDef[];
}

/** Every registry table as Defender (the default) or Sentinel has it, under its own name. */
export function registrySchemas(variant: SchemaVariant = 'defender'): TableSchema[] {
  return TABLES.map((t) => ({
    name: t.name,
    columns: variant === 'sentinel' ? t.sentinelColumns : t.columns,
  }));
}

/** Kusto's schema notation with quoted names, e.g. "(['Timestamp']:datetime, ['DeviceId']:string)". */
export function schemaText(columns: readonly ColumnDef[]): string {
  return `(${columns.map((c) => `['${c.name}']:${c.type}`).join(', ')})`;
}

/** At most this many columns are suggested for an unknown name. */
const MAX_SUGGESTIONS = 3;

/**
 * Throws KqlSyntaxError for invalid syntax and KqlSemanticError for the first semantic error (unknown table,
 * column or function; an operator applied to the wrong types). Warnings do not stop a query. `tables` are the
 * schemas the query may read: a list, or every registry table in the given variant.
 */
export function checkQueryAgainstSchema(
  kql: string,
  tables: readonly TableSchema[] | SchemaVariant = 'defender',
): void {
  const { root } = parseKql(kql);
  const list = typeof tables === 'string' ? registrySchemas(tables) : tables;
  const schemas = list.map((t) => ({ name: t.name, schema: schemaText(t.columns) }));
  const error = analyzeRaw(kql, schemas).find((d) => d.severity === 'Error');
  if (!error) return;
  // The parser's wording for a name that is neither a column, a let nor a function in that place.
  const aboutColumn = error.message.includes('known column');
  const unknown = aboutColumn ? unknownColumnAt(kql, root, error.start) : undefined;
  const suggestions = unknown === undefined ? [] : nearestColumns(unknown, columnsInScope(kql, root, list));
  const hint = suggestions.length > 0 ? ` Did you mean ${orList(suggestions)}?` : '';
  throw new KqlSemanticError(`${error.message}${hint}`, positionAt(kql, error.start), suggestions);
}

/** The name a diagnostic at `offset` is about, when it is a plain name reference (not a function's name). */
function unknownColumnAt(text: string, root: KqlNode, offset: number): string | undefined {
  for (const node of descendants(root)) {
    if (node.kind === 'FunctionCallExpression') {
      const name = node.children.find((c) => c.name === 'Name')?.node;
      if (name?.start === offset) return undefined;
    }
    if (node.kind === 'NameReference' && node.start === offset) return nameOf({ text }, node);
  }
  return undefined;
}

/** The columns of the tables the query names, or of every table when it names none of them. */
function columnsInScope(text: string, root: KqlNode, tables: readonly TableSchema[]): string[] {
  const named = new Set<string>();
  for (const node of descendants(root)) {
    if (node.kind === 'NameReference') {
      const name = nameOf({ text }, node);
      if (tables.some((t) => t.name === name)) named.add(name);
    }
  }
  const used = named.size > 0 ? tables.filter((t) => named.has(t.name)) : tables;
  return [...new Set(used.flatMap((t) => t.columns.map((c) => c.name)))];
}

/**
 * Columns the unknown name most likely meant, best first: a different case of it; then columns that end with
 * it or that it ends with (AccountUpn → InitiatingProcessAccountUpn); then near misses by edit distance.
 */
export function nearestColumns(unknown: string, columns: readonly string[]): string[] {
  const lower = unknown.toLowerCase();
  const sameCase = columns.filter((c) => c.toLowerCase() === lower);
  if (sameCase.length > 0) return sameCase.slice(0, MAX_SUGGESTIONS);
  const suffix = columns
    .filter((c) => {
      const l = c.toLowerCase();
      return l.endsWith(lower) || lower.endsWith(l);
    })
    .sort((a, b) => Math.abs(a.length - unknown.length) - Math.abs(b.length - unknown.length));
  if (suffix.length > 0) return suffix.slice(0, MAX_SUGGESTIONS);
  const limit = Math.max(2, Math.floor(unknown.length / 4));
  return columns
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, MAX_SUGGESTIONS)
    .map((x) => x.c);
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function orList(names: readonly string[]): string {
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
