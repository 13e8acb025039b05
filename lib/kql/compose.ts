// Composes the queries a hunt run needs from the hunt's own KQL, working on the syntax tree and slicing the
// original text by node positions: the device summary (the hunt as written, plus exclusions), a per-day
// timeline, and the raw events, each with the hunt's lookback optionally rewritten.
import { KqlCompositionError } from './errors';
import { child, descendants, type KqlNode, listElements, requiredChild } from './kusto';
import { kqlString, kqlTimespan, readTimespanTicks } from './literal';
import { parseKql } from './parse';

export interface ComposeOptions {
  /** Replaces the hunt's own lookback (the X of its `now(-X)` / `ago(X)` window start). */
  lookbackMs?: number;
  /** KQL predicates; each becomes `| where not(<predicate>)` after the hunt's event stage. */
  exclusions?: readonly string[];
}

export interface ComposedHunt {
  /** The hunt's own query with exclusions inserted before its final summarize. */
  devices: string;
  /** Events per device and UTC day: `| summarize Count=count() by DeviceId, Day=bin(Timestamp, 1d)`. */
  timeline: string;
  /** The matching events themselves (prelude + event stage + exclusions). */
  events: string;
  /** The lookback in effect, in milliseconds. */
  lookbackMs: number;
  /** What the devices query's final summarize groups by and computes, read from its syntax tree. */
  summary: HuntSummaryShape;
}

/** One output column of the final summarize, named as Kusto names it. */
export interface SummaryAggregate {
  /** The output column, e.g. `FirstSeen`; undefined when Kusto's default name is not plain to read. */
  name: string | undefined;
  /** The aggregate function, lower case, e.g. `min`, `make_set`, `count`; undefined for an expression. */
  fn: string | undefined;
}

/** The final summarize of a hunt: its group keys (by) and its aggregates, in the order written. */
export interface HuntSummaryShape {
  /** The by-keys' column names, e.g. `['DeviceId', 'DeviceName', 'AccountUpn']`; undefined where unnamed. */
  keys: (string | undefined)[];
  aggregates: SummaryAggregate[];
}

/** The three parts of a hunt query, as text slices of the original. */
export interface HuntParts {
  /** The let statements and any comments before the pipeline. */
  prelude: string;
  /** The table and every operator before the final summarize. */
  eventStage: string;
  /** From the final pipe to the end of the query, e.g. `| summarize ... by DeviceId, DeviceName`. */
  finalSummarize: string;
}

/** Exclusions to one where: well inside the and-chain depth Kusto's parser accepts. */
export const EXCLUSIONS_PER_WHERE = 50;

const TIMELINE_SUMMARIZE = '| summarize Count=count() by DeviceId, Day=bin(Timestamp, 1d)';

// Kinds that would make an exclusion more than one scalar predicate.
const TABULAR_KINDS = new Set([
  'PipeExpression',
  'ToScalarExpression',
  'ToTableExpression',
  'MaterializeExpression',
  'DataTableExpression',
  'ContextualDataTableExpression',
  'ExternalDataExpression',
  'InlineExternalTableExpression',
  'DataScopeExpression',
  'ForkExpression',
]);

interface Window {
  /** The now(-X) / ago(X) call to rewrite, in the let or in the where. */
  call: KqlNode;
  style: 'now' | 'ago';
  lookbackMs: number;
}

interface HuntTree {
  text: string;
  lets: Map<string, KqlNode>;
  /** Where the pipeline (its first token) begins. */
  pipelineStart: number;
  /** The tabular expression before the final summarize. */
  eventStage: KqlNode;
  /** The final pipe token. */
  finalBar: KqlNode;
  eventOperators: KqlNode[];
  summary: HuntSummaryShape;
}

function fail(message: string): never {
  throw new KqlCompositionError(message);
}

function stripParens(node: KqlNode): KqlNode {
  let n = node;
  while (n.kind === 'ParenthesizedExpression') n = requiredChild(n, 'Expression');
  return n;
}

