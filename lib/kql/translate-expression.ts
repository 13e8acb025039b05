// Translates one KQL scalar expression (a syntax-tree node) into a typed DuckDB SQL expression, folding
// everything known at translation time (literals, lets, now(), ago()) into SQL literals so DuckDB can
// prune by them. Kusto's null rules are kept: strings are never null (a SQL NULL string acts as ''), and a
// where-filter passes a row only when the predicate is true.
import { ConditionCache, type ConditionReads, type Kept } from './condition-cache';
import { KqlSemanticError, KqlUnsupportedError } from './errors';
import { child, type KqlNode, listElements, requiredChild } from './kusto';
import {
  joinSql,
  readDatetimeTicks,
  readTimespanTicks,
  sqlInterval,
  sqlString,
  sqlTimestamp,
} from './literal';
import { positionAt } from './parse';
import { scopedExclusionsSql } from './scoped-match';
import {
  hasAnyMergedSql,
  hasAnyOfSubquerySql,
  matchesEmptyString,
  type StringOperator,
  stringMatchSql,
} from './string-match';

export type ScalarType = 'string' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan' | 'dynamic';

/**
 * What a dynamic value is known to hold, when the translator made it: 'strings' is a DuckDB VARCHAR[] (from
 * split()), 'string' a VARCHAR that may be NULL for Kusto's dynamic null (an element of such an array).
 * Dynamic values without a shape (dynamic columns, make_set results) are not read by scalar functions.
 */
export type DynamicShape = 'strings' | 'string';

/** A value known at translation time. long: bigint; real: number; datetime: µs since 1970; timespan: µs. */
export type ConstantValue = string | bigint | number | boolean | null;

export interface SqlValue {
  readonly type: ScalarType;
  readonly sql: string;
  /** The SQL may be NULL. For a string that NULL means ''; for a bool see `nullMeansFalse`. */
  readonly nullable: boolean;
  /**
   * bool only: a SQL NULL here stands for Kusto `false` (e.g. `x has 'a'` on a NULL string). It lets
   * predicates stay in the plain form DuckDB pushes into scans; not() and value positions resolve it.
   */
  readonly nullMeansFalse: boolean;
  /** Set when the value is known at translation time (boxed, since null is a value). */
  readonly constant?: { readonly value: ConstantValue };
  /** dynamic only: what the value holds, when known. */
  readonly shape?: DynamicShape;
  /** bool only: the value is a has / has_cs / has_any test on constant needles, or its not(). */
  readonly hasTest?: HasTest;
  /** bool only: the value is `a and b` (or `a or b`) of these two, each true or false, never a Kusto null. */
  readonly junction?: { readonly op: 'AND' | 'OR'; readonly operands: readonly [SqlValue, SqlValue] };
  /** bool only: the value is `s == 'c'` for a string s and a constant c other than ''. */
  readonly equals?: { readonly subject: SqlValue; readonly value: string };
  /** bool only: the value is `s == 'c' and condition`, or its not(): e.g. an exclusion scoped to one device. */
  readonly scoped?: Scoped;
}

/** A condition that holds only where a string equals a constant (scoped-match.ts). */
interface Scoped {
  readonly subject: SqlValue;
  readonly value: string;
  readonly condition: SqlValue;
  readonly negated: boolean;
}

/** What lets a chain of and/or merge several has tests on one subject into one regex. */
interface HasTest {
  readonly subject: SqlValue;
  readonly needles: readonly string[];
  readonly caseSensitive: boolean;
  readonly negated: boolean;
}

export interface ColumnInfo {
  readonly name: string;
  readonly type: ScalarType;
  readonly nullable: boolean;
  /** How to reference it: the quoted column, or the inlined expression of a column defined earlier in the same extend. */
  readonly sql: string;
  readonly shape?: DynamicShape;
}

/** The first column of a tabular expression, for `in` / `has_any` over it: SQL of a table and the column. */
export interface SubqueryColumn {
  /** A table expression to select from (a CTE name). */
  readonly from: string;
  /** The quoted column. */
  readonly column: string;
  readonly type: ScalarType;
  /** The column's values, when known at translation time (a datatable). */
  readonly values?: readonly ConstantValue[];
}

export interface ExpressionScope {
  readonly text: string;
  readonly nowMicros: bigint;
  readonly columns: ReadonlyMap<string, ColumnInfo>;
  readonly lets: Pick<ReadonlyMap<string, SqlValue>, 'get'>;
  /**
   * The tabular expression `node` stands for (a pipeline, a datatable, a table or a tabular let), translated,
   * or undefined when `node` is a scalar. Absent where no tabular expression may appear.
   */
  readonly subquery?: (node: KqlNode) => SubqueryColumn | undefined;
  /**
   * Where a stage computes it once per row: the subject with its letters and digits outside ASCII told apart
   * from its other characters outside ASCII (termShadowSql), so that each has test on it can use a regex of
   * ASCII classes. Absent where no stage offers it.
   */
  readonly termShadow?: (subjectSql: string) => string;
}

const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;
const AGGREGATES = new Set([
  'count',
  'countif',
  'dcount',
  'min',
  'max',
  'sum',
  'avg',
  'make_set',
  'make_set_if',
  'make_list',
  'arg_max',
  'arg_min',
]);

export const SQL_TYPES: Record<ScalarType, string> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  real: 'DOUBLE',
  bool: 'BOOLEAN',
  datetime: 'TIMESTAMP',
  timespan: 'INTERVAL',
  dynamic: 'JSON',
};

export function unsupported(scope: { text: string }, construct: string, node: KqlNode): KqlUnsupportedError {
  return new KqlUnsupportedError(construct, positionAt(scope.text, node.start));
}

export function semantic(scope: { text: string }, message: string, node: KqlNode): KqlSemanticError {
  return new KqlSemanticError(message, positionAt(scope.text, node.start));
}

// ---------------------------------------------------------------------------------------------------------
// Constants

function constant(type: ScalarType, value: ConstantValue): SqlValue {
  const base = { type, nullable: value === null, nullMeansFalse: false, constant: { value } };
  if (value === null) return { ...base, sql: `CAST(NULL AS ${SQL_TYPES[type]})` };
  switch (type) {
    case 'string':
      return { ...base, sql: sqlString(value as string) };
    case 'long':
      return { ...base, sql: `CAST(${value} AS BIGINT)` };
    case 'real': {
      const n = value as number;
      if (!Number.isFinite(n))
        return { ...base, sql: `CAST('${n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan'}' AS DOUBLE)` };
      return { ...base, sql: `CAST(${String(n)} AS DOUBLE)` };
    }
    case 'bool':
      return { ...base, sql: value ? 'TRUE' : 'FALSE' };
    case 'datetime':
      return { ...base, sql: sqlTimestamp(value as bigint) };
    case 'timespan':
      return { ...base, sql: sqlInterval(value as bigint) };
    case 'dynamic':
      throw new Error('dynamic constants are not produced');
  }
}

function checkedLong(scope: ExpressionScope, value: bigint, node: KqlNode): SqlValue {
  if (value < MIN_LONG || value > MAX_LONG) throw semantic(scope, 'The long value overflows 64 bits', node);
  return constant('long', value);
}

// ---------------------------------------------------------------------------------------------------------
// Value positions

/** The SQL for using `v` as a value: a NULL string becomes '', a "NULL means false" predicate becomes false. */
export function valueSql(v: SqlValue): string {
  if (v.type === 'string' && v.nullable && !v.constant) return `coalesce(${v.sql}, '')`;
  if (v.type === 'bool' && v.nullable && v.nullMeansFalse) return `coalesce(${v.sql}, FALSE)`;
  return v.sql;
}

/** `v` as a value: strings never NULL, bools NULL only for a Kusto null. */
export function asValue(v: SqlValue): SqlValue {
  const sql = valueSql(v);
  if (sql === v.sql) return v;
  return { ...v, sql, nullable: false, nullMeansFalse: false, hasTest: undefined };
}

