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
 * merged per column and operator (one `has_any` and one `in~` list per column, which the engines run as one
 * regex or one hash lookup), or'ed with the filters of the hunts that are not plain tests.
 */
export function prefilterOf(hunts: readonly SweepHuntFilter[]): string {
  const merged = new Map<string, { column: string; op: FilterAtom['op']; values: Set<string> }>();
  const others: string[] = [];
  for (const hunt of hunts) {
    if (!hunt.atoms) {
      others.push(hunt.predicate);
      continue;
    }
    for (const atom of hunt.atoms) {
      const key = `${atom.op}\u0000${atom.column}`;
      const entry = merged.get(key) ?? { column: atom.column, op: atom.op, values: new Set<string>() };
      for (const v of atom.values) entry.values.add(v);
      merged.set(key, entry);
    }
  }
  const terms = [
    ...[...merged.values()].map((m) => `${m.column} ${m.op} (${[...m.values].join(', ')})`),
    ...others,
  ];
  return balanced(terms, 'or');
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
