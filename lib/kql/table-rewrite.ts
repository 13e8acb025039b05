// Rewrites a hunt for where a copy of DeviceProcessEvents lives, on the syntax tree and by slicing the original
// text at node positions, so that everything else (comments, layout, literals) stays exactly as written:
// - Sentinel's copy is partitioned and retained by TimeGenerated, and its queries filter on that column;
// - an Azure Data Explorer export may keep the table under another name.
import { KqlCompositionError } from './errors';
import { child, descendants, type KqlNode } from './kusto';
import { parseKql } from './parse';

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** The name a NameReference or NameDeclaration stands for: `Name` or `['Name']`. */
function nameOf(node: KqlNode): string | undefined {
  if (node.kind !== 'NameReference' && node.kind !== 'NameDeclaration') return undefined;
  const name = child(node, 'Name');
  if (name?.kind === 'TokenName') return name.children[0]?.node.text;
  if (name?.kind === 'BracketedName') return child(name, 'Name')?.children[0]?.node.stringValue;
  return undefined;
}

function apply(text: string, replacements: Replacement[]): string {
  let out = text;
  // From the end, so that earlier offsets stay valid.
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.text + out.slice(r.end);
  }
  return out;
}

/** Where the query first declares `name` itself (let, extend, project, summarize ... =); Infinity if never. */
function firstDeclaration(root: KqlNode, name: string): number {
  let first = Number.POSITIVE_INFINITY;
  for (const node of descendants(root)) {
    if (node.kind === 'NameDeclaration' && nameOf(node) === name) first = Math.min(first, node.start);
  }
  return first;
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
 * The query with every reference to the table `from` pointing at `to` instead, unless the query binds `from`
 * itself with a let (then it means its own thing).
 */
export function renameTable(kql: string, from: string, to: string): string {
  if (from === to) return kql;
  const replacement = tableNameText(to);
  const { root } = parseKql(kql);
  if (firstDeclaration(root, from) !== Number.POSITIVE_INFINITY) return kql;
  const replacements: Replacement[] = [];
  for (const node of descendants(root)) {
    if (node.kind === 'NameReference' && nameOf(node) === from) {
      replacements.push({ start: node.start, end: node.end, text: replacement });
    }
  }
  return apply(kql, replacements);
}
