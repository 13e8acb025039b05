// Microsoft's Kusto parser (Kusto.Language compiled to JS), loaded once on first use, behind a typed facade:
// the rest of lib/kql reads plain syntax nodes instead of Bridge.NET objects.
import { createRequire } from 'node:module';

/** One element of the syntax tree: a node, or a token when `isToken`. */
export interface KqlNode {
  /** The SyntaxKind name, e.g. 'FilterOperator', 'StringLiteralToken'. */
  readonly kind: string;
  readonly isToken: boolean;
  /** True when the parser made this element up in place of missing text. */
  readonly isMissing: boolean;
  /** Offset of the first character, leading whitespace and comments excluded. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** Offset where the leading whitespace and comments (trivia) begin. */
  readonly fullStart: number;
  /** Tokens only: the raw token text as written ('' for nodes). */
  readonly text: string;
  /** Tokens only: the literal's text without prefix, parentheses or quotes. */
  readonly valueText: string;
  /** String literal tokens only: the decoded value. */
  readonly stringValue: string | undefined;
  /** Present children with the name the parent gives them ('' inside lists). */
  readonly children: readonly KqlChild[];
}

export interface KqlChild {
  readonly name: string;
  readonly node: KqlNode;
}

export interface KqlDiagnostic {
  readonly message: string;
  readonly severity: string;
  readonly start: number;
  readonly length: number;
}

export interface RawParse {
  readonly root: KqlNode;
  readonly syntaxDiagnostics: readonly KqlDiagnostic[];
}

// The slice of the Bridge.NET surface this module touches.
interface BridgeList<T> {
  Count: number;
  getItem(index: number): T;
}
interface BridgeElement {
  Kind: number;
  IsToken: boolean;
  IsMissing: boolean;
  ChildCount: number;
  TriviaStart: number;
  TextStart: number;
  End: number;
  Text?: string | null;
  ValueText?: string | null;
  Value?: unknown;
  GetChild(index: number): BridgeElement | null;
  GetName(index: number): string | null;
  /** After semantic analysis: the symbol a name refers to (a column, a table, a function). */
  ReferencedSymbol?: BridgeSymbol | null;
  WalkElements(action: (element: BridgeElement) => void): void;
}
interface BridgeSymbol {
  Name: string | null;
  /** Column symbols: the columns a join or union column stands for. */
  OriginalColumns?: BridgeList<BridgeSymbol> | null;
  /** Table symbols: their columns. */
  Columns?: BridgeList<BridgeSymbol> | null;
}
interface BridgeDiagnostic {
  Message: string | null;
  Severity: string | null;
  Start: number;
  Length: number;
}
interface BridgeCode {
  Syntax: BridgeElement | null;
  /** After semantic analysis: the query's result, a table symbol for a tabular query. */
  ResultType?: BridgeSymbol | null;
  GetSyntaxDiagnostics(): BridgeList<BridgeDiagnostic> | null;
  GetDiagnostics(): BridgeList<BridgeDiagnostic> | null;
}
interface BridgeGlobalState {
  WithDatabase(database: unknown): BridgeGlobalState | null;
}
interface BridgeTableSymbol extends BridgeSymbol {
  WithName(name: string): BridgeTableSymbol | null;
}
interface BridgeKustoLanguage {
  KustoCode: {
    Parse(text: string): BridgeCode;
    ParseAndAnalyze(text: string, globals: BridgeGlobalState): BridgeCode;
  };
  GlobalState: { Default: BridgeGlobalState | null };
  Symbols: {
    TableSymbol: { From(schema: string): BridgeTableSymbol | null };
    DatabaseSymbol: { $ctor1: new (name: string, members: unknown[], isOpen: boolean) => unknown };
  };
  Syntax: { SyntaxKind: Record<string, unknown> };
}

interface Loaded {
  language: BridgeKustoLanguage;
  kindNames: Map<number, string>;
}

let loaded: Loaded | undefined;

/**
 * Keeps the parser's answers beyond the process (the command line's cache on disk). An answer is a plain JSON
 * value and a pure function of its key, which holds what was asked, the tables' schemas and the text; so a kept
 * answer is as good as a fresh one, and a store that holds every answer a run asks for spares loading the
 * parser at all.
 */
export interface KustoAnswerStore {
  /** The answer kept for this key, or undefined. */
  get(key: string): unknown;
  set(key: string, answer: unknown): void;
  /** Called before the parser loads into this process: may throw to refuse. */
  beforeParserLoads?(): void;
}

let answers: KustoAnswerStore | undefined;