function tokenName(node: KqlNode): string | undefined {
  if (node.kind !== 'NameReference' && node.kind !== 'NameDeclaration') return undefined;
  const name = requiredChild(node, 'Name');
  return name.kind === 'TokenName' ? name.children[0]?.node.text : undefined;
}

function callOf(node: KqlNode): { name: string; args: KqlNode[] } | undefined {
  if (node.kind !== 'FunctionCallExpression') return undefined;
  const name = tokenName(requiredChild(node, 'Name'));
  if (name === undefined) return undefined;
  const list = child(node, 'ArgumentList');
  return { name, args: list ? listElements(child(list, 'Expressions')) : [] };
}

/** The operators of a pipeline, first to last. */
function pipelineOperators(node: KqlNode): KqlNode[] {
  const ops: KqlNode[] = [];
  let n = node;
  while (n.kind === 'PipeExpression') {
    ops.unshift(requiredChild(n, 'Operator'));
    n = requiredChild(n, 'Expression');
  }
  return ops;
}

// A server composes the same few hunts over and over; their trees are immutable, so parse each text once.
const TREE_CACHE_SIZE = 32;
const treeCache = new Map<string, HuntTree>();

function analyze(huntKql: string): HuntTree {
  const cached = treeCache.get(huntKql);
  if (cached) return cached;
  const tree = analyzeUncached(huntKql);
  if (treeCache.size >= TREE_CACHE_SIZE) treeCache.delete(treeCache.keys().next().value as string);
  treeCache.set(huntKql, tree);
  return tree;
}

function analyzeUncached(huntKql: string): HuntTree {
  const { root } = parseKql(huntKql);
  const lets = new Map<string, KqlNode>();
  let query: KqlNode | undefined;
  for (const statement of listElements(child(root, 'Statements'))) {
    if (query) fail('A hunt query has one pipeline, and it must come last.');
    if (statement.kind === 'LetStatement') {
      const name = tokenName(requiredChild(statement, 'Name')) ?? '';
      lets.set(name, requiredChild(statement, 'Expression'));
    } else if (statement.kind === 'ExpressionStatement') {
      query = requiredChild(statement, 'Expression');
    } else {
      fail(`A hunt query holds let statements and one pipeline, not a ${statement.kind}.`);
    }
  }
  if (!query) fail('The hunt query has no pipeline.');
  const finalOperator = query.kind === 'PipeExpression' ? requiredChild(query, 'Operator') : undefined;
  if (finalOperator?.kind !== 'SummarizeOperator') {
    fail('A hunt query must end with `| summarize ... by DeviceId, ...`.');
  }
  const eventStage = requiredChild(query, 'Expression');
  return {
    text: huntKql,
    lets,
    pipelineStart: query.start,
    eventStage,
    finalBar: requiredChild(query, 'Bar'),
    eventOperators: pipelineOperators(eventStage),
    summary: summaryShape(finalOperator),
  };
}

/** `Name = expr` gives Name; a plain column keeps its name, as does `bin(Column, …)` among the keys. */
function outputName(item: KqlNode, isKey: boolean): { name: string | undefined; expression: KqlNode } {
  if (item.kind === 'SimpleNamedExpression') {
    return { name: tokenName(requiredChild(item, 'Name')), expression: requiredChild(item, 'Expression') };
  }
  const n = stripParens(item);
  const plain = tokenName(n);
  if (plain !== undefined) return { name: plain, expression: item };
  const call = callOf(n);
  if (isKey && call && (call.name === 'bin' || call.name === 'floor') && call.args[0]) {
    return { name: tokenName(stripParens(call.args[0])), expression: item };
  }
  return { name: undefined, expression: item };
}

function summaryShape(summarize: KqlNode): HuntSummaryShape {
  const byClause = child(summarize, 'ByClause');
  const keys = listElements(byClause ? child(byClause, 'Expressions') : undefined).map(
    (item) => outputName(item, true).name,
  );
  const aggregates = listElements(child(summarize, 'Aggregates')).map((item) => {
    const { name, expression } = outputName(item, false);
    const fn = callOf(stripParens(expression))?.name.toLowerCase();
    return { name, fn };
  });
  return { keys, aggregates };
}

