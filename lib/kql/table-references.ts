// Which tables a query reads, from its syntax tree: the names it references that the query does not bind
// itself. A hunt's tables (and so its evidence columns and exclusion fields) come from here, never from text.
import { TABLE_NAMES } from '@/lib/tables/registry';
import { child, descendants, type KqlNode } from './kusto';
import { parseKql } from './parse';

/** The name a NameReference or NameDeclaration stands for: `Name` or `['Name']`. */
export function referencedName(node: KqlNode): string | undefined {
  if (node.kind !== 'NameReference' && node.kind !== 'NameDeclaration') return undefined;
  const name = child(node, 'Name');
  if (name?.kind === 'TokenName') return name.children[0]?.node.text;
  if (name?.kind === 'BracketedName') return child(name, 'Name')?.children[0]?.node.stringValue;
  return undefined;
}

/** Where the query first declares `name` itself (let, extend, project, summarize ... =); Infinity if never. */
export function firstDeclaration(root: KqlNode, name: string): number {
  let first = Number.POSITIVE_INFINITY;
  for (const node of descendants(root)) {
    if (node.kind === 'NameDeclaration' && referencedName(node) === name) first = Math.min(first, node.start);
  }
  return first;
}

/**
 * The registry tables `kql` reads, each once, in the order the query first mentions them. A name the query
 * binds with a let means its own thing and is not counted. Throws KqlSyntaxError for invalid syntax.
 */
export function queryTables(kql: string, known: readonly string[] = TABLE_NAMES): string[] {
  const { root } = parseKql(kql);
  const found: string[] = [];
  for (const node of descendants(root)) {
    if (node.kind !== 'NameReference') continue;
    const name = referencedName(node);
    if (name === undefined || found.includes(name) || !known.includes(name)) continue;
    if (firstDeclaration(root, name) !== Number.POSITIVE_INFINITY) continue;
    found.push(name);
  }
  return found;
}
