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
 * merged per column, or'ed with the filters of the hunts that are not plain tests. Each event is then tested
 * against a few merged terms instead of one test per hunt. The prefilter may let more through than the hunts
 * match, never fewer: the hunts' own filters decide which hunt an event belongs to.
 */
export function prefilterOf(hunts: readonly SweepHuntFilter[]): string {
  const columns = new Map<string, Map<FilterAtom['op'], Map<string, string>>>();
  const others: string[] = [];
  for (const hunt of hunts) {
    if (!hunt.atoms) {
      others.push(hunt.predicate);
      continue;
    }
    for (const atom of hunt.atoms) {
      const ops = columns.get(atom.column) ?? new Map<FilterAtom['op'], Map<string, string>>();
      const values = ops.get(atom.op) ?? new Map<string, string>();
      for (const [i, value] of atom.strings.entries()) values.set(value, atom.values[i] as string);
      ops.set(atom.op, values);
      columns.set(atom.column, ops);
    }
  }
  const terms = [...[...columns].flatMap(([column, ops]) => columnTerms(column, ops)), ...others];
  return balanced(terms, 'or');
}

const ASCII = /^[^\u0080-\uffff]*$/;
const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a case-insensitive needle of each operator sits in the column's one case-insensitive regex. */
const CASE_INSENSITIVE: Partial<Record<FilterAtom['op'], (alternation: string) => string>> = {
  // Without its term boundaries: a plain alternation lets through a few more events, and costs far less.
  has_any: (a) => a,
  'in~': (a) => `^${a}$`,
  startswith: (a) => `^${a}`,
  endswith: (a) => `${a}$`,
};

/**
 * A needle's lower case as a pattern of the column's case-insensitive regex. RE2's `(?i)` folds a letter with
 * its other cases, as lower casing the column would, save one: lower casing turns `İ` (U+0130) into `i`, which
 * `(?i)i` does not match, so `i` also accepts it. What `(?i)` folds beyond lower casing (`ſ` with `s`) only lets
 * a few more events through.
 */
const foldedNeedle = (value: string) => regexEscape(value.toLowerCase()).replaceAll('i', '[iİ]');

/**
 * A column's merged terms. Its case-insensitive needles (has, =~, in~, startswith, endswith) become one `(?i)`
 * regex on the column: one pass per event whatever the number of hunts, and no lower-cased copy of every
 * event's value. Only ASCII needles merge so, since their lower case is the same in every engine, and never the
 * empty one, which matches an empty or null column; the others stay in a list or a test of their own. `==`
 * values make one `in` list; patterns one alternation, unless one names its groups (names may repeat across
 * hunts).
 */
function columnTerms(column: string, ops: Map<FilterAtom['op'], Map<string, string>>): string[] {
  const terms: string[] = [];
  const folded: string[] = [];
  for (const [op, values] of ops) {
    const texts = (keep: (value: string) => boolean) =>
      [...values].filter(([value]) => keep(value)).map(([, text]) => text);
    const place = CASE_INSENSITIVE[op];
    const mergeable = (value: string) => place !== undefined && value !== '' && ASCII.test(value);
    if (place) {
      const merged = [...values.keys()].filter(mergeable);
      if (merged.length) folded.push(place(`(?:${merged.map(foldedNeedle).join('|')})`));
    }
    const rest = texts((value) => !mergeable(value));
    if (rest.length === 0) continue;
    if (op === 'has_any' || op === 'in~' || op === 'in') terms.push(`${column} ${op} (${rest.join(', ')})`);
    else if (op === 'regex' && rest.length > 1 && ![...values.keys()].some((p) => /\(\?P?</.test(p)))
      terms.push(`${column} matches regex ${kqlString([...values.keys()].map((p) => `(?:${p})`).join('|'))}`);
    else terms.push(...rest.map((text) => `${column} ${op === 'regex' ? 'matches regex' : op} ${text}`));
  }
  if (folded.length) terms.unshift(`${column} matches regex ${kqlString(`(?i)${folded.join('|')}`)}`);
  return terms;
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