/** The final summarize's keys and aggregates, as the devices query computes them. */
export function huntSummaryShape(huntKql: string): HuntSummaryShape {
  return analyze(huntKql).summary;
}

/** `now(-X)` or `ago(X)` with X a timespan literal, directly or through one let. */
function lookbackCall(tree: HuntTree, node: KqlNode): Window | undefined {
  let n = stripParens(node);
  const name = tokenName(n);
  if (name !== undefined) {
    const bound = tree.lets.get(name);
    if (!bound) return undefined;
    n = stripParens(bound);
  }
  const call = callOf(n);
  if (call?.args.length !== 1) return undefined;
  let span = stripParens(call.args[0] as KqlNode);
  if (call.name === 'now') {
    if (span.kind !== 'UnaryMinusExpression') return undefined;
    span = stripParens(requiredChild(span, 'Expression'));
  } else if (call.name !== 'ago') {
    return undefined;
  }
  if (span.kind !== 'TimespanLiteralExpression') return undefined;
  const ticks = readTimespanTicks(requiredChild(span, 'Token').text);
  if (ticks === undefined || ticks <= 0n) return undefined;
  return { call: n, style: call.name === 'now' ? 'now' : 'ago', lookbackMs: Number(ticks) / 10_000 };
}

function isNow(tree: HuntTree, node: KqlNode): boolean {
  let n = stripParens(node);
  const name = tokenName(n);
  if (name !== undefined) n = stripParens(tree.lets.get(name) ?? n);
  const call = callOf(n);
  return call !== undefined && call.name === 'now' && call.args.length === 0;
}

function conjuncts(node: KqlNode): KqlNode[] {
  const n = stripParens(node);
  if (n.kind !== 'AndExpression') return [n];
  return [...conjuncts(requiredChild(n, 'Left')), ...conjuncts(requiredChild(n, 'Right'))];
}

/** The hunt's window: the first `where Timestamp between (<now(-X)|ago(X)> .. now())` of the event stage. */
function findWindow(tree: HuntTree): Window {
  for (const op of tree.eventOperators) {
    if (op.kind !== 'FilterOperator') continue;
    for (const term of conjuncts(requiredChild(op, 'Condition'))) {
      if (term.kind !== 'BetweenExpression') continue;
      if (tokenName(stripParens(requiredChild(term, 'Left'))) !== 'Timestamp') continue;
      const couple = requiredChild(term, 'Right');
      const window = lookbackCall(tree, requiredChild(couple, 'First'));
      if (window && isNow(tree, requiredChild(couple, 'Second'))) return window;
    }
  }
  return fail(
    'The hunt has no time window composition understands: expected `| where Timestamp between (now(-5d) .. now())`, ' +
      'with ago(5d) or a let bound to either as the start.',
  );
}

/**
 * Checks that an exclusion is exactly one scalar predicate and returns its text without surrounding
 * whitespace or comments, so it can be wrapped in `not(...)` without adding operators or statements.
 */
export function exclusionPredicate(predicate: string): string {
  const cached = predicateCache.get(predicate);
  if (cached !== undefined) {
    // Refreshed on use, so the exclusions every run composes stay while one-off texts age out.
    predicateCache.delete(predicate);
    predicateCache.set(predicate, cached);
    return cached;
  }
  const checked = checkPredicate(predicate);
  predicateCacheChars += predicate.length + checked.length;
  predicateCache.set(predicate, checked);
  for (const [text, value] of predicateCache) {
    if (predicateCacheChars <= PREDICATE_CACHE_CHARS) break;
    predicateCache.delete(text);
    predicateCacheChars -= text.length + value.length;
  }
  return checked;
}

// Every run composes each exclusion several times (devices, timeline, impact); the parse is the costly part,
// and its answer depends on the text alone. Bounded by characters, since a predicate may hold 100 long values.
const PREDICATE_CACHE_CHARS = 16 * 1024 * 1024;
const predicateCache = new Map<string, string>();
let predicateCacheChars = 0;

