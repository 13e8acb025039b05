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
/** With a term shadow, up to this many has_any needles are one alternation of marked needles; beyond, keyed. */
const SHADOW_ALTERNATION_LIMIT = 64;
/** With a term shadow column, up to this many keys are tested with contains() on it instead of a regex. */
const SHADOW_KEY_TESTS = 8;
/** Keys shorter than this are taken only when a needle has no longer term. */
const MIN_KEY_LENGTH = 4;
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
// In SQL they are written as chr() calls: a character above U+00FF would make V8 hold the whole query text
// (over 100 KB with hundreds of exclusions) in two bytes per character, and every copy of it twice as large.
const TERM_SQL = 'chr(57344)'; // U+E000
const NON_TERM_SQL = 'chr(57345)'; // U+E001
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
export function termShadowSql(subject: string, { rare = false }: { rare?: boolean } = {}): string {
  const own = `replace(${subject}, chr(1), chr(2))`;
  // For rows that are rare (those a keyed has_any checks), the patterns of the non-ASCII part depend on the row:
  // DuckDB then compiles them for the few non-ASCII rows that reach them, not in every query.
  const pattern = (text: string) => (rare ? `${sqlString(text)} || left(${own}, 0)` : sqlString(text));
  const nonTerm = `regexp_replace(${own}, ${pattern(`[^\\x00-\\x7f${TERM_CLASS}]`)}, ${NON_TERM_SQL}, 'g')`;
  const ascii = `regexp_replace(${nonTerm}, ${pattern('[^\\x00-\\x7f\\x{E001}]')}, ${TERM_SQL}, 'g')`;
  const nonAscii = rare
    ? `strlen(${own}) <> length(${own})`
    : `regexp_matches(${own}, ${sqlString('[^\\x00-\\x7f]')})`;
  const shadow = `CASE WHEN ${nonAscii} THEN ${ascii} ELSE ${own} END`;
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
 * has_any: the ASCII needles that hold a letter or digit are keyed (keyedHasAny); the others, and all of them
 * where a term shadow is at hand and they are few, one regex.
 */
function hasAnyRegex(
  subject: string,
  needles: readonly string[],
  caseSensitive: boolean,
  shadow?: TermShadow,
): string {
  const s = fold(subject, caseSensitive);
  const unique = [...new Set(needles)];
  // With a term shadow and a few ASCII needles, an alternation of the marked needles, no boundaries.
  if (
    shadow !== undefined &&
    unique.length <= SHADOW_ALTERNATION_LIMIT &&
    unique.every((n) => ASCII.test(n))
  ) {
    const marked = unique.map((n) => markedNeedle(caseSensitive ? n : n.toLowerCase()));
    if (marked.every((m) => m !== undefined))
      return `regexp_matches(${shadow(s)}, ${sqlString(`(?:${marked.map((m) => quoteMeta(m as string)).join('|')})`)})`;
  }
  const { groups, rest } = needlePlan(unique, caseSensitive);
  const parts: string[] = [];
  if (groups.length > 0) {
    // The SQL of a no-shadow test depends on the subject and needles alone: remembered, since every query of
    // a run (and every run) translates the same exclusions again.
    const key = `${caseSensitive ? 'cs' : 'ci'}\u0000${s}\u0000${unique.join('\u0000')}`;
    parts.push(
      shadow
        ? keyedHasAny(s, groups, caseSensitive, shadow(s))
        : remembered(key, () => keyedHasAny(s, groups, caseSensitive)),
    );
  }
  if (rest.length > 0) parts.push(boundaryRegex(s, rest, caseSensitive));
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
}

/** Needles grouped by key (see keyedHasAny), marked; and the needles that cannot be keyed. */
interface NeedlePlan {
  groups: readonly (readonly [key: string, marked: readonly string[]])[];
  rest: readonly string[];
}

const TERMS = /[A-Za-z0-9]+/g;

function needlePlan(needles: readonly string[], caseSensitive: boolean): NeedlePlan {
  const key = `${caseSensitive ? 'cs' : 'ci'}\u0000${needles.join('\u0000')}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const keyed: { marked: string; terms: string[] }[] = [];
  const rest: string[] = [];
  const shared = new Map<string, number>();
  for (const needle of needles) {
    const folded = caseSensitive ? needle : needle.toLowerCase();
    const marked = ASCII.test(needle) ? markedNeedle(folded) : undefined;
    const terms = marked === undefined ? [] : [...new Set(folded.match(TERMS) ?? [])];
    if (marked === undefined || terms.length === 0) {
      rest.push(needle);
      continue;
    }
    keyed.push({ marked, terms });
    for (const t of terms) shared.set(t, (shared.get(t) ?? 0) + 1);
  }
  // A needle's key: preferably a term of MIN_KEY_LENGTH or more (shorter ones match too many rows), then the
  // term most needles share (fewer keys, a shorter gate), then the longest.
  const score = (t: string) =>
    (t.length >= MIN_KEY_LENGTH ? 1e12 : 0) + (shared.get(t) ?? 0) * 1e4 + Math.min(t.length, 9999);
  const groups = new Map<string, string[]>();
  for (const { marked, terms } of keyed) {
    let best = terms[0] as string;
    for (const t of terms) if (score(t) > score(best) || (score(t) === score(best) && t < best)) best = t;
    const group = groups.get(best) ?? [];
    group.push(marked);
    groups.set(best, group);
  }
  const plan: NeedlePlan = { groups: [...groups], rest };
  if (plans.size >= PLAN_MEMO_SIZE) plans.delete(plans.keys().next().value as string);
  plans.set(key, plan);
  return plan;
}

const PLAN_MEMO_SIZE = 2_000;
const plans = new Map<string, NeedlePlan>();
const sqlMemo = new Map<string, string>();

function remembered(key: string, make: () => string): string {
  const known = sqlMemo.get(key);
  if (known !== undefined) return known;
  const sql = make();
  if (sqlMemo.size >= PLAN_MEMO_SIZE) sqlMemo.delete(sqlMemo.keys().next().value as string);
  sqlMemo.set(key, sql);
  return sql;
}

/**
 * has_any of folded ASCII needles that each hold a letter or digit, with no regex built from the needles:
 * DuckDB compiles a regex at bind time and again on each thread, in every query, and an alternation of
 * thousands of needles (a run's exclusions with lists) takes tens of milliseconds each time. Instead each
 * needle gets one of its terms as key, a term many needles share if it is long enough to be rare in data;
 * a row is checked for a group of needles only when it contains the group's key (a substring test, which
 * every match passes since the key is part of the needle), and then, on its term shadow, with a substring
 * test per needle (markedNeedle). Rows without any key, the most, cost a few substring tests.
 */
function keyedHasAny(
  folded: string,
  groups: NeedlePlan['groups'],
  caseSensitive: boolean,
  shadowSql?: string,
): string {
  const keys = groups.map(([key]) => key);
  // Lambdas below read only their own parameters: one that reads a column of the row (a capture) costs
  // DuckDB work in proportion to the data scanned, not to the rows it is given.
  const verify = groups
    .map(([key, marked]) => {
      const test =
        marked.length === 1
          ? `contains(kql_term_shadow, ${sqlString(marked[0] as string)})`
          : `len(list_filter(list_zip(string_split(${sqlString(marked.join(MARK_STAND_IN))}, chr(2)), list_resize(${NO_STRINGS}, ${marked.length}, kql_term_shadow)), kql_pair -> contains(kql_pair[2], kql_pair[1]))) > 0`;
      // CASE evaluates THEN only for the rows its WHEN keeps.
      return groups.length === 1
        ? test
        : `(CASE WHEN contains(kql_term_shadow, ${sqlString(markedNeedle(key) as string)}) THEN ${test} ELSE false END)`;
    })
    .join(' OR ');
  // With a shadow column at hand and few keys, substring tests of the marked keys on it decide the same
  // as keyGate without a regex to compile.
  const gate =
    shadowSql && keys.length <= SHADOW_KEY_TESTS
      ? keys.map((k) => `contains(${shadowSql}, ${sqlString(markedNeedle(k) as string)})`).join(' OR ')
      : keyGate(folded, groups, caseSensitive);
  // The rows that pass the gate get their term shadow computed once, as a lambda's parameter.
  const checked = shadowSql
    ? bindSql(shadowSql, 'kql_term_shadow', verify)
    : bindSql(
        folded,
        'kql_folded',
        bindSql(termShadowSql('kql_folded', { rare: true }), 'kql_term_shadow', verify),
      );
  return `(CASE WHEN ${gate} THEN ${checked} ELSE false END)`;
}

/**
 * Every match of a keyed needle holds its key as a whole term, so a row whose folded text never has a key
 * between two characters other than ASCII letters and digits has no match. One short regex of ASCII classes;
 * being a regex, DuckDB also keeps it out of the table scan, so it runs after the hunt's own filters.
 */
function keyGate(folded: string, groups: NeedlePlan['groups'], caseSensitive: boolean): string {
  const letters = caseSensitive ? 'A-Za-z0-9' : 'a-z0-9';
  const keys = groups.map(([key]) => key);
  const gate = `regexp_matches(${folded}, ${sqlString(`(?:^|[^${letters}])(?:${keys.join('|')})(?:$|[^${letters}])`)})`;
  // Needles that share more than their key (a script's name and numbers, a domain) let only rows holding
  // that longer text through: the check behind the gate costs far more per row than a substring test.
  if (groups.length > SHARED_TEXT_GROUPS) return gate;
  const shared = groups.map(([key, marked]) => {
    const text = sharedText(marked);
    return text.length >= key.length + 2 ? text : undefined;
  });
  if (shared.some((t) => t === undefined)) return gate;
  return `(${gate} AND (${shared.map((t) => `contains(${folded}, ${sqlString(t as string)})`).join(' OR ')}))`;
}

/** Up to this many key groups, the gate also tests the text each group's needles share (sharedText). */
const SHARED_TEXT_GROUPS = 4;
const sharedTexts = new WeakMap<readonly string[], string>();

/**
 * The longest text that every needle of a group holds (as folded, without marks), e.g. 'maintenance-task-'
 * for 'maintenance-task-1.ps1' and 'maintenance-task-2.ps1': a row that has any of them holds it.
 */
function sharedText(marked: readonly string[]): string {
  const known = sharedTexts.get(marked);
  if (known !== undefined) return known;
  const needles = marked.map((m) => m.replaceAll(MARK, ''));
  const shortest = needles.reduce((a, b) => (b.length < a.length ? b : a), needles[0] ?? '');
  let found = '';
  for (let length = shortest.length; length > 0 && found === ''; length--) {
    for (let start = 0; start + length <= shortest.length; start++) {
      const text = shortest.slice(start, start + length);
      if (needles.every((n) => n.includes(text))) {
        found = text;
        break;
      }
    }
  }
  sharedTexts.set(marked, found);
  return found;
}

const NO_STRINGS = 'CAST([] AS VARCHAR[])';
const NO_HITS = 'CAST([] AS BIGINT[])';

/** A list of needle numbers in SQL: a range where they run on one by one, as they mostly do. */
function numbersSql(numbers: readonly number[]): string {
  const first = numbers[0];
  const runs = first !== undefined && numbers.every((n, i) => n === first + i);
  return runs && numbers.length > 2
    ? `range(${first}, ${first + numbers.length})`
    : `CAST([${numbers.join(', ')}] AS BIGINT[])`;
}

/** Whether hasHitsSql can answer a has test of this needle: ASCII, with a letter or digit to key it by. */
export function keyableHasNeedle(needle: string): boolean {
  return (
    ASCII.test(needle) &&
    !needle.includes(MARK) &&
    !needle.includes(MARK_STAND_IN) &&
    /[A-Za-z0-9]/.test(needle)
  );
}

/** Which of many tests a row passes, as one value (hasHitsSql, scopedHitsSql). */
export interface TestHits {
  /** The row's hits: the numbers of what it passes (needles, conditions), none when it passes nothing. */
  readonly sql: string;
  /** SQL true when test `i` (of those given) passes, for a column that holds the hits. */
  readonly test: (i: number, hits: string) => string;
  /** The numbers of which test `i` passes when the hits hold any. */
  readonly numbers: (i: number) => readonly number[];
}

/**
 * Many has / has_any tests on one subject (e.g. the group keys `Match_0=(x has 'a'), Match_1=(x has_any
 * ('b', 'c')), …` of the query that measures exclusions), answered by one value per row instead of one per
 * test: the list of the needles the row has, numbered. The gate and key groups are keyedHasAny's, so a row
 * without any key costs one short regex, and a row that passes it is checked, on its term shadow, for the
 * needles of the keys it holds. Undefined when a needle cannot be keyed (keyableHasNeedle).
 */
export function hasHitsSql(
  subject: string,
  tests: readonly (readonly string[])[],
  caseSensitive: boolean,
): TestHits | undefined {
  // Every query of a run, and every run, measures the same exclusions again.
  const key = JSON.stringify([subject, caseSensitive, tests]);
  const known = hitsMemo.get(key);
  if (known !== undefined) return known ?? undefined;
  const hits = makeHasHits(subject, tests, caseSensitive);
  if (hitsMemo.size >= HITS_MEMO_SIZE) hitsMemo.delete(hitsMemo.keys().next().value as string);
  hitsMemo.set(key, hits ?? null);
  return hits;
}

const HITS_MEMO_SIZE = 64;
const hitsMemo = new Map<string, TestHits | null>();

function makeHasHits(
  subject: string,
  tests: readonly (readonly string[])[],
  caseSensitive: boolean,
): TestHits | undefined {
  // Needles numbered by their marked form (needles that fold alike are one), each kept as first written.
  const numbers = new Map<string, number>();
  const firsts: string[] = [];
  const testNumbers: number[][] = [];
  for (const needles of tests) {
    const own = new Set<number>();
    for (const needle of needles) {
      if (!ASCII.test(needle)) return undefined;
      const marked = markedNeedle(caseSensitive ? needle : needle.toLowerCase());
      if (marked === undefined) return undefined;
      let n = numbers.get(marked);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(marked, n);
        firsts.push(needle);
      }
      own.add(n);
    }
    testNumbers.push([...own]);
  }
  const { groups, rest } = needlePlan(firsts, caseSensitive);
  if (rest.length > 0 || groups.length === 0) return undefined;
  const folded = fold(subject, caseSensitive);
  const parts = groups.map(([key, marked]) => {
    // One needle: its own substring test (it holds its key).
    if (marked.length === 1)
      return `(CASE WHEN contains(kql_term_shadow, ${sqlString(marked[0] as string)}) THEN ${numbersSql([numbers.get(marked[0] as string) as number])} ELSE ${NO_HITS} END)`;
    const hits = `list_transform(list_filter(list_zip(string_split(${sqlString(marked.join(MARK_STAND_IN))}, chr(2)), list_resize(${NO_STRINGS}, ${marked.length}, kql_term_shadow), ${numbersSql(marked.map((m) => numbers.get(m) as number))}), kql_pair -> contains(kql_pair[2], kql_pair[1])), kql_pair -> kql_pair[3])`;
    // CASE evaluates THEN only for the rows its WHEN keeps: the needles of keys the row does not hold cost nothing.
    return groups.length === 1
      ? hits
      : `(CASE WHEN contains(kql_term_shadow, ${sqlString(markedNeedle(key) as string)}) THEN ${hits} ELSE ${NO_HITS} END)`;
  });
  const all = parts.length === 1 ? (parts[0] as string) : `flatten([${parts.join(', ')}])`;
  const checked = bindSql(
    folded,
    'kql_folded',
    bindSql(termShadowSql('kql_folded', { rare: true }), 'kql_term_shadow', all),
  );
  return {
    sql: `(CASE WHEN ${keyGate(folded, groups, caseSensitive)} THEN ${checked} ELSE ${NO_HITS} END)`,
    numbers: (i) => testNumbers[i] ?? [],
    test: (i, hits) => {
      const own = testNumbers[i];
      if (own === undefined) throw new Error(`hasHitsSql: no test ${i}`);
      return own.length === 1
        ? `list_contains(${hits}, ${own[0]})`
        : `list_has_any(${hits}, ${numbersSql(own)})`;
    },
  };
}

/** `body` with `value` computed once and named `name`: a one-element list's lambda. */
function bindSql(value: string, name: string, body: string): string {
  return `list_transform(list_resize(${NO_STRINGS}, 1, ${value}), ${name} -> (${body}))[1]`;
}

/**
 * One regex for many needles: needles grouped by which boundaries they need, each group an alternation. The
 * pattern is built from constants only, so DuckDB folds it and compiles the regex once per query.
 */
function boundaryRegex(s: string, needles: readonly string[], caseSensitive: boolean): string {
  const groups = new Map<string, string[]>();
  for (const needle of needles) {
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
