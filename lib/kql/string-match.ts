// DuckDB SQL for Kusto's string operators (==, =~, in, in~, has*, contains*, startswith*, endswith*) against
// constant needles. Case-insensitive means "equal after DuckDB lower()", the same definition in every operator,
// and needles only ever enter SQL through sqlString, including when they become part of a regex.
import { sqlString } from './literal';

export type StringOperator =
  | '=='
  | '=~'
  | 'in'
  | 'in~'
  | 'has'
  | 'has_cs'
  | 'has_any'
  | 'has_all'
  | 'contains'
  | 'contains_cs'
  | 'startswith'
  | 'startswith_cs'
  | 'endswith'
  | 'endswith_cs';

// A "term" character for has: a Unicode letter or digit. Everything else separates terms.
const TERM_CLASS = '\\pL\\pN';
const TERM_START = `(^|[^${TERM_CLASS}])`;
const TERM_END = `($|[^${TERM_CLASS}])`;
// An ASCII character that is not a letter or digit: a term boundary in any case rule.
const ASCII_SEPARATOR = '[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]';
const ASCII_TERM_START = `(^|${ASCII_SEPARATOR})`;
const ASCII_TERM_END = `($|${ASCII_SEPARATOR})`;
/** Above this many needles, has_any uses one alternation regex instead of one prefiltered check per needle. */
const HAS_ANY_SPLIT_LIMIT = 16;
/** Above this many values, in and in~ match one anchored alternation regex instead of an IN list. */
const IN_LIST_REGEX_LIMIT = 16;

// Classifying a single character of a needle value, never KQL text.
const termChar = /^[\p{L}\p{N}]$/u;

function isTermChar(ch: string | undefined): boolean {
  return ch !== undefined && termChar.test(ch);
}