function checkPredicate(predicate: string): string {
  const { root } = parseKql(predicate);
  const statements = listElements(child(root, 'Statements'));
  const statement = statements[0];
  if (statements.length !== 1 || !statement || statement.kind !== 'ExpressionStatement') {
    fail('An exclusion must be one predicate, e.g. `ProcessCommandLine has "Update-Module"`.');
  }
  const expression = requiredChild(statement, 'Expression');
  for (const node of descendants(expression)) {
    if (TABULAR_KINDS.has(node.kind) || node.kind.endsWith('Operator')) {
      fail('An exclusion must be one predicate: it cannot contain query operators, pipes or subqueries.');
    }
  }
  return predicate.slice(expression.start, expression.end);
}

/** Splits a hunt query into prelude, event stage and final summarize (text slices of the original). */
export function splitHunt(huntKql: string): HuntParts {
  const tree = analyze(huntKql);
  return {
    prelude: huntKql.slice(0, tree.pipelineStart),
    eventStage: huntKql.slice(tree.pipelineStart, tree.eventStage.end),
    finalSummarize: huntKql.slice(tree.finalBar.start),
  };
}

/** Prelude and event stage, with the window's lookback rewritten when asked. */
function windowedHead(
  tree: HuntTree,
  lookbackOverride: number | undefined,
): { head: string; lookbackMs: number } {
  const window = findWindow(tree);
  let head = tree.text.slice(0, tree.eventStage.end);
  let lookbackMs = window.lookbackMs;
  if (lookbackOverride !== undefined) {
    if (!Number.isFinite(lookbackOverride) || lookbackOverride <= 0) {
      fail(`The lookback must be a positive number of milliseconds, not ${lookbackOverride}.`);
    }
    const span = kqlTimespan(lookbackOverride);
    const call = window.style === 'now' ? `now(-${span})` : `ago(${span})`;
    head = head.slice(0, window.call.start) + call + head.slice(window.call.end);
    lookbackMs = lookbackOverride;
  }
  return { head, lookbackMs };
}

/** Builds the device, timeline and event queries of a hunt; see ComposeOptions. */
export function composeHunt(huntKql: string, options: ComposeOptions = {}): ComposedHunt {
  const tree = analyze(huntKql);
  const eventEnd = tree.eventStage.end;
  const { head, lookbackMs } = windowedHead(tree, options.lookbackMs);

  // Exclusions go into as few wheres as the parser allows, each exclusion on its own line: `where not(a) and
  // not(b)` means what `where not(a) | where not(b)` means, and the engine plans one filter instead of one stage
  // per exclusion. Kusto's parser refuses and-chains deeper than a few hundred terms, so a where holds at most
  // EXCLUSIONS_PER_WHERE of them.
  const predicates = (options.exclusions ?? []).map(exclusionPredicate);
  let exclusions = '';
  for (let i = 0; i < predicates.length; i += EXCLUSIONS_PER_WHERE) {
    const chunk = predicates.slice(i, i + EXCLUSIONS_PER_WHERE);
    exclusions += `\n| where ${chunk.map((p) => `not(${p})`).join('\n    and ')}`;
  }
  const events = head + exclusions;
  const composed: ComposedHunt = {
    devices: events + huntKql.slice(eventEnd),
    timeline: `${events}\n${TIMELINE_SUMMARIZE}`,
    events,
    lookbackMs,
    summary: tree.summary,
  };

  // Belt and braces: the device query (which contains every other piece) must parse to the hunt's operators,
  // then wheres whose conditions are exactly one not(…) per exclusion joined by and, then the summarize;
  // anything else means an exclusion changed the query's structure.
  if (
    predicates.length &&
    !hasExclusionStage(composed.devices, tree.eventOperators.length, predicates.length)
  )
    fail('Composing the hunt changed its structure; check the exclusions.');
  return composed;
}

/**
 * The pipeline of `text` has `before` operators, then the wheres of `count` `not(…)` terms joined by `and`
 * (EXCLUSIONS_PER_WHERE to a where, the last one holding the rest), and one more operator.
 */
