// Composes the fleet sweep's query for one table: every hunt's filter (its own text, from its syntax tree) tags
// the events it matches with the hunt's id, in one pass over the window; one summarize then gives, per hunt,
// device and UTC day, the first and last event and the count. See docs/catalog.md, "Sweep".

import type { FilterAtom } from './compose';
import { KqlCompositionError } from './errors';
import { kqlString, kqlTimespan } from './literal';

export interface SweepHuntFilter {
  id: string;
  /** The hunt's filter, as filterOf gives it (the hunt's text), and any exclusions already joined to it. */
  predicate: string;
  /** Plain tests every event the filter matches satisfies one of (see HuntFilter): the prefilter merges these. */
  atoms?: readonly FilterAtom[];
  /** A window shorter than the sweep's: `Timestamp >= now(-X)` joins the hunt's filter. */
  lookbackMs?: number;
}

export interface SweepQueryOptions {
  table: string;
  lookbackMs: number;
  hunts: readonly SweepHuntFilter[];
}

/** The columns each row of a sweep query has. */
export const SWEEP_COLUMNS = ['HuntId', 'DeviceId', 'DeviceName', 'Day', 'FirstSeen', 'LastSeen', 'Count'];

/**
 * `a or b or c ...` as a balanced tree of parentheses: Kusto's parser refuses and/or chains a few hundred
 * deep, and a sweep joins one term per hunt.
 */
export function balanced(terms: readonly string[], op: 'or' | 'and'): string {
  if (terms.length === 0) throw new KqlCompositionError('Nothing to join.');
  if (terms.length === 1) return terms[0] as string;
  const mid = Math.ceil(terms.length / 2);
  return `(${balanced(terms.slice(0, mid), op)})\n    ${op} (${balanced(terms.slice(mid), op)})`;
}

/**
 * What an event must satisfy to match any of the hunts, as cheaply as possible: the plain tests of all hunts
 * merged per column and operator (one `in~` and one `in` list per column, which the engines run as one regex or
 * one hash lookup; one regex per column for its has needles, prefixes, suffixes or patterns), or'ed with
 * the filters of the hunts that are not plain tests. Each event is then tested against a few merged terms
 * instead of one test per hunt. The prefilter may let more through than the hunts match, never less: the
 * hunts' own filters decide which hunt an event belongs to.
 */
export function prefilterOf(hunts: readonly SweepHuntFilter[]): string {
  const merged = new Map<string, { column: string; op: FilterAtom['op']; values: Map<string, string> }>();
  const others: string[] = [];
  for (const hunt of hunts) {
    if (!hunt.atoms) {
      others.push(hunt.predicate);
      continue;
    }
    for (const atom of hunt.atoms) {
      const key = `${atom.op}\u0000${atom.column}`;
      const entry = merged.get(key) ?? { column: atom.column, op: atom.op, values: new Map() };
      for (const [i, value] of atom.strings.entries()) entry.values.set(value, atom.values[i] as string);
      merged.set(key, entry);
    }
  }
  const terms = [...[...merged.values()].flatMap(mergedTerms), ...others];
  return balanced(terms, 'or');
}

const ASCII = /^[^\u0080-\uffff]*$/;
const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One merged term, or the tests one by one where merging would change what matches. Prefixes and suffixes
 * become one regex on `tolower()` of the column, so only ASCII needles (whose lower case is the same in every
 * engine) merge, and never the empty needle (which matches an empty or null column). Patterns merge into one
 * alternation unless one names its groups (names may repeat across hunts).
 */
function mergedTerms({
  column,
  op,
  values,
}: {
  column: string;
  op: FilterAtom['op'];
  values: Map<string, string>;
}): string[] {
  const strings = [...values.keys()];
  const one = (text: string) => `${column} ${op === 'regex' ? 'matches regex' : op} ${text}`;
  switch (op) {
    case 'has_any':
      // Without its term boundaries: a plain alternation lets through a few more events, and costs far less.
      if (strings.every((v) => v !== '' && ASCII.test(v)))
        return [
          `tolower(${column}) matches regex ${kqlString(`(?:${strings.map((v) => regexEscape(v.toLowerCase())).join('|')})`)}`,
        ];
      return [`${column} has_any (${[...values.values()].join(', ')})`];
    case 'in~':
    case 'in':
      return [`${column} ${op} (${[...values.values()].join(', ')})`];
    case 'startswith':
    case 'endswith': {
      if (strings.length < 2 || !strings.every((v) => v !== '' && ASCII.test(v)))
        return [...values.values()].map(one);
      const alternation = `(?:${strings.map((v) => regexEscape(v.toLowerCase())).join('|')})`;
      const pattern = op === 'startswith' ? `^${alternation}` : `${alternation}$`;
      return [`tolower(${column}) matches regex ${kqlString(pattern)}`];
    }
    case 'regex':
      if (strings.length < 2 || strings.some((p) => /\(\?P?</.test(p))) return [...values.values()].map(one);
      return [`${column} matches regex ${kqlString(strings.map((p) => `(?:${p})`).join('|'))}`];
  }
}

export function composeSweepQuery({ table, lookbackMs, hunts }: SweepQueryOptions): string {
  if (!hunts.length) throw new KqlCompositionError(`No hunt reads ${table}.`);
  const span = kqlTimespan(lookbackMs);
  const tags = hunts.map((h) => {
    const own =
      h.lookbackMs !== undefined
        ? `(Timestamp >= now(-${kqlTimespan(h.lookbackMs)})) and (${h.predicate})`
        : h.predicate;
    return `iff(${own}, ${kqlString(h.id)}, '')`;
  });
  return [
    table,
    `| where Timestamp between (now(-${span}) .. now())`,
    `| where ${prefilterOf(hunts)}`,
    `| mv-expand HuntId = pack_array(\n    ${tags.join(',\n    ')}) to typeof(string)`,
    `| where HuntId != ''`,
    '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Count=count()',
    '    by HuntId, DeviceId, DeviceName, Day=bin(Timestamp, 1d)',
  ].join('\n');
}
