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

const ASCII = /^[^\u0080-\uffff]*$/;

/** The SQL of a column that holds termShadowSql of the (case-folded) subject given, computed once per row. */
export type TermShadow = (foldedSubject: string) => string;

/** A piece of a needle or pattern: text known here, or SQL that DuckDB computes. */
type Piece = { text: string } | { sql: string };

/**
 * A needle as the comparison sees it, written so that DuckDB has as little to fold as possible: hundreds of
 * exclusions otherwise mean thousands of lower() and regexp_escape() calls to bind and fold in every query.
 * DuckDB's lower() maps ASCII exactly as toLowerCase does (A-Z to a-z, nothing else), so an ASCII needle is
 * folded here; any other needle is left to lower(), the one definition of case-insensitive.
 */
function foldedNeedle(needle: string, caseSensitive: boolean): Piece {
  if (caseSensitive) return { text: needle };
  return ASCII.test(needle) ? { text: needle.toLowerCase() } : { sql: `lower(${sqlString(needle)})` };
}

function needleSql(needle: string, caseSensitive: boolean): string {
  return pieceSql(foldedNeedle(needle, caseSensitive));
}

/** RE2's QuoteMeta, which DuckDB's regexp_escape() is: a backslash before each ASCII character other than a
 * letter, a digit or '_', NUL as \x00, everything else as it is. */
function quoteMeta(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\u0000') out += '\\x00';
    else if (/^[A-Za-z0-9_]$/.test(ch) || (ch.codePointAt(0) ?? 0) >= 0x80) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

/** The needle as a regex that matches it literally. */
function escapedNeedle(needle: string, caseSensitive: boolean): Piece {
  const folded = foldedNeedle(needle, caseSensitive);
  return 'text' in folded ? { text: quoteMeta(folded.text) } : { sql: `regexp_escape(${folded.sql})` };
}

function pieceSql(piece: Piece): string {
  return 'text' in piece ? sqlString(piece.text) : piece.sql;
}

/** Concatenation of pieces in SQL, neighbouring known texts joined into one literal. */
function concatSql(pieces: readonly Piece[]): string {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if ('text' in piece && last && 'text' in last)
      merged[merged.length - 1] = { text: last.text + piece.text };
    else merged.push(piece);
  }
  return merged.length === 0 ? "''" : merged.map(pieceSql).join(' || ');
}

// Stand-ins for the characters outside ASCII in a term shadow: one for letters and digits, one for the rest.
// Private-use code points, which are neither letters nor digits: one that occurs in the data is a non-term
// character and becomes NON_TERM like any other.
const TERM = '\uE000';
const NON_TERM = '\uE001';
// The shadow marks where each run of term characters begins and ends with MARK; the subject's own MARK
// characters become MARK_STAND_IN first, so that every MARK in a shadow is a boundary.
const MARK = '\u0001';
const MARK_STAND_IN = '\u0002';

/**
 * The subject, character for character, with every letter or digit outside ASCII replaced by TERM and every
 * other character outside ASCII by NON_TERM (ASCII strings as they are), then MARK put on both sides of every
 * run of term characters. An ASCII needle with MARK put the same way (markedNeedle) occurs in the shadow
 * exactly where the needle occurs in the subject on term boundaries, which is what has asks: so a has test
 * on the shadow is a plain substring test, and a hundred has tests on one column cost one regex (this one,
 * computed once per row by the stage that holds the shadow) instead of a hundred, each compiled by DuckDB
 * at every place it appears in a query.
 */
export function termShadowSql(subject: string): string {
  const own = `replace(${subject}, chr(1), chr(2))`;
  const nonTerm = `regexp_replace(${own}, ${sqlString(`[^\\x00-\\x7f${TERM_CLASS}]`)}, ${sqlString(NON_TERM)}, 'g')`;
  const ascii = `regexp_replace(${nonTerm}, ${sqlString('[^\\x00-\\x7f\\x{E001}]')}, ${sqlString(TERM)}, 'g')`;
  const shadow = `CASE WHEN regexp_matches(${own}, ${sqlString('[^\\x00-\\x7f]')}) THEN ${ascii} ELSE ${own} END`;
  return `regexp_replace(${shadow}, ${sqlString('[A-Za-z0-9\\x{E000}]+')}, chr(1) || '\\0' || chr(1), 'g')`;
}

/** The (folded, ASCII) needle as it occurs in a term shadow, or undefined when it holds a MARK of its own. */
function markedNeedle(folded: string): string | undefined {
  if (folded.includes(MARK) || folded.includes(MARK_STAND_IN)) return undefined;
  return folded.replace(/[A-Za-z0-9]+/g, (run) => `${MARK}${run}${MARK}`);
}

/**
 * Kusto's has for one needle: the needle occurs in the subject with a term boundary on each side where
 * the needle itself begins or ends with a term character. A cheap substring test runs first so the regex
 * only sees candidate rows.
 */