function hasExclusionStage(text: string, before: number, count: number): boolean {
  const { root } = parseKql(text);
  const statements = listElements(child(root, 'Statements'));
  const last = statements[statements.length - 1];
  if (last?.kind !== 'ExpressionStatement') return false;
  const ops = pipelineOperators(requiredChild(last, 'Expression'));
  const wheres = Math.ceil(count / EXCLUSIONS_PER_WHERE);
  if (ops.length !== before + wheres + 1) return false;
  for (let w = 0; w < wheres; w++) {
    const where = ops[before + w];
    const expected = Math.min(EXCLUSIONS_PER_WHERE, count - w * EXCLUSIONS_PER_WHERE);
    if (where?.kind !== 'FilterOperator' || notTerms(requiredChild(where, 'Condition')) !== expected)
      return false;
  }
  return true;
}

/** How many `not(…)` terms an and-chain joins, or -1 when a term is anything else. */
function notTerms(condition: KqlNode): number {
  // The and-chain leans left: walk its spine without recursion.
  let terms = 0;
  let node = condition;
  for (;;) {
    const term = node.kind === 'AndExpression' ? requiredChild(node, 'Right') : node;
    const call = callOf(term);
    if (call?.name !== 'not' || call.args.length !== 1) return -1;
    terms++;
    if (node.kind !== 'AndExpression') return terms;
    node = requiredChild(node, 'Left');
  }
}

/** The number of operators in the single pipeline of `text`. */
function operatorCount(text: string): number {
  const { root } = parseKql(text);
  const statements = listElements(child(root, 'Statements'));
  const last = statements[statements.length - 1];
  if (last?.kind !== 'ExpressionStatement') return -1;
  return pipelineOperators(requiredChild(last, 'Expression')).length;
}

export interface DeviceCount {
  /** The output column, an identifier such as `Removed_0`. */
  name: string;
  /** A predicate, checked like an exclusion; the column is `countif(<predicate>)` per device. */
  predicate: string;
}

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The hunt's event stage (window applied, no exclusions) summarized per device: `Total=count()` plus one
 * `countif` per requested column, `by DeviceId`. Lets one query measure many predicates at once.
 */
export function composeDeviceCounts(
  huntKql: string,
  { lookbackMs, counts }: { lookbackMs?: number; counts: readonly DeviceCount[] },
): string {
  const tree = analyze(huntKql);
  const { head } = windowedHead(tree, lookbackMs);
  const names = new Set(['Total', 'DeviceId']);
  const aggregates = counts.map(({ name, predicate }) => {
    if (!COLUMN_NAME.test(name) || names.has(name)) fail(`'${name}' cannot name a count column.`);
    names.add(name);
    return `${name}=countif(${exclusionPredicate(predicate)})`;
  });
  const query = `${head}\n| summarize ${['Total=count()', ...aggregates].join(', ')} by DeviceId`;
  if (operatorCount(query) !== tree.eventOperators.length + 1)
    fail("Composing the device counts changed the hunt's structure; check the predicates.");
  return query;
}

/** The name of the i-th predicate's group key in composeMatchGroups' query: `Match_<i>`. */
export const matchColumn = (i: number): string => `Match_${i}`;

/**
 * The hunt's event stage (window applied, no exclusions) grouped by device and by which predicates each event
 * satisfies: `| summarize Events=count() by DeviceId, Match_0=(<p0>), Match_1=(<p1>), …`. Each predicate
 * appears once, so the text grows with the predicates' own size, and a device with nothing excluded is one
 * row; whatever depends on combinations of predicates is then worked out from these rows.
 */