/** Installs (or, with undefined, removes) the process's answer store. */
export function keepKustoAnswers(store: KustoAnswerStore | undefined): void {
  answers = store;
}

function answerKey(question: 'parse' | 'diagnostics' | 'reads', text: string, tables?: unknown): string {
  return JSON.stringify([question, tables ?? null, text]);
}

// Loading costs ~0.35 s and defines globals, so it happens once per process and only when KQL is parsed.
function load(): Loaded {
  if (loaded) return loaded;
  const scope = globalThis as { Kusto?: { Language?: BridgeKustoLanguage } };
  if (!scope.Kusto?.Language) {
    answers?.beforeParserLoads?.();
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  }
  const language = scope.Kusto?.Language;
  if (!language) throw new Error('The Kusto parser did not load (@kusto/language-service-next).');
  const kindNames = new Map<number, string>();
  for (const [name, value] of Object.entries(language.Syntax.SyntaxKind)) {
    if (typeof value === 'number') kindNames.set(value, name);
  }
  loaded = { language, kindNames };
  return loaded;
}

function convert(raw: BridgeElement, kindNames: Map<number, string>): KqlNode {
  const children: KqlChild[] = [];
  for (let i = 0; i < raw.ChildCount; i++) {
    const child = raw.GetChild(i);
    if (child) children.push({ name: raw.GetName(i) ?? '', node: convert(child, kindNames) });
  }
  const kind = kindNames.get(raw.Kind) ?? `Kind${raw.Kind}`;
  const isToken = raw.IsToken;
  const value = isToken && kind === 'StringLiteralToken' ? raw.Value : undefined;
  return {
    kind,
    isToken,
    isMissing: raw.IsMissing,
    start: raw.TextStart,
    end: raw.End,
    fullStart: raw.TriviaStart,
    text: isToken ? (raw.Text ?? '') : '',
    valueText: isToken ? (raw.ValueText ?? '') : '',
    stringValue: typeof value === 'string' ? value : undefined,
    children,
  };
}

function diagnosticsOf(list: BridgeList<BridgeDiagnostic> | null): KqlDiagnostic[] {
  const diagnostics: KqlDiagnostic[] = [];
  for (let i = 0; i < (list?.Count ?? 0); i++) {
    const d = list?.getItem(i);
    if (d) {
      diagnostics.push({
        message: d.Message ?? 'Syntax error',
        severity: d.Severity ?? 'Error',
        start: d.Start,
        length: d.Length,
      });
    }
  }
  return diagnostics;
}

/** A table the analyser should know: its name and Kusto schema text, e.g. "(Timestamp:datetime, ...)". */
export interface KqlTableSchema {
  readonly name: string;
  readonly schema: string;
}

interface Analysis {
  key: string;
  globals: BridgeGlobalState;
  /** The table symbols the analysis binds names to, in the order given. */
  symbols: BridgeTableSymbol[];
}

// Building the global state costs a few milliseconds; hunts check against the same table over and over.
const globalStates = new Map<string, Analysis>();

function analysisFor(language: BridgeKustoLanguage, tables: readonly KqlTableSchema[]): Analysis {
  const key = JSON.stringify(tables);
  let analysis = globalStates.get(key);
  if (!analysis) {
    const symbols = tables.map((t) => {
      const symbol = language.Symbols.TableSymbol.From(t.schema)?.WithName(t.name);
      if (!symbol) throw new Error(`The Kusto parser did not accept the schema of ${t.name}.`);
      return symbol;
    });
    const database = new language.Symbols.DatabaseSymbol.$ctor1('huntboard', symbols, false);
    const globals = language.GlobalState.Default?.WithDatabase(database) ?? undefined;
    if (!globals) throw new Error('The Kusto parser did not build a global state.');
    analysis = { key, globals, symbols };
    globalStates.set(key, analysis);
  }
  return analysis;
}

// A query is analysed for its pre-flight check and again for the columns it reads: the last few analyses are
// kept so that the second asks the first.
const RECENT_ANALYSES = 8;
const recentAnalyses = new Map<string, BridgeCode>();

function analyse(
  language: BridgeKustoLanguage,
  text: string,
  tables: readonly KqlTableSchema[],
): { code: BridgeCode; analysis: Analysis } {
  const analysis = analysisFor(language, tables);
  const key = `${analysis.key}\u0000${text}`;
  let code = recentAnalyses.get(key);
  if (code) recentAnalyses.delete(key);
  else code = language.KustoCode.ParseAndAnalyze(text, analysis.globals);
  recentAnalyses.set(key, code);
  for (const old of recentAnalyses.keys()) {
    if (recentAnalyses.size <= RECENT_ANALYSES) break;
    recentAnalyses.delete(old);
  }
  return { code, analysis };
}