function definite(sql: string): SqlValue {
  return { type: 'bool', sql, nullable: false, nullMeansFalse: false };
}

function predicate(sql: string, nullable: boolean, nullMeansFalse: boolean): SqlValue {
  return { type: 'bool', sql, nullable, nullMeansFalse: nullable && nullMeansFalse };
}

function constantOf(v: SqlValue): ConstantValue | undefined {
  return v.constant ? v.constant.value : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Syntax helpers

/** The name a NameReference or NameDeclaration spells: an identifier, a keyword used as a name, or ['quoted']. */
export function nameOf(scope: { text: string }, node: KqlNode): string {
  const name =
    node.kind === 'NameReference' || node.kind === 'NameDeclaration' ? requiredChild(node, 'Name') : node;
  if (name.kind === 'TokenName') {
    const token = name.children[0]?.node;
    if (token) return token.text;
  }
  if (name.kind === 'BracketedName') {
    const literal = requiredChild(name, 'Name');
    const value = literal.children[0]?.node.stringValue;
    if (value !== undefined) return value;
  }
  throw unsupported(scope, `name of kind ${name.kind}`, node);
}

function operatorText(scope: { text: string }, node: KqlNode): string {
  const op = child(node, 'Operator');
  if (!op) return node.kind;
  return scope.text.slice(op.start, op.end);
}

/** The argument expressions of a FunctionCallExpression. */
export function callArguments(node: KqlNode): KqlNode[] {
  const list = child(node, 'ArgumentList');
  return list ? listElements(child(list, 'Expressions')) : [];
}

/** The function name of a FunctionCallExpression. */
export function callName(scope: { text: string }, node: KqlNode): string {
  return nameOf(scope, requiredChild(node, 'Name'));
}

function stripParens(node: KqlNode): KqlNode {
  let n = node;
  while (n.kind === 'ParenthesizedExpression') n = requiredChild(n, 'Expression');
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Literals

function literalToken(node: KqlNode): KqlNode {
  return requiredChild(node, 'Token');
}

function compileLiteral(scope: ExpressionScope, node: KqlNode): SqlValue | undefined {
  switch (node.kind) {
    case 'StringLiteralExpression': {
      const value = literalToken(node).stringValue;
      if (value === undefined) throw unsupported(scope, 'string literal', node);
      return constant('string', value);
    }
    case 'CompoundStringLiteralExpression': {
      // Adjacent literals ('a' "b") are one string in Kusto.
      let value = '';
      for (const { node: token } of requiredChild(node, 'Tokens').children) {
        if (token.stringValue === undefined) throw unsupported(scope, 'string literal', token);
        value += token.stringValue;
      }
      return constant('string', value);
    }
    case 'LongLiteralExpression':
    case 'IntLiteralExpression': {
      const text = literalToken(node).valueText.trim();
      if (text === 'null') return constant('long', null);
      const digits = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
      if (digits === '' || ![...digits].every((ch) => ch >= '0' && ch <= '9')) {
        throw unsupported(scope, `long literal '${text}'`, node);
      }
      return checkedLong(scope, BigInt(text.startsWith('+') ? digits : text), node);
    }
    case 'RealLiteralExpression': {
      const text = literalToken(node).valueText.trim();
      if (text === 'null') return constant('real', null);
      const allowed = [...text].every((ch) => (ch >= '0' && ch <= '9') || '.eE+-'.includes(ch));
      const value = Number(text);
      if (!allowed || text === '' || !Number.isFinite(value))
        throw unsupported(scope, `real literal '${text}'`, node);
      return constant('real', value);
    }
    case 'BooleanLiteralExpression': {
      const text = literalToken(node).valueText.trim().toLowerCase();
      if (text === 'null') return constant('bool', null);
      if (text === 'true' || text === 'false') return constant('bool', text === 'true');
      throw unsupported(scope, `bool literal '${text}'`, node);
    }
    case 'DateTimeLiteralExpression': {
      const text = literalToken(node).valueText.trim();
      if (text === 'null') return constant('datetime', null);
      const ticks = readDatetimeTicks(text);
      if (ticks === undefined)
        throw unsupported(scope, `datetime literal format '${text}' (use ISO 8601)`, node);
      if (ticks % 10n !== 0n) throw unsupported(scope, 'datetime literal finer than a microsecond', node);
      return constant('datetime', ticks / 10n);
    }
    case 'TimespanLiteralExpression': {
      const token = literalToken(node);
      if (token.valueText.trim() === 'null') return constant('timespan', null);
      const ticks = readTimespanTicks(token.text);
      if (ticks === undefined) throw unsupported(scope, `timespan literal '${token.text}'`, node);
      if (ticks % 10n !== 0n) throw unsupported(scope, 'timespan literal finer than a microsecond', node);
      return constant('timespan', ticks / 10n);
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Logic

function requireBool(scope: ExpressionScope, v: SqlValue, node: KqlNode, what: string): void {
  if (v.type !== 'bool') throw semantic(scope, `${what} must be a bool expression, not ${v.type}`, node);
}

/** Kusto not(): false<->true, and a Kusto null stays null. */
export function notOf(v: SqlValue): SqlValue {
  const negated = notOfPlain(v);
  return {
    ...negated,
    ...(v.hasTest && { hasTest: { ...v.hasTest, negated: !v.hasTest.negated } }),
    ...(v.scoped && { scoped: { ...v.scoped, negated: !v.scoped.negated } }),
  };
}

function notOfPlain(v: SqlValue): SqlValue {
  const c = constantOf(v);
  if (c !== undefined) return constant('bool', c === null ? null : !c);
  // not(a and b) is not(a) or not(b): as a filter, DuckDB then tests the second only on the rows the first
  // keeps, where the conjunction under NOT would compute both on every row (an exclusion scoped to one
  // device would test its condition on every device's rows).
  const j = v.junction;
  if (j) return logical(j.op === 'AND' ? 'OR' : 'AND', notOf(j.operands[0]), notOf(j.operands[1]));
  if (!v.nullable) return definite(`(NOT ${v.sql})`);
  // NULL here is Kusto false, so not() is true; IS NOT TRUE says exactly that.
  if (v.nullMeansFalse) return definite(`(${v.sql} IS NOT TRUE)`);
  return predicate(`(NOT ${v.sql})`, true, false);
}

/**
 * A left-nested chain `a and b and c` (as the parser builds it), compiled as one list of operands so that has
 * tests on one subject can merge, then folded left to right as the tree nests.
 */
function compileChain(scope: ExpressionScope, node: KqlNode): SqlValue {
  const op = node.kind === 'AndExpression' ? 'and' : 'or';
  return foldChain(op, chainOperands(scope, node));
}

/** The operands of a left-nested chain of `node`'s kind, compiled, each checked to be a bool. */
function chainOperands(scope: ExpressionScope, node: KqlNode): SqlValue[] {
  const kind = node.kind;
  const op = kind === 'AndExpression' ? 'and' : 'or';
  const rights: KqlNode[] = [];
  let left = node;
  while (left.kind === kind) {
    rights.push(requiredChild(left, 'Right'));
    left = requiredChild(left, 'Left');
  }
  const first = compileExpression(scope, left);
  requireBool(scope, first, node, `The left side of '${op}'`);
  const operands = [first];
  for (const right of rights.reverse()) {
    const v = compileExpression(scope, right);
    requireBool(scope, v, node, `The right side of '${op}'`);
    operands.push(v);
  }
  return operands;
}

function foldChain(op: 'and' | 'or', operands: readonly SqlValue[]): SqlValue {
  const merged = mergeHasTests(op === 'and' ? 'AND' : 'OR', operands);
  let acc = merged[0] as SqlValue;
  for (const b of merged.slice(1)) {
    const ca = constantOf(acc);
    const cb = constantOf(b);
    if (ca !== undefined && cb !== undefined && ca !== null && cb !== null) {
      acc = constant('bool', op === 'and' ? Boolean(ca) && Boolean(cb) : Boolean(ca) || Boolean(cb));
    } else {
      acc = logical(op === 'and' ? 'AND' : 'OR', acc, b);
    }
  }
  return acc;
}

/**
 * The SQL WHERE condition of consecutive wheres: a row passes them all exactly when it passes each in turn,
 * and each passes only where its condition is true (not false, not null), so the operands of their top-level
 * `and` chains join with AND as they are. A run's exclusions come in several wheres (the parser limits a
 * chain's length); as one chain, their has tests on one column merge into one test.
 */
export function whereConditionSql(scope: ExpressionScope, nodes: readonly KqlNode[], what: string): string {
  const operands = nodes.flatMap((node) => conditionOperands(scope, node, what));
  return joinSql(
    mergeScoped(mergeHasTests('AND', operands)).map((v) => v.sql),
    ' AND ',
  );
}

// 32 MB of keys at most: a run with 500 exclusions keys some 250 KB per query.
const conditions = new ConditionCache<readonly SqlValue[]>(32 * 1024 * 1024);
// By map: a stage's scope is made once and asked for every condition and group key in it. The translator does
// not change a scope's column map once it compiles recalled conditions against it.
const columnKeys = new WeakMap<ReadonlyMap<string, ColumnInfo>, number>();
// Each distinct column list once, as a short number for the condition keys: a table's list is kilobytes, and a
// run looks up hundreds of conditions per query. Numbers are never reused, so a dropped list's conditions are
// never mistaken for another's; they just age out of the condition cache.
const columnListNumbers = new Map<string, number>();
const COLUMN_LISTS = 4_096;
let nextColumnList = 0;

/**
 * What the compiled SQL of a condition depends on besides its text: every column's name, type and reference,
 * and whether has tests read term shadows.
 */
function scopeKey(scope: ExpressionScope): string {
  let n = columnKeys.get(scope.columns);
  if (n === undefined) {
    const list = [...scope.columns.values()]
      .map((c) => `${c.name}\u0001${c.type}\u0001${c.nullable}\u0001${c.sql}\u0001${c.shape ?? ''}`)
      .join('\u0002');
    n = columnListNumbers.get(list);
    if (n === undefined) {
      n = nextColumnList++;
      if (columnListNumbers.size >= COLUMN_LISTS)
        columnListNumbers.delete(columnListNumbers.keys().next().value as string);
      columnListNumbers.set(list, n);
    }
    columnKeys.set(scope.columns, n);
  }
  return `${scope.termShadow ? 'shadowed' : 'plain'}\u0003${n}`;
}

/**
 * `compile`'s operands for `node` in `scope`, or those of an earlier compilation of the same text over the
 * same columns (condition-cache.ts). Fresh objects each time: merging has tests tells operands apart by
 * identity, and a query may repeat a condition.
 */
function recalled(
  scope: ExpressionScope,
  node: KqlNode,
  kind: string,
  compile: (scope: ExpressionScope) => SqlValue[],
): SqlValue[] {
  const key = `${kind}\u0000${scopeKey(scope)}\u0000${scope.text.slice(node.start, node.end)}`;
  const current = ({ missingLets, shadows }: Kept<readonly SqlValue[]>): boolean =>
    !missingLets.some((name) => scope.lets.get(name) !== undefined) &&
    shadows.every(([subject, name]) => scope.termShadow?.(subject) === name);
  const operands = conditions.get(key, current, (reads) => compile(trackedScope(scope, reads)));
  return operands.map((v) => ({ ...v }));
}

/** The operands of one where condition's top-level `and` chain. */
function conditionOperands(scope: ExpressionScope, node: KqlNode, what: string): SqlValue[] {
  return recalled(scope, node, 'where', (inner) =>
    node.kind === 'AndExpression' ? chainOperands(inner, node) : [compilePredicate(inner, node, what)],
  );
}

/**
 * compileExpression for positions where the same text comes back in query after query over the same columns
 * (a summarize's group keys, one per measured exclusion).
 */
export function compileRecalled(scope: ExpressionScope, node: KqlNode): SqlValue {
  return recalled(scope, node, 'value', (inner) => [compileExpression(inner, node)])[0] as SqlValue;
}

/** `scope`, recording in `reads` what a compilation reads besides the condition's text and the columns. */
function trackedScope(scope: ExpressionScope, reads: ConditionReads): ExpressionScope {
  const { subquery, termShadow } = scope;
  return {
    text: scope.text,
    columns: scope.columns,
    get nowMicros() {
      reads.now = true;
      return scope.nowMicros;
    },
    lets: {
      get: (name) => {
        const value = scope.lets.get(name);
        if (value === undefined) reads.missingLets.add(name);
        else reads.context = true;
        return value;
      },
    },
    ...(subquery && {
      subquery: (node: KqlNode) => {
        const column = subquery(node);
        if (column !== undefined) reads.context = true;
        return column;
      },
    }),
    ...(termShadow && {
      termShadow: (subject: string) => {
        const name = termShadow(subject);
        reads.shadows.push([subject, name]);
        return name;
      },
    }),
  };
}

function logical(op: 'AND' | 'OR', a: SqlValue, b: SqlValue): SqlValue {
  // SQL's three-valued AND/OR is Kusto's; it also stays right when NULL means false on both sides.
  if (!a.nullable || !b.nullable || a.nullMeansFalse === b.nullMeansFalse) {
    const nullable = a.nullable || b.nullable;
    const nullMeansFalse = (!a.nullable || a.nullMeansFalse) && (!b.nullable || b.nullMeansFalse);
    const joined = predicate(`(${a.sql} ${op} ${b.sql})`, nullable, nullMeansFalse);
    if (nullable && !nullMeansFalse) return joined;
    // Neither side can be a Kusto null: not() may then apply De Morgan's law (notOfPlain).
    const junction: SqlValue = { ...joined, junction: { op, operands: [a, b] } };
    if (op !== 'AND') return junction;
    // `s == 'c' and b`, or `(s == 'c' and b1) and b2`: a condition scoped to rows where s is c.
    if (a.equals) return { ...junction, scoped: { ...a.equals, condition: b, negated: false } };
    if (a.scoped && !a.scoped.negated)
      return { ...junction, scoped: { ...a.scoped, condition: logical('AND', a.scoped.condition, b) } };
    return junction;
  }
  // Mixed: resolve the "NULL means false" side so a real Kusto null keeps its meaning.
  return predicate(`(${valueSql(a)} ${op} ${valueSql(b)})`, true, false);
}

// ---------------------------------------------------------------------------------------------------------
// Comparisons

const isNumeric = (t: ScalarType): boolean => t === 'long' || t === 'real';

function comparable(a: SqlValue, b: SqlValue): boolean {
  if (isNumeric(a.type) && isNumeric(b.type)) return true;
  return a.type === b.type && a.type !== 'dynamic';
}

/**
 * Kusto == / != on non-strings: null == value is false, null != value is true, null vs null is null.
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/null-values)
 */
function equality(negated: boolean, a: SqlValue, b: SqlValue): SqlValue {
  const ca = constantOf(a);
  const cb = constantOf(b);
  if (ca !== undefined && cb !== undefined) {
    if (ca === null && cb === null) return constant('bool', null);
    if (ca === null || cb === null) return constant('bool', negated);
    // Numeric constants may be bigint and number; compare as numbers only when types differ.
    const equal = typeof ca === typeof cb ? ca === cb : Number(ca) === Number(cb);
    return constant('bool', negated ? !equal : equal);
  }
  const av = valueSql(a);
  const bv = valueSql(b);
  const aNull = a.nullable && ca === undefined;
  const bNull = b.nullable && cb === undefined;
  const constNull = ca === null || cb === null;
  if (!aNull && !bNull && !constNull) return definite(`(${av} ${negated ? '<>' : '='} ${bv})`);
  if ((aNull !== bNull || cb !== undefined || ca !== undefined) && !constNull) {
    // Only one side can be NULL: equality with NULL is false, inequality true.
    return negated ? definite(`(${av} IS DISTINCT FROM ${bv})`) : predicate(`(${av} = ${bv})`, true, true);
  }
  const distinct = negated ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM';
  return predicate(
    `(CASE WHEN ${av} IS NULL AND ${bv} IS NULL THEN NULL ELSE (${av} ${distinct} ${bv}) END)`,
    true,
    false,
  );
}

function ordering(op: string, a: SqlValue, b: SqlValue): SqlValue {
  return predicate(`(${valueSql(a)} ${op} ${valueSql(b)})`, a.nullable || b.nullable, false);
}

/**
 * A string operator applied to a subject and constant needles. When the subject may be NULL, the answer
 * for '' is decided here: if '' matches, NULL rows are let through explicitly; if not, the plain form is
 * kept and NULL simply means false.
 */
function stringMatch(
  scope: ExpressionScope,
  op: StringOperator,
  subject: SqlValue,
  needles: readonly string[],
): SqlValue {
  const matched = withEmptyString(
    subject,
    stringMatchSql(op, subject.sql, needles, scope.termShadow),
    matchesEmptyString(op, needles),
  );
  if (constantOf(subject) !== undefined) return matched;
  const [value] = needles;
  if (op === '==' && needles.length === 1 && value) return { ...matched, equals: { subject, value } };
  if (op !== 'has' && op !== 'has_cs' && op !== 'has_any') return matched;
  return { ...matched, hasTest: { subject, needles, caseSensitive: op === 'has_cs', negated: false } };
}

/** A condition scoped to rows where a string equals a constant (not its not()), with what tells subjects apart. */
export interface PlainScoped {
  /** Equal for two conditions exactly when they are scoped by the same subject. */
  readonly group: string;
  readonly subject: string;
  readonly value: string;
  /** SQL true where the condition holds; NULL there means false. */
  readonly condition: string;
}

function scopedOf(v: SqlValue, negated: boolean): PlainScoped | undefined {
  const t = v.scoped;
  if (!t || t.negated !== negated) return undefined;
  return {
    group: `${t.subject.nullable}:${t.subject.sql}`,
    subject: t.subject.sql,
    value: t.value,
    condition: t.condition.sql,
  };
}

export function plainScoped(v: SqlValue): PlainScoped | undefined {
  return scopedOf(v, false);
}

/**
 * The operands of an `and` chain with every SCOPED_MERGE or more not()-ed conditions scoped by one subject
 * merged into one test (scopedExclusionsSql): a run's exclusions scoped to single devices then cost one test of
 * the device per row, not one per exclusion. The merged test takes the place of the group's first member.
 */
function mergeScoped(operands: readonly SqlValue[]): SqlValue[] {
  const groups = new Map<string, { v: SqlValue; scoped: PlainScoped }[]>();
  for (const v of operands) {
    const scoped = scopedOf(v, true);
    if (!scoped) continue;
    const group = groups.get(scoped.group) ?? [];
    group.push({ v, scoped });
    groups.set(scoped.group, group);
  }
  const merged = new Map<SqlValue, SqlValue | null>();
  for (const group of groups.values()) {
    if (group.length < SCOPED_MERGE) continue;
    const sql = scopedExclusionsSql(
      (group[0] as { scoped: PlainScoped }).scoped.subject,
      group.map((g) => g.scoped),
    );
    group.forEach(({ v }, i) => {
      merged.set(v, i === 0 ? definite(sql) : null);
    });
  }
  if (merged.size === 0) return [...operands];
  return operands.flatMap((v) => {
    const m = merged.get(v);
    if (m === undefined) return [v];
    return m === null ? [] : [m];
  });
}

/** From this many not()-ed conditions scoped by one subject, an `and` chain tests them as one. */
const SCOPED_MERGE = 4;

/** A has, has_cs or has_any test of constant needles that `v` is (not its not()), with what tells subjects apart. */
export interface PlainHasTest {
  /** Equal for two tests exactly when they test the same subject under the same case rule. */
  readonly group: string;
  readonly subject: string;
  readonly needles: readonly string[];
  readonly caseSensitive: boolean;
}

export function plainHasTest(v: SqlValue): PlainHasTest | undefined {
  const t = v.hasTest;
  if (!t || t.negated) return undefined;
  return {
    group: `${t.caseSensitive ? 'cs' : 'ci'}:${t.subject.nullable}:${t.subject.sql}`,
    subject: t.subject.sql,
    needles: t.needles,
    caseSensitive: t.caseSensitive,
  };
}

function withEmptyString(subject: SqlValue, sql: string, emptyMatches: boolean): SqlValue {
  if (constantOf(subject) !== undefined || !subject.nullable) return definite(sql);
  if (emptyMatches) return definite(`(${subject.sql} IS NULL OR ${sql})`);
  return predicate(sql, true, true);
}

/**
 * The operands of a chain of `and` (or of `or`), with every two or more has tests on the same subject and
 * case rule merged into one has_any regex: `not(x has 'a') and not(x has 'b')` is `not(x has_any ('a', 'b'))`,
 * `x has 'a' or x has 'b'` is `x has_any ('a', 'b')`. DuckDB compiles each regex of a query separately, so a
 * chain of hundreds of exclusions otherwise costs hundreds of compiles; the merged regex costs one per
 * subject. The merged test takes the place of the group's first member; the others keep their order.
 */
function mergeHasTests(op: 'AND' | 'OR', operands: readonly SqlValue[]): SqlValue[] {
  // and merges negated tests (not(A) and not(B) = not(A or B)), or merges plain ones.
  const negated = op === 'AND';
  const groups = new Map<string, SqlValue[]>();
  for (const v of operands) {
    const t = v.hasTest;
    if (!t || t.negated !== negated) continue;
    const key = `${t.caseSensitive ? 'cs' : 'ci'}:${t.subject.nullable}:${t.subject.sql}`;
    const group = groups.get(key) ?? [];
    group.push(v);
    groups.set(key, group);
  }
  const merged = new Map<SqlValue, SqlValue | null>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const first = group[0]?.hasTest as HasTest;
    const needles = group.flatMap((v) => (v.hasTest as HasTest).needles);
    const sql = hasAnyMergedSql(first.subject.sql, needles, first.caseSensitive);
    const any = withEmptyString(first.subject, sql, matchesEmptyString('has_any', needles));
    group.forEach((v, i) => {
      merged.set(v, i === 0 ? (negated ? notOfPlain(any) : any) : null);
    });
  }
  if (merged.size === 0) return [...operands];
  return operands.flatMap((v) => {
    const m = merged.get(v);
    if (m === undefined) return [v];
    return m === null ? [] : [m];
  });
}

const NEGATED_STRING_OPERATORS: Record<string, StringOperator> = {
  '!=': '==',
  '!~': '=~',
  '!in': 'in',
  '!in~': 'in~',
  '!has': 'has',
  '!has_cs': 'has_cs',
  '!contains': 'contains',
  '!contains_cs': 'contains_cs',
  '!startswith': 'startswith',
  '!startswith_cs': 'startswith_cs',
  '!endswith': 'endswith',
  '!endswith_cs': 'endswith_cs',
};
const STRING_OPERATORS = new Set<string>([
  '==',
  '=~',
  'in',
  'in~',
  'has',
  'has_cs',
  'has_any',
  'has_all',
  'contains',
  'contains_cs',
  'startswith',
  'startswith_cs',
  'endswith',
  'endswith_cs',
]);
const SYMMETRIC = new Set(['==', '=~']);

// ---------------------------------------------------------------------------------------------------------
// The compiler

export function compileExpression(scope: ExpressionScope, node: KqlNode): SqlValue {
  const literal = compileLiteral(scope, node);
  if (literal) return literal;
  switch (node.kind) {
    case 'ParenthesizedExpression':
      return compileExpression(scope, requiredChild(node, 'Expression'));
    case 'NameReference':
      return resolveName(scope, node);
    case 'AndExpression':
    case 'OrExpression':
      return compileChain(scope, node);
    case 'UnaryMinusExpression':
    case 'UnaryPlusExpression':
      return compileUnary(scope, node);
    case 'AddExpression':
    case 'SubtractExpression':
    case 'MultiplyExpression':
    case 'DivideExpression':
      return compileArithmetic(scope, node);
    case 'LessThanExpression':
    case 'LessThanOrEqualExpression':
    case 'GreaterThanExpression':
    case 'GreaterThanOrEqualExpression':
    case 'EqualExpression':
    case 'NotEqualExpression':
    case 'EqualTildeExpression':
    case 'BangTildeExpression':
    case 'HasExpression':
    case 'HasCsExpression':
    case 'NotHasExpression':
    case 'NotHasCsExpression':
    case 'ContainsExpression':
    case 'ContainsCsExpression':
    case 'NotContainsExpression':
    case 'NotContainsCsExpression':
    case 'StartsWithExpression':
    case 'StartsWithCsExpression':
    case 'NotStartsWithExpression':
    case 'NotStartsWithCsExpression':
    case 'EndsWithExpression':
    case 'EndsWithCsExpression':
    case 'NotEndsWithExpression':
    case 'NotEndsWithCsExpression':
      return compileBinaryComparison(scope, node);
    case 'InExpression':
    case 'InCsExpression':
    case 'NotInExpression':
    case 'NotInCsExpression':
    case 'HasAnyExpression':
    case 'HasAllExpression':
      return compileListOperator(scope, node);
    case 'BetweenExpression':
    case 'NotBetweenExpression':
      return compileBetween(scope, node);
    case 'MatchesRegexExpression':
      return compileMatchesRegex(scope, node);
    case 'FunctionCallExpression':
      return compileCall(scope, node);
    case 'ElementExpression':
      return compileElement(scope, node);
    default:
      throw unsupported(
        scope,
        child(node, 'Operator') ? `operator '${operatorText(scope, node)}'` : `expression ${node.kind}`,
        node,
      );
  }
}

function resolveName(scope: ExpressionScope, node: KqlNode): SqlValue {
  const name = nameOf(scope, node);
  const column = scope.columns.get(name);
  const bound = scope.lets.get(name);
  if (column && bound) {
    throw semantic(scope, `'${name}' is both a column and a let variable; rename the let`, node);
  }
  if (column) {
    if (column.type === 'dynamic') {
      const base = {
        type: 'dynamic' as const,
        sql: column.sql,
        nullable: column.nullable,
        nullMeansFalse: false,
      };
      return column.shape ? { ...base, shape: column.shape } : base;
    }
    return { type: column.type, sql: column.sql, nullable: column.nullable, nullMeansFalse: false };
  }
  if (bound) return bound;
  throw semantic(scope, `Unknown name '${name}': no such column here and no let defines it`, node);
}

function compileUnary(scope: ExpressionScope, node: KqlNode): SqlValue {
  const v = compileExpression(scope, requiredChild(node, 'Expression'));
  if (v.type !== 'long' && v.type !== 'real' && v.type !== 'timespan') {
    throw semantic(scope, `Unary minus needs a number or timespan, not ${v.type}`, node);
  }
  if (node.kind === 'UnaryPlusExpression') return v;
  const c = constantOf(v);
  if (c !== undefined) {
    if (c === null) return v;
    if (typeof c === 'bigint') return v.type === 'long' ? checkedLong(scope, -c, node) : constant(v.type, -c);
    return constant(v.type, -(c as number));
  }
  return { ...v, sql: `(-${v.sql})` };
}

function compileArithmetic(scope: ExpressionScope, node: KqlNode): SqlValue {
  const a = compileExpression(scope, requiredChild(node, 'Left'));
  const b = compileExpression(scope, requiredChild(node, 'Right'));
  const op = operatorText(scope, node);
  const result = arithmeticType(op, a.type, b.type);
  if (!result) throw semantic(scope, `The operator '${op}' is not defined for ${a.type} and ${b.type}`, node);
  const ca = constantOf(a);
  const cb = constantOf(b);
  if (ca !== undefined && cb !== undefined) {
    if (ca === null || cb === null) return constant(result, null);
    return foldArithmetic(scope, node, op, result, ca, cb);
  }
  const nullable = a.nullable || b.nullable;
  // Kusto divides longs as integers (truncating); DuckDB's '/' would give a double.
  const sqlOp = op === '/' && result === 'long' ? '//' : op;
  return { type: result, sql: `(${a.sql} ${sqlOp} ${b.sql})`, nullable, nullMeansFalse: false };
}

function arithmeticType(op: string, a: ScalarType, b: ScalarType): ScalarType | undefined {
  if (isNumeric(a) && isNumeric(b)) return a === 'real' || b === 'real' ? 'real' : 'long';
  if (op === '+') {
    if ((a === 'datetime' && b === 'timespan') || (a === 'timespan' && b === 'datetime')) return 'datetime';
    if (a === 'timespan' && b === 'timespan') return 'timespan';
  }
  if (op === '-') {
    if (a === 'datetime' && b === 'timespan') return 'datetime';
    if (a === 'datetime' && b === 'datetime') return 'timespan';
    if (a === 'timespan' && b === 'timespan') return 'timespan';
  }
  return undefined;
}

function foldArithmetic(
  scope: ExpressionScope,
  node: KqlNode,
  op: string,
  result: ScalarType,
  a: ConstantValue,
  b: ConstantValue,
): SqlValue {
  if (result === 'real') {
    const x = Number(a);
    const y = Number(b);
    const value = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
    return constant('real', value);
  }
  const x = a as bigint;
  const y = b as bigint;
  if (op === '/' && y === 0n) throw semantic(scope, 'Division by zero', node);
  const value = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
  if (result === 'long') return checkedLong(scope, value, node);
  return constant(result, value);
}

function compileBinaryComparison(scope: ExpressionScope, node: KqlNode): SqlValue {
  const op = operatorText(scope, node);
  let a = compileExpression(scope, requiredChild(node, 'Left'));
  let b = compileExpression(scope, requiredChild(node, 'Right'));
  const negatedOf = NEGATED_STRING_OPERATORS[op];
  if (a.type === 'string' || b.type === 'string') {
    if (a.type !== 'string' || b.type !== 'string') {
      throw semantic(scope, `The operator '${op}' is not defined for ${a.type} and ${b.type}`, node);
    }
    const positive = negatedOf ?? op;
    if (!STRING_OPERATORS.has(positive)) {
      throw semantic(scope, `The operator '${op}' is not defined for strings`, node);
    }
    if (constantOf(b) === undefined && constantOf(a) !== undefined && SYMMETRIC.has(positive))
      [a, b] = [b, a];
    const matched = compileStringOperator(scope, node, positive as StringOperator, a, b);
    return negatedOf ? notOf(matched) : matched;
  }
  if (!comparable(a, b))
    throw semantic(scope, `The operator '${op}' is not defined for ${a.type} and ${b.type}`, node);
  if (op === '==' || op === '!=') return equality(op === '!=', asValue(a), asValue(b));
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (a.type === 'bool') throw semantic(scope, `The operator '${op}' is not defined for bool`, node);
    const ca = constantOf(a);
    const cb = constantOf(b);
    if (ca !== undefined && cb !== undefined) {
      if (ca === null || cb === null) return constant('bool', null);
      const x = typeof ca === typeof cb ? (ca as number) : Number(ca);
      const y = typeof ca === typeof cb ? (cb as number) : Number(cb);
      return constant('bool', op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y);
    }
    return ordering(op, a, b);
  }
  throw semantic(scope, `The operator '${op}' is not defined for ${a.type}`, node);
}

/**
 * `s matches regex 'p'`: Kusto and DuckDB both use RE2 and both find the pattern anywhere in the subject, so the
 * pattern passes through as it is (only as an SQL string literal). A null string is '' as in every string test.
 */
function compileMatchesRegex(scope: ExpressionScope, node: KqlNode): SqlValue {
  const subject = compileExpression(scope, requiredChild(node, 'Left'));
  const right = requiredChild(node, 'Right');
  if (subject.type !== 'string')
    throw semantic(scope, `'matches regex' needs a string on the left, not ${subject.type}`, node);
  const pattern = constantOf(compileExpression(scope, right));
  if (typeof pattern !== 'string')
    throw unsupported(scope, "'matches regex' with a non-constant pattern", right);
  return definite(`regexp_matches(${valueSql(subject)}, ${sqlString(pattern)})`);
}

function compileStringOperator(
  scope: ExpressionScope,
  node: KqlNode,
  op: StringOperator,
  subject: SqlValue,
  needle: SqlValue,
): SqlValue {
  const n = constantOf(needle);
  if (typeof n === 'string') return stringMatch(scope, op, subject, [n]);
  if (op.startsWith('has')) {
    throw unsupported(scope, `'${op}' with a non-constant right side`, requiredChild(node, 'Right'));
  }
  // Column against column: compare the '' stand-ins directly.
  return definite(binaryStringSql(op, valueSql(subject), valueSql(needle)));
}

function binaryStringSql(op: StringOperator, s: string, n: string): string {
  switch (op) {
    case '==':
      return `(${s} = ${n})`;
    case '=~':
      return `(lower(${s}) = lower(${n}))`;
    case 'contains':
      return `contains(lower(${s}), lower(${n}))`;
    case 'contains_cs':
      return `contains(${s}, ${n})`;
    case 'startswith':
      return `starts_with(lower(${s}), lower(${n}))`;
    case 'startswith_cs':
      return `starts_with(${s}, ${n})`;
    case 'endswith':
      return `ends_with(lower(${s}), lower(${n}))`;
    case 'endswith_cs':
      return `ends_with(${s}, ${n})`;
    default:
      throw new Error(`binaryStringSql: ${op}`);
  }
}

function compileListOperator(scope: ExpressionScope, node: KqlNode): SqlValue {
  const op = operatorText(scope, node);
  const subject = compileExpression(scope, requiredChild(node, 'Left'));
  const right = requiredChild(node, 'Right');
  if (right.kind !== 'ExpressionList')
    throw unsupported(scope, `'${op}' with a ${right.kind} right side`, right);
  const items = listElements(child(right, 'Expressions'));
  if (items.length === 0) throw semantic(scope, `'${op}' needs at least one value`, right);
  const negated = op.startsWith('!');
  const positive = negated ? op.slice(1) : op;
  const needles = subject.type === 'string' ? stringLiterals(items) : undefined;
  if (needles) {
    // The common long list (an exclusion's hundred values): each value read once from its token, with none
    // of the work a general value needs (a tabular test, a typed SQL literal per element).
    const result = stringMatch(scope, positive as StringOperator, subject, needles);
    return negated ? notOf(result) : result;
  }
  const tabular = items.map((item) => scope.subquery?.(item));
  const first = tabular[0];
  if (first && items.length === 1) {
    const result = compileSubqueryOperator(scope, node, positive, subject, first, items[0] as KqlNode);
    return negated ? notOf(result) : result;
  }
  const values = items.map((item, i) => {
    if (tabular[i] || stripParens(item).kind === 'PipeExpression')
      throw unsupported(scope, `'${op}' with a tabular expression among other values`, item);
    return compileExpression(scope, item);
  });

  if (positive === 'has_any' || positive === 'has_all') {
    if (subject.type !== 'string')
      throw semantic(scope, `'${op}' needs a string on the left, not ${subject.type}`, node);
    const needles = values.map((v, i) => {
      const c = constantOf(v);
      if (typeof c !== 'string')
        throw unsupported(scope, `'${op}' with a non-constant string value`, items[i] ?? node);
      return c;
    });
    return stringMatch(scope, positive, subject, needles);
  }

  let result: SqlValue;
  if (subject.type === 'string') {
    values.forEach((v, i) => {
      if (v.type !== 'string') throw semantic(scope, `'${op}' mixes string and ${v.type}`, items[i] ?? node);
    });
    const constants = values.map(constantOf);
    if (constants.every((c) => typeof c === 'string')) {
      result = stringMatch(scope, positive as StringOperator, subject, constants as string[]);
    } else {
      const s = positive === 'in~' ? `lower(${valueSql(subject)})` : valueSql(subject);
      const list = values.map((v) => (positive === 'in~' ? `lower(${valueSql(v)})` : valueSql(v)));
      result = definite(`(${s} IN (${list.join(', ')}))`);
    }
  } else {
    if (positive === 'in~') throw semantic(scope, `'${op}' needs strings, not ${subject.type}`, node);
    values.forEach((v, i) => {
      if (!comparable(subject, v))
        throw semantic(scope, `'${op}' mixes ${subject.type} and ${v.type}`, items[i] ?? node);
    });
    const constants = values.map(constantOf);
    if (constants.every((c) => c !== undefined && c !== null)) {
      // `in` is == against each value: a null subject is not in the list.
      const sql = `(${valueSql(subject)} IN (${values.map((v) => v.sql).join(', ')}))`;
      result = subject.nullable ? predicate(sql, true, true) : definite(sql);
    } else {
      result = values
        .map((v) => equality(false, asValue(subject), asValue(v)))
        .reduce((x, y) => logical('OR', x, y));
    }
  }
  return negated ? notOf(result) : result;
}

/** The values of a list made only of plain string literals ('a', "b", @'c'), or undefined. */
function stringLiterals(items: readonly KqlNode[]): string[] | undefined {
  const values: string[] = [];
  for (const item of items) {
    if (item.kind !== 'StringLiteralExpression') return undefined;
    const value = child(item, 'Token')?.stringValue;
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/**
 * `in`, `in~` and `has_any` over the first column of a tabular expression (Kusto uses the first column). The
 * subquery is uncorrelated: its values are gathered once, never matched against the outer row's names.
 */
function compileSubqueryOperator(
  scope: ExpressionScope,
  node: KqlNode,
  positive: string,
  subject: SqlValue,
  sub: SubqueryColumn,
  item: KqlNode,
): SqlValue {
  const values = `SELECT ${sub.column} FROM ${sub.from}`;
  if (positive === 'has_any' || positive === 'in~') {
    if (subject.type !== 'string' || sub.type !== 'string') {
      throw semantic(scope, `'${positive}' needs strings, not ${subject.type} and ${sub.type}`, node);
    }
  }
  if (sub.values && subject.type === 'string' && sub.type === 'string' && positive !== 'has_all') {
    // Values known now: the constant-list path, with the same meaning (docs/kql.md).
    const needles = [...new Set(sub.values.map((v) => (typeof v === 'string' ? v : '')))];
    if (needles.length === 0) return constant('bool', false);
    if (positive === 'has_any' || positive === 'in' || positive === 'in~') {
      return stringMatch(scope, positive, subject, needles);
    }
  }
  if (positive === 'has_any') return definite(hasAnyOfSubquerySql(valueSql(subject), sub.column, sub.from));
  if (positive === 'in~') {
    // A NULL string in the subquery is Kusto's '' (strings are never null).
    return definite(
      `(lower(${valueSql(subject)}) IN (SELECT lower(coalesce(${sub.column}, '')) FROM ${sub.from}))`,
    );
  }
  if (positive !== 'in') throw unsupported(scope, `'${positive}' with a tabular right side`, item);
  if (subject.type === 'string' || sub.type === 'string') {
    if (subject.type !== sub.type) throw semantic(scope, `'in' mixes ${subject.type} and ${sub.type}`, node);
    return definite(`(${valueSql(subject)} IN (SELECT coalesce(${sub.column}, '') FROM ${sub.from}))`);
  }
  if (
    subject.type === 'dynamic' ||
    sub.type === 'dynamic' ||
    !comparable(subject, { ...subject, type: sub.type })
  ) {
    throw semantic(scope, `'in' mixes ${subject.type} and ${sub.type}`, node);
  }
  // `in` is == against each value: nulls on either side never match.
  const sql = `(${valueSql(subject)} IN (${values} WHERE ${sub.column} IS NOT NULL))`;
  return subject.nullable ? predicate(sql, true, true) : definite(sql);
}

function compileBetween(scope: ExpressionScope, node: KqlNode): SqlValue {
  const op = operatorText(scope, node);
  const subject = asValue(compileExpression(scope, requiredChild(node, 'Left')));
  const couple = requiredChild(node, 'Right');
  const low = compileExpression(scope, requiredChild(couple, 'First'));
  let high = compileExpression(scope, requiredChild(couple, 'Second'));
  if (subject.type === 'string' || subject.type === 'bool' || subject.type === 'dynamic') {
    throw semantic(scope, `'${op}' is not defined for ${subject.type}`, node);
  }
  if (subject.type === 'datetime' && low.type === 'datetime' && high.type === 'timespan') {
    // (start .. span) means start .. start + span.
    const cl = constantOf(low);
    const ch = constantOf(high);
    if (cl !== undefined && ch !== undefined) {
      high =
        cl === null || ch === null
          ? constant('datetime', null)
          : constant('datetime', (cl as bigint) + (ch as bigint));
    } else {
      high = {
        type: 'datetime',
        sql: `(${low.sql} + ${high.sql})`,
        nullable: low.nullable || high.nullable,
        nullMeansFalse: false,
      };
    }
  }
  if (!comparable(subject, low) || !comparable(subject, high)) {
    throw semantic(
      scope,
      `'${op}' needs bounds of the same type as ${subject.type}, got ${low.type} .. ${high.type}`,
      node,
    );
  }
  const sql = `(${subject.sql} BETWEEN ${valueSql(low)} AND ${valueSql(high)})`;
  const result = predicate(sql, subject.nullable || low.nullable || high.nullable, false);
  return op.startsWith('!') ? notOf(result) : result;
}

function compileCall(scope: ExpressionScope, node: KqlNode): SqlValue {
  const name = callName(scope, node);
  const args = callArguments(node);
  const arity = (min: number, max = min): void => {
    if (args.length < min || args.length > max) {
      throw semantic(
        scope,
        `${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`,
        node,
      );
    }
  };
  const arg = (i: number): SqlValue => compileExpression(scope, args[i] as KqlNode);
  switch (name) {
    case 'not': {
      arity(1);
      const v = arg(0);
      requireBool(scope, v, node, 'The argument of not()');
      return notOf(v);
    }
    case 'isempty':
    case 'isnotempty': {
      arity(1);
      const v = asValue(arg(0));
      const empty = v.type === 'string' ? `(${v.sql} = '')` : `(${v.sql} IS NULL)`;
      const c = constantOf(v);
      if (c !== undefined) return constant('bool', (c === null || c === '') === (name === 'isempty'));
      return definite(name === 'isempty' ? empty : `(NOT ${empty})`);
    }
    case 'isnull':
    case 'isnotnull': {
      arity(1);
      const v = asValue(arg(0));
      // Kusto strings are never null; a NULL string stands for ''.
      if (v.type === 'string') return constant('bool', name === 'isnotnull');
      const c = constantOf(v);
      if (c !== undefined) return constant('bool', (c === null) === (name === 'isnull'));
      return definite(`(${v.sql} ${name === 'isnull' ? 'IS NULL' : 'IS NOT NULL'})`);
    }
    case 'now': {
      arity(0, 1);
      if (args.length === 0) return constant('datetime', scope.nowMicros);
      const offset = constantTimespan(scope, arg(0), args[0] as KqlNode, 'now()');
      return offset === null ? constant('datetime', null) : constant('datetime', scope.nowMicros + offset);
    }
    case 'ago': {
      arity(1);
      const span = constantTimespan(scope, arg(0), args[0] as KqlNode, 'ago()');
      return span === null ? constant('datetime', null) : constant('datetime', scope.nowMicros - span);
    }
    case 'bin':
    case 'floor': {
      arity(2);
      return binOf(scope, node, arg(0), arg(1), args[1] as KqlNode);
    }
    case 'iff':
    case 'iif': {
      arity(3);
      return iffOf(scope, node, args);
    }
    case 'tostring': {
      arity(1);
      return toStringOf(scope, arg(0), args[0] as KqlNode);
    }
    case 'strcat': {
      // Kusto takes 1 to 64 arguments; each is turned to text as tostring() would, nulls as ''.
      arity(1, 64);
      const parts = args.map((a, i) => toStringOf(scope, arg(i), a as KqlNode));
      return {
        type: 'string',
        sql: `concat(${parts.map((p) => p.sql).join(', ')})`,
        nullable: false,
        nullMeansFalse: false,
      };
    }
    case 'split': {
      arity(2, 3);
      return splitOf(scope, args);
    }
    case 'trim_start':
    case 'trim_end':
    case 'trim': {
      arity(2);
      return trimOf(scope, name, args);
    }
    case 'tolower':
    case 'toupper': {
      // DuckDB's lower() and upper(): lower() is also what every case-insensitive operator compares with.
      arity(1);
      const v = arg(0);
      if (v.type !== 'string') throw semantic(scope, `${name}() takes a string, not ${v.type}`, node);
      return {
        type: 'string',
        sql: `${name === 'tolower' ? 'lower' : 'upper'}(${v.sql})`,
        nullable: v.nullable,
        nullMeansFalse: false,
      };
    }
    default:
      if (AGGREGATES.has(name))
        throw unsupported(scope, `aggregate function '${name}' outside summarize`, node);
      throw unsupported(scope, `function '${name}'`, node);
  }
}

/**
 * iff(condition, then, else): both branches of one type (a long may meet a real); a null condition takes the
 * else branch, as in Kusto. Dynamic branches are refused: nothing here reads a dynamic value's shape.
 */
function iffOf(scope: ExpressionScope, node: KqlNode, args: readonly KqlNode[]): SqlValue {
  const [conditionNode, thenNode, elseNode] = args as [KqlNode, KqlNode, KqlNode];
  const condition = compilePredicate(scope, conditionNode, 'The condition of iff()');
  let a = asValue(compileExpression(scope, thenNode));
  let b = asValue(compileExpression(scope, elseNode));
  if (a.type === 'dynamic' || b.type === 'dynamic') throw unsupported(scope, 'iff() of dynamic values', node);
  if (a.type !== b.type) {
    if (!isNumeric(a.type) || !isNumeric(b.type))
      throw semantic(scope, `The branches of iff() must have one type, not ${a.type} and ${b.type}`, node);
    const toReal = (v: SqlValue): SqlValue =>
      v.type === 'real' ? v : { ...v, type: 'real', sql: `CAST(${v.sql} AS DOUBLE)`, constant: undefined };
    a = toReal(a);
    b = toReal(b);
  }
  const c = constantOf(condition);
  if (c !== undefined) return c === true ? a : b;
  const nullable = a.nullable || b.nullable;
  return {
    type: a.type,
    sql: `(CASE WHEN ${condition.sql} THEN ${a.sql} ELSE ${b.sql} END)`,
    nullable,
    nullMeansFalse: false,
  };
}

function constantTimespan(scope: ExpressionScope, v: SqlValue, node: KqlNode, where: string): bigint | null {
  const c = constantOf(v);
  if (v.type !== 'timespan' || c === undefined) {
    throw unsupported(scope, `${where} with an argument that is not a constant timespan`, node);
  }
  return c as bigint | null;
}

// Kusto datetimes count 100ns ticks from 0001-01-01, so bins are aligned there (a 7d bin starts on a Monday).
const KUSTO_EPOCH_SQL = "TIMESTAMP '0001-01-01 00:00:00'";
const KUSTO_EPOCH_MICROS = -62_135_596_800_000_000n;

/** bin(value, size): rounds down to a multiple of size (datetimes from 0001-01-01, numbers from 0). */
function binOf(
  scope: ExpressionScope,
  node: KqlNode,
  value: SqlValue,
  size: SqlValue,
  sizeNode: KqlNode,
): SqlValue {
  const s = constantOf(size);
  if (s === undefined || s === null)
    throw unsupported(scope, 'bin() with a size that is not a constant', sizeNode);
  const v = constantOf(value);
  if (value.type === 'datetime' && size.type === 'timespan') {
    const span = s as bigint;
    if (span <= 0n) throw semantic(scope, 'bin() size must be positive', sizeNode);
    if (v !== undefined) {
      if (v === null) return value;
      const offset = (v as bigint) - KUSTO_EPOCH_MICROS;
      return constant('datetime', (v as bigint) - (((offset % span) + span) % span));
    }
    return { ...value, sql: `time_bucket(${sqlInterval(span)}, ${value.sql}, ${KUSTO_EPOCH_SQL})` };
  }
  if (value.type === 'long' && size.type === 'long') {
    const n = s as bigint;
    if (n <= 0n) throw semantic(scope, 'bin() size must be positive', sizeNode);
    if (v !== undefined)
      return v === null ? value : constant('long', (v as bigint) - ((((v as bigint) % n) + n) % n));
    return { ...value, sql: `(${value.sql} - (((${value.sql} % ${n}) + ${n}) % ${n}))` };
  }
  if (isNumeric(value.type) && isNumeric(size.type)) {
    const n = Number(s);
    if (!(n > 0)) throw semantic(scope, 'bin() size must be positive', sizeNode);
    if (v !== undefined)
      return v === null ? constant('real', null) : constant('real', Math.floor(Number(v) / n) * n);
    return {
      type: 'real',
      sql: `(floor(CAST(${value.sql} AS DOUBLE) / ${n}) * ${n})`,
      nullable: value.nullable,
      nullMeansFalse: false,
    };
  }
  throw unsupported(scope, `bin() of ${value.type} by ${size.type}`, node);
}

/** Compiles a where/countif condition: must be bool. */
export function compilePredicate(scope: ExpressionScope, node: KqlNode, what: string): SqlValue {
  const v = compileExpression(scope, node);
  requireBool(scope, v, node, what);
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// Strings and string arrays

function requireString(scope: ExpressionScope, v: SqlValue, node: KqlNode, what: string): void {
  if (v.type !== 'string') throw semantic(scope, `${what} must be a string, not ${v.type}`, node);
}

function constantString(scope: ExpressionScope, v: SqlValue, node: KqlNode, what: string): string {
  const c = constantOf(v);
  if (v.type !== 'string') throw semantic(scope, `${what} must be a string, not ${v.type}`, node);
  if (typeof c !== 'string') throw unsupported(scope, `${what} that is not a constant string`, node);
  return c;
}

/** tostring(): a string as it is, a null of any type as '' (Kusto's documented rule). */
function toStringOf(scope: ExpressionScope, v: SqlValue, node: KqlNode): SqlValue {
  const c = constantOf(v);
  const text = (sql: string): SqlValue => ({ type: 'string', sql, nullable: false, nullMeansFalse: false });
  switch (v.type) {
    case 'string':
      return asValue(v);
    case 'long':
      if (c !== undefined) return constant('string', c === null ? '' : String(c));
      return text(`coalesce(CAST(${v.sql} AS VARCHAR), '')`);
    case 'bool':
      if (c !== undefined) return constant('string', c === null ? '' : String(c));
      return text(
        `(CASE WHEN ${valueSql(v)} IS NULL THEN '' WHEN ${valueSql(v)} THEN 'true' ELSE 'false' END)`,
      );
    case 'dynamic':
      if (v.shape === 'string') return text(`coalesce(${v.sql}, '')`);
      throw unsupported(
        scope,
        v.shape === 'strings' ? 'tostring() of an array' : 'tostring() of a dynamic value',
        node,
      );
    default:
      // Kusto's own text forms of reals, datetimes and timespans are not reproduced.
      throw unsupported(scope, `tostring() of ${v.type}`, node);
  }
}

/**
 * split(source, delimiter [, index]): the parts between delimiters, '' included (split('', '_') is ['']).
 * With an index, an array of that one part, or [] when there is no such part.
 */
function splitOf(scope: ExpressionScope, args: readonly KqlNode[]): SqlValue {
  const source = compileExpression(scope, args[0] as KqlNode);
  requireString(scope, source, args[0] as KqlNode, 'The source of split()');
  const delimiter = constantString(
    scope,
    compileExpression(scope, args[1] as KqlNode),
    args[1] as KqlNode,
    'The delimiter of split()',
  );
  // An empty delimiter's result is not documented; DuckDB would split into characters.
  if (delimiter === '') throw unsupported(scope, 'split() with an empty delimiter', args[1] as KqlNode);
  const parts = `string_split(${valueSql(source)}, ${sqlString(delimiter)})`;
  const base = {
    type: 'dynamic' as const,
    nullable: false,
    nullMeansFalse: false,
    shape: 'strings' as const,
  };
  if (args.length === 2) return { ...base, sql: parts };
  const indexNode = args[2] as KqlNode;
  const index = constantOf(compileExpression(scope, indexNode));
  if (typeof index !== 'bigint' || index < 0n) {
    throw unsupported(scope, 'split() index that is not a constant, non-negative long', indexNode);
  }
  const one = `list_slice(${parts}, ${index + 1n}, ${index + 1n})`;
  return { ...base, sql: one };
}

/**
 * Kusto trims one match of the regular expression at the start (trim_start), at the end (trim_end) or both
 * (trim). Kusto and DuckDB both use RE2 syntax; the pattern is wrapped in a group anchored at that end.
 */
function trimOf(scope: ExpressionScope, name: string, args: readonly KqlNode[]): SqlValue {
  const pattern = constantString(
    scope,
    compileExpression(scope, args[0] as KqlNode),
    args[0] as KqlNode,
    `The regular expression of ${name}()`,
  );
  if (!groupsBalanced(pattern)) {
    throw semantic(
      scope,
      `The regular expression of ${name}() has unbalanced parentheses`,
      args[0] as KqlNode,
    );
  }
  const source = compileExpression(scope, args[1] as KqlNode);
  requireString(scope, source, args[1] as KqlNode, `The source of ${name}()`);
  let sql = valueSql(source);
  if (name !== 'trim_end') sql = `regexp_replace(${sql}, ${sqlString(`^(?:${pattern})`)}, '')`;
  if (name !== 'trim_start') sql = `regexp_replace(${sql}, ${sqlString(`(?:${pattern})$`)}, '')`;
  return { type: 'string', sql, nullable: false, nullMeansFalse: false };
}

/**
 * True when every ')' closes a group the pattern opened and every group is closed, escapes and character
 * classes aside. Wrapping 'a)|(b' in a group would otherwise change what it means instead of failing.
 */
function groupsBalanced(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && !inClass;
}

/**
 * array[index]: zero-based; a negative index counts from the end (-1 is the last element); out of range is
 * Kusto's dynamic null. Only arrays the translator made (split()) can be indexed.
 */
function compileElement(scope: ExpressionScope, node: KqlNode): SqlValue {
  const array = compileExpression(scope, requiredChild(node, 'Expression'));
  const selector = requiredChild(requiredChild(node, 'Selector'), 'Expression');
  if (array.type !== 'dynamic' || array.shape !== 'strings') {
    throw unsupported(scope, 'indexing a value that is not an array made by split()', node);
  }
  const index = compileExpression(scope, selector);
  if (index.type !== 'long') throw unsupported(scope, `array index of type ${index.type}`, selector);
  const c = constantOf(index);
  // DuckDB lists are 1-based and also count negative indexes from the end.
  let position: string;
  if (c === null)
    return {
      type: 'dynamic',
      sql: 'CAST(NULL AS VARCHAR)',
      nullable: true,
      nullMeansFalse: false,
      shape: 'string',
    };
  if (typeof c === 'bigint') position = c >= 0n ? `${c + 1n}` : `${c}`;
  else position = `(CASE WHEN ${index.sql} >= 0 THEN ${index.sql} + 1 ELSE ${index.sql} END)`;
  return {
    type: 'dynamic',
    sql: `list_extract(${array.sql}, ${position})`,
    nullable: true,
    nullMeansFalse: false,
    shape: 'string',
  };
}