export function composeMatchGroups(
  huntKql: string,
  {
    lookbackMs,
    predicates,
    perDay = false,
  }: {
    lookbackMs?: number;
    predicates: readonly string[];
    /** Also by UTC day (`Day=bin(Timestamp, 1d)`), so that any run of whole days can be added up from it. */
    perDay?: boolean;
  },
): string {
  const tree = analyze(huntKql);
  const { head } = windowedHead(tree, lookbackMs);
  const keys = predicates.map((p, i) => `${matchColumn(i)}=(${exclusionPredicate(p)})`);
  const by = ['DeviceId', ...(perDay ? ['Day=bin(Timestamp, 1d)'] : []), ...keys];
  const query = `${head}\n| summarize Events=count() by ${by.join(', ')}`;
  if (operatorCount(query) !== tree.eventOperators.length + 1)
    fail("Composing the match groups changed the hunt's structure; check the predicates.");
  return query;
}

export interface DeviceEventsOptions extends ComposeOptions {
  /** The device whose events to list; written into the query only as a string literal. */
  deviceId: string;
  /** Result columns, in order; each must be a plain column name (the caller checks them against the schema). */
  columns: readonly string[];
  /** At most this many events, newest first. */
  limit: number;
}

export interface ComposedDeviceEvents {
  /** The device's newest events in the hunt's event stage (exclusions applied), projected to `columns`. */
  events: string;
  /** The same events counted: one row, one column `Count`. */
  count: string;
  lookbackMs: number;
}

/**
 * The events behind one device's row: the hunt's composed event stage (window and exclusions exactly as a run
 * composes them) plus `| where DeviceId == '<id>'`, then newest first (ReportId breaks ties, so a cut is
 * reproducible) and cut at `limit`; and the same filter with `| count` for the total.
 */
export function composeDeviceEvents(huntKql: string, options: DeviceEventsOptions): ComposedDeviceEvents {
  const { deviceId, columns, limit } = options;
  if (!Number.isSafeInteger(limit) || limit < 1)
    fail(`The event limit must be a positive integer, not ${limit}.`);
  if (columns.length === 0) fail('List at least one column to show.');
  for (const name of columns) if (!COLUMN_NAME.test(name)) fail(`'${name}' cannot name a column.`);
  const composed = composeHunt(huntKql, { lookbackMs: options.lookbackMs, exclusions: options.exclusions });
  const device = `${composed.events}\n| where DeviceId == ${kqlString(deviceId)}`;
  const events = `${device}\n| sort by Timestamp desc, ReportId desc\n| take ${limit}\n| project ${columns.join(', ')}`;
  const count = `${device}\n| count`;

  // The device filter, whatever the id holds, must add exactly one operator to the event stage.
  const stage = operatorCount(composed.events);
  if (operatorCount(count) !== stage + 2 || operatorCount(events) !== stage + 4)
    fail("Composing the device's events changed the hunt's structure.");
  return { events, count, lookbackMs: composed.lookbackMs };
}

/**
 * A hunt whose event stage is its table and wheres alone: the table, and what an event must satisfy besides
 * the hunt's window, as the hunt's own text. The sweep tags events with it; see filterOf.
 */
export interface HuntFilter {
  table: string;
  /** The where conditions other than the window term, each parenthesized, joined by `and`; `true` when none. */
  predicate: string;
  /**
   * Plain tests of a column against string literals (has, has_any, =~, in~, ==, startswith, endswith,
   * matches regex) whose disjunction every event the predicate matches satisfies: the predicate itself when
   * it is such a disjunction, else one of its conjuncts that is. A prefilter over many hunts merges them per
   * column and operator; the predicate still decides which hunts an event matches.
   */
  atoms?: readonly FilterAtom[];
}

/**
 * `Column op (values)`: `values` are the literals' text as written in the hunt, `strings` what they denote.
 * `in` stands for `==`, `regex` for `matches regex`; startswith and endswith are the case-insensitive ones.
 */
export interface FilterAtom {
  column: string;
  op: 'has_any' | 'in~' | 'in' | 'startswith' | 'endswith' | 'regex';
  values: readonly string[];
  strings: readonly string[];
}

/**
 * The hunt's filter, or why it has none the sweep can merge: lets read outside the window, operators other
 * than where, subqueries.
 */