/**
 * Parses and analyses KQL against the given tables: every diagnostic, syntax and semantic (unknown names,
 * operators applied to the wrong types), as the Kusto service itself would report them.
 */
export function analyzeRaw(text: string, tables: readonly KqlTableSchema[]): KqlDiagnostic[] {
  const key = answerKey('diagnostics', text, tables);
  const known = recalled(key) ?? answers?.get(key);
  if (known !== undefined) return known as KqlDiagnostic[];
  const diagnostics = diagnosticsOf(analyse(load().language, text, tables).code.GetDiagnostics());
  answers?.set(key, diagnostics);
  remember(key, diagnostics);
  return diagnostics;
}

// The analysis of a large query costs seconds (a fleet sweep's 130 KB, a hunt with hundreds of exclusions),
// and the same texts come back: every sweep of an unchanged catalog, every run of a hunt whose exclusions did
// not change. The answers (diagnostics, column reads) are small and pure functions of their key, so the
// process keeps the most recent ones, up to MEMO_KEY_CHARS characters of keys.
const MEMO_KEY_CHARS = 32 * 1024 * 1024;
const memo = new Map<string, unknown>();
let memoChars = 0;

function recalled(key: string): unknown {
  const answer = memo.get(key);
  if (answer === undefined) return undefined;
  memo.delete(key);
  memo.set(key, answer);
  return answer;
}

function remember(key: string, answer: unknown): void {
  if (key.length > MEMO_KEY_CHARS) return;
  if (!memo.has(key)) memoChars += key.length;
  memo.set(key, answer);
  for (const old of memo.keys()) {
    if (memoChars <= MEMO_KEY_CHARS) break;
    memo.delete(old);
    memoChars -= old.length;
  }
}

function* items<T>(list: BridgeList<T> | null | undefined): Generator<T> {
  for (let i = 0; i < (list?.Count ?? 0); i++) {
    const item = list?.getItem(i);
    if (item) yield item;
  }
}

/** What a query reads of each table it names: the columns, or every column (`*`, `pack_all()`). */
export interface KqlTableReads {
  readonly columns: ReadonlySet<string>;
  readonly everyColumn: boolean;
}

export interface KqlColumnReads {
  /** Per table the query names (by the name given in `tables`). */
  readonly tables: ReadonlyMap<string, KqlTableReads>;
  readonly diagnostics: readonly KqlDiagnostic[];
}

/**
 * The columns of the given tables a query reads, from Kusto's own name binding: every name that refers to one
 * of the tables' columns, every column the result passes through unchanged (`take`, `project-away`,
 * `arg_max(…, *)`), and the columns behind join and union columns. A `*` or `pack_all()` reads every column.
 */
export function analyzeColumnReads(text: string, tables: readonly KqlTableSchema[]): KqlColumnReads {
  const key = answerKey('reads', text, tables);
  const kept = (recalled(key) ?? answers?.get(key)) as KeptColumnReads | undefined;
  if (kept !== undefined)
    return {
      tables: new Map(
        kept.tables.map(([name, columns, everyColumn]) => [name, { columns: new Set(columns), everyColumn }]),
      ),
      diagnostics: kept.diagnostics,
    };
  const reads = columnReadsOf(text, tables);
  const answer: KeptColumnReads = {
    tables: [...reads.tables].map(([name, t]) => [name, [...t.columns], t.everyColumn]),
    diagnostics: reads.diagnostics,
  };
  answers?.set(key, answer);
  remember(key, answer);
  return reads;
}

/** Column reads as JSON keeps them. */
interface KeptColumnReads {
  tables: [name: string, columns: string[], everyColumn: boolean][];
  diagnostics: readonly KqlDiagnostic[];
}