function firstChar(s: string): string | undefined {
  const cp = s.codePointAt(0);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

function lastChar(s: string): string | undefined {
  const chars = Array.from(s.slice(-2));
  return chars[chars.length - 1];
}

/** A needle only has to sit on a term boundary at an end where it starts or ends with a term character. */
function boundaries(needle: string): { start: boolean; end: boolean } {
  return { start: isTermChar(firstChar(needle)), end: isTermChar(lastChar(needle)) };
}

function fold(sql: string, caseSensitive: boolean): string {
  return caseSensitive ? sql : `lower(${sql})`;
}

/**
 * Kusto's has for one needle: the needle occurs in the subject with a term boundary on each side where
 * the needle itself begins or ends with a term character. A cheap substring test runs first so the regex
 * only sees candidate rows.
 */
function hasOne(subject: string, needle: string, caseSensitive: boolean): string {
  const s = fold(subject, caseSensitive);
  const n = fold(sqlString(needle), caseSensitive);
  const { start, end } = boundaries(needle);
  const prefilter = `contains(${s}, ${n})`;
  if (!start && !end) return prefilter;
  const pattern = (before: string, after: string) =>
    [start ? sqlString(before) : '', `regexp_escape(${n})`, end ? sqlString(after) : '']
      .filter((p) => p !== '')
      .join(' || ');
  // RE2 takes some 10 ms to compile the Unicode letter classes, once per regex of a query: a query with
  // hundreds of has tests (the fleet sweep's tags) would spend seconds compiling. So an ASCII pattern decides
  // first: an ASCII neighbour that is not a letter or digit is a boundary, exactly. Only where that fails and
  // the subject holds non-ASCII characters does the Unicode pattern decide; it is made to depend on the row so
  // that DuckDB compiles it for those rare rows alone, not for every query.
  const ascii = `regexp_matches(${s}, ${pattern(ASCII_TERM_START, ASCII_TERM_END)})`;
  const unicode = `regexp_matches(${s}, ${pattern(TERM_START, TERM_END)} || left(${s}, 0))`;
  return `(${prefilter} AND (${ascii} OR (strlen(${s}) <> length(${s}) AND ${unicode})))`;
}

/**
 * One regex for many needles: needles grouped by which boundaries they need, each group an alternation. The
 * pattern is built from constants only, so DuckDB folds it and compiles the regex once per query.
 */
function hasAnyRegex(subject: string, needles: readonly string[], caseSensitive: boolean): string {
  const groups = new Map<string, string[]>();
  for (const needle of new Set(needles)) {
    const { start, end } = boundaries(needle);
    const key = `${start ? 'S' : ''}${end ? 'E' : ''}`;
    const group = groups.get(key) ?? [];
    group.push(needle);
    groups.set(key, group);
  }
  const parts: string[] = [];
  for (const [key, group] of groups) {
    // One flat concat_ws rather than a chain of ||, which nests one level per needle and meets DuckDB's
    // expression depth limit at a few hundred needles.
    const escaped = `concat_ws('|', ${group.map((n) => `regexp_escape(${fold(sqlString(n), caseSensitive)})`).join(', ')})`;
    const pre = key.includes('S') ? TERM_START : '';
    const post = key.includes('E') ? TERM_END : '';
    parts.push(`${sqlString(`(?:${pre}(?:`)} || ${escaped} || ${sqlString(`)${post})`)}`);
  }
  return `regexp_matches(${fold(subject, caseSensitive)}, ${parts.join(` || '|' || `)})`;
}

/**
 * `in` / `in~` over many constants as one anchored alternation of the escaped values: DuckDB runs a long
 * IN list as a chain of comparisons per row, while RE2 matches the alternation in one pass (measured: tens
 * of times faster at a few hundred values, as the fleet sweep's merged file-name lists have). Exactly the
 * same answer: the subject equals a value (after lower() for in~) exactly when it fully matches the escaped
 * value. One flat concat_ws, as in hasAnyRegex, so DuckDB folds the pattern to one constant.
 */
function inListRegex(subject: string, needles: readonly string[], caseSensitive: boolean): string {
  const escaped = [...new Set(needles)].map((n) => `regexp_escape(${fold(sqlString(n), caseSensitive)})`);
  return `regexp_full_match(${fold(subject, caseSensitive)}, '(?:' || concat_ws('|', ${escaped.join(', ')}) || ')')`;
}

/**
 * has_any (or has_any with has_cs's case rule) as one regex however few the needles: what the translator
 * uses when it merges several has tests on one subject, e.g. a chain of `not(x has 'a') and not(x has 'b')`.
 */
export function hasAnyMergedSql(subject: string, needles: readonly string[], caseSensitive: boolean): string {
  return hasAnyRegex(subject, needles, caseSensitive);
}

/**
 * SQL that is true when `subject` (never NULL here) matches the needles under `op`. For in/in~/has_any
 * any needle may match, for has_all every one; the other operators take exactly one needle.
 */
export function stringMatchSql(op: StringOperator, subject: string, needles: readonly string[]): string {
  const one = (): string => {
    const needle = needles[0];
    if (needles.length !== 1 || needle === undefined) throw new Error(`${op} takes exactly one needle`);
    return sqlString(needle);
  };
  switch (op) {
    case '==':
      return `(${subject} = ${one()})`;
    case '=~':
      return `(lower(${subject}) = lower(${one()}))`;
    case 'in':
      if (needles.length > IN_LIST_REGEX_LIMIT) return inListRegex(subject, needles, true);
      return `(${subject} IN (${needles.map(sqlString).join(', ')}))`;
    case 'in~':
      if (needles.length > IN_LIST_REGEX_LIMIT) return inListRegex(subject, needles, false);
      return `(lower(${subject}) IN (${needles.map((n) => `lower(${sqlString(n)})`).join(', ')}))`;
    case 'contains':
      return `contains(lower(${subject}), lower(${one()}))`;
    case 'contains_cs':
      return `contains(${subject}, ${one()})`;
    case 'startswith':
      return `starts_with(lower(${subject}), lower(${one()}))`;
    case 'startswith_cs':
      return `starts_with(${subject}, ${one()})`;
    case 'endswith':
      return `ends_with(lower(${subject}), lower(${one()}))`;
    case 'endswith_cs':
      return `ends_with(${subject}, ${one()})`;
    case 'has':
    case 'has_cs': {
      one();
      return hasOne(subject, needles[0] as string, op === 'has_cs');
    }
    case 'has_any':
      if (needles.length > HAS_ANY_SPLIT_LIMIT) return hasAnyRegex(subject, needles, false);
      return `(${needles.map((n) => hasOne(subject, n, false)).join(' OR ')})`;
    case 'has_all':
      return `(${needles.map((n) => hasOne(subject, n, false)).join(' AND ')})`;
  }
}

/**
 * What the operator answers for the empty string, which is what a SQL NULL string means in Kusto terms.
 * Every needle-based operator above matches '' exactly when the needle is '' (has included: a needle
 * without term characters is matched as a plain substring).
 */
export function matchesEmptyString(op: StringOperator, needles: readonly string[]): boolean {
  if (op === 'has_all') return needles.every((n) => n === '');
  return needles.some((n) => n === '');
}

/**
 * has_any over the values of a subquery column, with the same meaning as constant needles: each value is a
 * needle (NULL is ''), matched case-insensitively with a term boundary on each side where the needle begins or
 * ends with a letter or digit. The needles and their patterns are gathered once by an uncorrelated scalar
 * subquery, so the subquery's column names never shadow the outer row's; each row then tests the list, the
 * cheap substring check first.
 */
export function hasAnyOfSubquerySql(subject: string, column: string, from: string): string {
  const n = `lower(coalesce(${column}, ''))`;
  const start = `CASE WHEN regexp_matches(${n}, ${sqlString(`^[${TERM_CLASS}]`)}) THEN ${sqlString(TERM_START)} ELSE '' END`;
  const end = `CASE WHEN regexp_matches(${n}, ${sqlString(`[${TERM_CLASS}]$`)}) THEN ${sqlString(TERM_END)} ELSE '' END`;
  const needle = `{'n': ${n}, 'p': ${start} || regexp_escape(${n}) || ${end}}`;
  const needles = `coalesce((SELECT list(DISTINCT ${needle}) FROM ${from}), CAST([] AS STRUCT(n VARCHAR, p VARCHAR)[]))`;
  const s = `lower(${subject})`;
  const match = `CASE WHEN contains(${s}, kql_needle.n) THEN regexp_matches(${s}, kql_needle.p) ELSE FALSE END`;
  return `(len(list_filter(${needles}, kql_needle -> ${match})) > 0)`;
}