export function filterOf(huntKql: string): HuntFilter | { reason: string } {
  const tree = analyze(huntKql);
  let base = tree.eventStage;
  while (base.kind === 'PipeExpression') base = requiredChild(base, 'Expression');
  const table = tokenName(stripParens(base));
  if (table === undefined) return { reason: 'its events come from an expression, not a table' };
  const other = tree.eventOperators.find((op) => op.kind !== 'FilterOperator');
  if (other) return { reason: `its event stage has a ${other.kind.replace(/Operator$/, '')} operator` };
  let windowTerm: KqlNode | undefined;
  const terms: KqlNode[] = [];
  for (const op of tree.eventOperators) {
    for (const term of conjuncts(requiredChild(op, 'Condition'))) {
      if (!windowTerm && isWindowTerm(tree, term)) windowTerm = term;
      else terms.push(term);
    }
  }
  if (!windowTerm) return { reason: 'it has no window `where Timestamp between (now(-X) .. now())`' };
  for (const term of terms) {
    for (const node of descendants(term)) {
      if (TABULAR_KINDS.has(node.kind) || node.kind.endsWith('Operator'))
        return { reason: 'its filter holds a subquery' };
      const name = tokenName(node);
      if (node.kind === 'NameReference' && name !== undefined && tree.lets.has(name))
        return { reason: `its filter reads the let '${name}'` };
    }
  }
  const slice = (n: KqlNode) => huntKql.slice(n.start, n.end);
  const predicate = terms.length ? terms.map((t) => `(${slice(t)})`).join(' and ') : 'true';
  // Any one conjunct made of plain tests will do: every event the whole filter matches satisfies it.
  let atoms: FilterAtom[] | undefined;
  for (const term of terms) {
    atoms = atomsOf(huntKql, term);
    if (atoms) break;
  }
  return atoms ? { table, predicate, atoms } : { table, predicate };
}

function isWindowTerm(tree: HuntTree, term: KqlNode): boolean {
  if (term.kind !== 'BetweenExpression') return false;
  if (tokenName(stripParens(requiredChild(term, 'Left'))) !== 'Timestamp') return false;
  const couple = requiredChild(term, 'Right');
  return (
    lookbackCall(tree, requiredChild(couple, 'First')) !== undefined &&
    isNow(tree, requiredChild(couple, 'Second'))
  );
}

const ATOM_KINDS: Record<string, FilterAtom['op']> = {
  HasExpression: 'has_any',
  HasAnyExpression: 'has_any',
  EqualTildeExpression: 'in~',
  InCsExpression: 'in~',
  EqualExpression: 'in',
  StartsWithExpression: 'startswith',
  EndsWithExpression: 'endswith',
  MatchesRegexExpression: 'regex',
};

/** The or-chain's terms as atoms, or undefined when one of them is anything else. */
function atomsOf(text: string, node: KqlNode): FilterAtom[] | undefined {
  const n = stripParens(node);
  if (n.kind === 'OrExpression') {
    const left = atomsOf(text, requiredChild(n, 'Left'));
    const right = left && atomsOf(text, requiredChild(n, 'Right'));
    return left && right ? [...left, ...right] : undefined;
  }
  let op = ATOM_KINDS[n.kind];
  // `in~` parses as InCsExpression only by its token; the case-sensitive `in` must stay out.
  if (n.kind === 'InCsExpression' && requiredChild(n, 'Operator').text !== 'in~') op = undefined;
  if (op === undefined) return undefined;
  const column = tokenName(stripParens(requiredChild(n, 'Left')));
  if (column === undefined) return undefined;
  const right = requiredChild(n, 'Right');
  const items = right.kind === 'ExpressionList' ? listElements(child(right, 'Expressions')) : [right];
  const values: string[] = [];
  const strings: string[] = [];
  for (const item of items) {
    const literal = stripParens(item);
    if (literal.kind !== 'StringLiteralExpression') return undefined;
    const value = requiredChild(literal, 'Token').stringValue;
    if (value === undefined) return undefined;
    values.push(text.slice(literal.start, literal.end));
    strings.push(value);
  }
  return values.length ? [{ column, op, values, strings }] : undefined;
}