function columnReadsOf(text: string, tables: readonly KqlTableSchema[]): KqlColumnReads {
  const { language, kindNames } = load();
  const { code, analysis } = analyse(language, text, tables);
  const { symbols } = analysis;
  const owners = new Map<BridgeSymbol, string>();
  const tableNames = new Map<BridgeSymbol, string>();
  symbols.forEach((symbol, i) => {
    const name = tables[i]?.name ?? '';
    tableNames.set(symbol, name);
    for (const column of items(symbol.Columns)) owners.set(column, name);
  });
  const reads = new Map<string, { columns: Set<string>; everyColumn: boolean }>();
  const entry = (table: string) => {
    let found = reads.get(table);
    if (!found) {
      found = { columns: new Set(), everyColumn: false };
      reads.set(table, found);
    }
    return found;
  };
  const seen = new Set<BridgeSymbol>();
  const visitColumn = (column: BridgeSymbol): void => {
    if (seen.has(column)) return;
    seen.add(column);
    const owner = owners.get(column);
    if (owner !== undefined && column.Name) entry(owner).columns.add(column.Name);
    for (const original of items(column.OriginalColumns)) visitColumn(original);
  };
  let wholeRows = false;
  code.Syntax?.WalkElements((element) => {
    const kind = kindNames.get(element.Kind);
    if (kind === 'StarExpression') wholeRows = true;
    const symbol = element.ReferencedSymbol;
    if (!symbol) return;
    const table = tableNames.get(symbol);
    if (table !== undefined) entry(table);
    else if (kind === 'FunctionCallExpression' && symbol.Name?.startsWith('pack_all')) wholeRows = true;
    else visitColumn(symbol);
  });
  for (const column of items(code.ResultType?.Columns)) visitColumn(column);
  if (wholeRows) for (const table of reads.values()) table.everyColumn = true;
  return { tables: reads, diagnostics: diagnosticsOf(code.GetDiagnostics()) };
}

// The same text is often parsed several times in a row (composed, checked, then translated), and a run's
// queries come back with every run of the hunt: a run with hundreds of exclusions parses some 100 KB per
// query, tens of milliseconds each. Trees are immutable, so the most recent are kept: at most RECENT_PARSES
// of them and RECENT_PARSE_CHARS characters of text (a tree takes some 40 bytes per character, so at most
// about 80 MB).
const RECENT_PARSES = 64;
const RECENT_PARSE_CHARS = 2_000_000;
const recentParses = new Map<string, RawParse>();
let recentParseChars = 0;

/** Parses KQL with Kusto.Language (syntax only, no schema) and returns the tree and the syntax diagnostics. */
export function parseRaw(text: string): RawParse {
  const recent = recentParses.get(text);
  if (recent) {
    recentParses.delete(text);
    recentParses.set(text, recent);
    return recent;
  }
  const key = answers && answerKey('parse', text);
  let parsed = key === undefined ? undefined : (answers?.get(key) as RawParse | undefined);
  if (parsed === undefined) {
    const { language, kindNames } = load();
    const code = language.KustoCode.Parse(text);
    if (!code.Syntax) throw new Error('The Kusto parser returned no syntax tree.');
    parsed = {
      root: convert(code.Syntax, kindNames),
      syntaxDiagnostics: diagnosticsOf(code.GetSyntaxDiagnostics()),
    };
    if (key !== undefined) answers?.set(key, parsed);
  }
  if (text.length > RECENT_PARSE_CHARS) return parsed;
  recentParses.set(text, parsed);
  recentParseChars += text.length;
  for (const old of recentParses.keys()) {
    if (recentParses.size <= RECENT_PARSES && recentParseChars <= RECENT_PARSE_CHARS) break;
    recentParses.delete(old);
    recentParseChars -= old.length;
  }
  return parsed;
}

/** The child the parent names `name` (e.g. 'Left', 'Operator', 'Expression'), if present. */
export function child(node: KqlNode, name: string): KqlNode | undefined {
  return node.children.find((c) => c.name === name)?.node;
}

/** Like `child`, for children the grammar always has; a missing one means the tree is not what we assumed. */
export function requiredChild(node: KqlNode, name: string): KqlNode {
  const found = child(node, name);
  if (!found) throw new Error(`Kusto syntax node ${node.kind} has no '${name}' child.`);
  return found;
}

/** The elements of a List node, unwrapping SeparatedElement (element + comma) pairs. */
export function listElements(list: KqlNode | undefined): KqlNode[] {
  if (!list) return [];
  const out: KqlNode[] = [];
  for (const { node } of list.children) {
    if (node.kind === 'SeparatedElement') {
      const element = node.children[0]?.node;
      if (element && !element.isMissing) out.push(element);
    } else if (!node.isMissing) {
      out.push(node);
    }
  }
  return out;
}

/** The first token at or under `node`: the keyword that names an operator or statement. */
export function firstToken(node: KqlNode): KqlNode | undefined {
  if (node.isToken) return node;
  for (const { node: c } of node.children) {
    const token = firstToken(c);
    if (token) return token;
  }
  return undefined;
}

/** Every node under `node` (itself included), depth first. */
export function* descendants(node: KqlNode): Generator<KqlNode> {
  yield node;
  for (const { node: c } of node.children) yield* descendants(c);
}
