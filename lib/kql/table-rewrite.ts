// Rewrites a hunt for where a copy of the registry's tables lives, on the syntax tree and by slicing the
// original text at node positions, so that everything else (comments, layout, literals) stays exactly as written:
// - Sentinel's copies are partitioned and retained by TimeGenerated, and their queries filter on that column;
// - an Azure Data Explorer export may keep each table under another name.
import { KqlCompositionError } from './errors';
import { child, descendants } from './kusto';
import { parseKql } from './parse';
import { firstDeclaration, referencedName as nameOf } from './table-references';

interface Replacement {
  start: number;
  end: number;
  text: string;
}

function apply(text: string, replacements: Replacement[]): string {
  let out = text;
  // From the end, so that earlier offsets stay valid.
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.text + out.slice(r.end);
  }
  return out;
}

const TIME_COLUMN = 'Timestamp';
const SENTINEL_TIME_COLUMN = 'TimeGenerated';

/**
 * The query as Sentinel should run it: every reference to the `Timestamp` column inside a `where` condition
 * becomes `TimeGenerated`, the column Sentinel's copy of the table is partitioned, retained and time-ranged by.
 * Projections and aggregations keep `Timestamp` (the event's own time, which Sentinel's copy also has), so
 * the result has the same columns and meaning. A `Timestamp` the query declares itself is its own business:
 * filters after that point are left alone.
 */
export function toSentinelTimeFilters(kql: string): string {
  const { root } = parseKql(kql);
  const declared = firstDeclaration(root, TIME_COLUMN);
  const replacements: Replacement[] = [];
  for (const node of descendants(root)) {
    if (node.kind !== 'FilterOperator' || node.start > declared) continue;
    const condition = child(node, 'Condition');
    if (!condition) continue;
    for (const ref of descendants(condition)) {
      if (ref.kind === 'NameReference' && nameOf(ref) === TIME_COLUMN && ref.start < declared) {
        replacements.push({ start: ref.start, end: ref.end, text: SENTINEL_TIME_COLUMN });
      }
    }
  }
  return apply(kql, replacements);
}

/** A table name written as KQL: plain when it is an identifier, else bracketed with a quoted literal. */
function tableNameText(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  // The only characters a table name may have besides identifier ones (Kusto's entity naming rules).
  if (!/^[A-Za-z0-9_ .-]+$/.test(name)) throw new KqlCompositionError(`'${name}' is not a valid table name.`);
  return `['${name}']`;
}

/**
 * The query with every reference to a table named in `names` (query name → target name) pointing at its
 * target instead, in one pass, so that swapped names cannot chain. A table the query binds itself with a let
 * means its own thing and is left alone.
 */
export function renameTables(kql: string, names: Readonly<Record<string, string>>): string {
  const targets = new Map<string, string>();
  for (const [from, to] of Object.entries(names)) if (from !== to) targets.set(from, tableNameText(to));
  if (targets.size === 0) return kql;
  const { root } = parseKql(kql);
  for (const from of targets.keys()) {
    if (firstDeclaration(root, from) !== Number.POSITIVE_INFINITY) targets.delete(from);
  }
  const replacements: Replacement[] = [];
  for (const node of descendants(root)) {
    const name = node.kind === 'NameReference' ? nameOf(node) : undefined;
    const text = name === undefined ? undefined : targets.get(name);
    if (text !== undefined) replacements.push({ start: node.start, end: node.end, text });
  }
  return apply(kql, replacements);
}

/** renameTables for one table. */
export function renameTable(kql: string, from: string, to: string): string {
  return renameTables(kql, { [from]: to });
}