function hasOne(subject: string, needle: string, caseSensitive: boolean, shadow?: TermShadow): string {
  const s = fold(subject, caseSensitive);
  const { start, end } = boundaries(needle);
  const prefilter = `contains(${s}, ${needleSql(needle, caseSensitive)})`;
  if (!start && !end) return prefilter;
  const marked =
    shadow && ASCII.test(needle) ? markedNeedle(caseSensitive ? needle : needle.toLowerCase()) : undefined;
  if (shadow && marked !== undefined) return `contains(${shadow(s)}, ${sqlString(marked)})`;
  const pattern = (before: string, after: string) =>
    concatSql([
      { text: start ? before : '' },
      escapedNeedle(needle, caseSensitive),
      { text: end ? after : '' },
    ]);
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
function hasAnyRegex(
  subject: string,
  needles: readonly string[],
  caseSensitive: boolean,
  shadow?: TermShadow,
): string {
  // With a term shadow and only ASCII needles, an alternation of the marked needles, no boundaries.
  if (shadow !== undefined && needles.every((n) => ASCII.test(n))) {
    const marked = [...new Set(needles)].map((n) => markedNeedle(caseSensitive ? n : n.toLowerCase()));
    if (marked.every((m) => m !== undefined))
      return `regexp_matches(${shadow(fold(subject, caseSensitive))}, ${sqlString(`(?:${marked.map((m) => quoteMeta(m as string)).join('|')})`)})`;
  }
  const groups = new Map<string, string[]>();
  for (const needle of new Set(needles)) {
    const { start, end } = boundaries(needle);
    const key = `${start ? 'S' : ''}${end ? 'E' : ''}`;
    const group = groups.get(key) ?? [];
    group.push(needle);
    groups.set(key, group);
  }
  const parts: Piece[] = [];
  for (const [key, group] of groups) {
    const escaped = group.map((n) => escapedNeedle(n, caseSensitive));
    // Known needles join into the pattern's text; otherwise one flat concat_ws rather than a chain of ||,
    // which nests one level per needle and meets DuckDB's expression depth limit at a few hundred needles.
    const alternation: Piece = escaped.every((e) => 'text' in e)
      ? { text: escaped.map((e) => (e as { text: string }).text).join('|') }
      : { sql: `concat_ws('|', ${escaped.map(pieceSql).join(', ')})` };
    const pre = key.includes('S') ? TERM_START : '';
    const post = key.includes('E') ? TERM_END : '';
    if (parts.length > 0) parts.push({ text: '|' });
    parts.push({ text: `(?:${pre}(?:` }, alternation, { text: `)${post})` });
  }
  const s = fold(subject, caseSensitive);
  return `regexp_matches(${s}, ${concatSql(parts)})`;
}

/**
 * `in` / `in~` over many constants as one anchored alternation of the escaped values: DuckDB runs a long
 * IN list as a chain of comparisons per row, while RE2 matches the alternation in one pass (measured: tens
 * of times faster at a few hundred values, as the fleet sweep's merged file-name lists have). Exactly the
 * same answer: the subject equals a value (after lower() for in~) exactly when it fully matches the escaped
 * value. One flat concat_ws, as in hasAnyRegex, so DuckDB folds the pattern to one constant.
 */
function inListRegex(subject: string, needles: readonly string[], caseSensitive: boolean): string {
  const escaped = [...new Set(needles)].map((n) => escapedNeedle(n, caseSensitive));
  // Known needles join into one literal; otherwise one flat concat_ws, which DuckDB folds to one constant.
  const alternation = escaped.every((e) => 'text' in e)
    ? sqlString(escaped.map((e) => (e as { text: string }).text).join('|'))
    : `concat_ws('|', ${escaped.map(pieceSql).join(', ')})`;
  return `regexp_full_match(${fold(subject, caseSensitive)}, '(?:' || ${alternation} || ')')`;
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
export function stringMatchSql(
  op: StringOperator,
  subject: string,
  needles: readonly string[],
  shadow?: TermShadow,
): string {
  const only = (): string => {
    const needle = needles[0];
    if (needles.length !== 1 || needle === undefined) throw new Error(`${op} takes exactly one needle`);
    return needle;
  };
  const one = (): string => sqlString(only());
  switch (op) {
    case '==':
      return `(${subject} = ${one()})`;
    case '=~':
      return `(lower(${subject}) = ${needleSql(only(), false)})`;
    case 'in':
      if (needles.length > IN_LIST_REGEX_LIMIT) return inListRegex(subject, needles, true);
      return `(${subject} IN (${needles.map(sqlString).join(', ')}))`;
    case 'in~':
      if (needles.length > IN_LIST_REGEX_LIMIT) return inListRegex(subject, needles, false);
      return `(lower(${subject}) IN (${needles.map((n) => needleSql(n, false)).join(', ')}))`;
    case 'contains':
      return `contains(lower(${subject}), ${needleSql(only(), false)})`;
    case 'contains_cs':
      return `contains(${subject}, ${one()})`;
    case 'startswith':
      return `starts_with(lower(${subject}), ${needleSql(only(), false)})`;
    case 'startswith_cs':
      return `starts_with(${subject}, ${one()})`;
    case 'endswith':
      return `ends_with(lower(${subject}), ${needleSql(only(), false)})`;
    case 'endswith_cs':
      return `ends_with(${subject}, ${one()})`;
    case 'has':
    case 'has_cs': {
      one();
      return hasOne(subject, needles[0] as string, op === 'has_cs', shadow);
    }
    case 'has_any':
      if (needles.length > HAS_ANY_SPLIT_LIMIT) return hasAnyRegex(subject, needles, false, shadow);
      return `(${needles.map((n) => hasOne(subject, n, false, shadow)).join(' OR ')})`;
    case 'has_all':
      return `(${needles.map((n) => hasOne(subject, n, false, shadow)).join(' AND ')})`;
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
