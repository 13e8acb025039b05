// Reads a hunt file's YAML strictly, with one exception: the published RMM catalog's `dataTypes:` indentation
// defect, recognised exactly and read as intended. Also maps positions back into the file: a field's place,
// and a place in the `query` block (as loaded, trimmed) to the line and column the user sees in the file.
import { type Document, LineCounter, parseDocument, type YAMLError } from 'yaml';

/** 1-based line and column in a file. */
export interface FilePosition {
  line: number;
  column: number;
}

/** Something read as intended but worth saying, e.g. the repaired defect. */
export interface YamlWarning extends FilePosition {
  message: string;
}

/** The text is not valid YAML; `line` and `column` are positions in the file as written. */
export class HuntYamlError extends Error {
  override name = 'HuntYamlError';
  constructor(
    message: string,
    readonly position: FilePosition,
  ) {
    super(message);
  }
}

export interface HuntYaml {
  /** The document as plain data. */
  readonly value: unknown;
  readonly warnings: readonly YamlWarning[];
  /** Where the value at a field path (e.g. ['requiredDataConnectors', 0, 'connectorId']) starts, or its nearest
   * existing parent; the document's start when none exists. */
  positionOf(path: readonly PropertyKey[]): FilePosition;
  /** Maps a 1-based position in `query` (its text trimmed, as the catalog keeps it) to the file. */
  queryPosition(position: FilePosition): FilePosition;
}

/** The warning on a file read despite the published catalog's `dataTypes:` defect. */
export const DEFECT_WARNING =
  '`dataTypes:` sits on the column of `- connectorId:` instead of under it (the published catalog’s known indentation defect); read as part of that connector';

const DEFECT_MESSAGE = 'All mapping items must start at the same column';
const CONNECTOR_ITEM = /^( *)-( +)connectorId *:/;
const DATA_TYPES_KEY = /^( *)dataTypes *:/;

/** Each line with its terminator, so that repairs keep the file's line endings and offsets of other lines. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n|$)/g)?.filter((l, i, all) => l !== '' || i < all.length - 1) ?? [];
}

function indentOf(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

const isBlank = (line: string) => /^\s*(#.*)?$/.test(line);

function earliest(errors: readonly YAMLError[]): YAMLError | undefined {
  return [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
}

/**
 * When `error` is the published defect (`dataTypes:` on the column of the `- ` of the `- connectorId:` item
 * just above it), the lines with `dataTypes:` and its block moved under the item; otherwise undefined.
 */
function repairDefect(
  lines: string[],
  error: YAMLError,
  lineOf: (offset: number) => number,
): { lines: string[]; line: number; column: number; shift: number; last: number } | undefined {
  if (error.code !== 'BAD_INDENT' || !error.message.startsWith(DEFECT_MESSAGE)) return undefined;
  const index = lineOf(error.pos[0]) - 1;
  const keyLine = lines[index];
  const key = keyLine === undefined ? null : DATA_TYPES_KEY.exec(keyLine);
  if (!key) return undefined;
  let above = index - 1;
  while (above >= 0 && isBlank(lines[above] ?? '')) above--;
  const item = CONNECTOR_ITEM.exec(lines[above] ?? '');
  const dash = item?.[1]?.length;
  if (dash === undefined || dash !== key[1]?.length) return undefined;
  const shift = 1 + (item?.[2]?.length ?? 1);
  const repaired = [...lines];
  let last = index;
  for (let i = index; i < repaired.length; i++) {
    const line = repaired[i] ?? '';
    if (i > index && !isBlank(line) && indentOf(line) <= dash) break;
    if (!isBlank(line)) {
      repaired[i] = ' '.repeat(shift) + line;
      last = i;
    }
  }
  return { lines: repaired, line: index + 1, column: dash + 1, shift, last: last + 1 };
}

/** Parses a hunt file's text; throws HuntYamlError at the first error that is not the published defect. */
export function readHuntYaml(text: string): HuntYaml {
  let lines = splitLines(text);
  // Columns the repairs moved, per 1-based line, so that later errors point where the file has the text.
  const shifted = new Map<number, number>();
  const warnings: YamlWarning[] = [];
  for (;;) {
    const source = lines.join('');
    const lineCounter = new LineCounter();
    const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const error = earliest(doc.errors);
    if (!error) return huntYaml(doc, source, lineCounter, warnings);
    const lineOf = (offset: number) => lineCounter.linePos(offset).line;
    // Each repair fixes one connector and moves only indentation, so this ends after at most one pass a line.
    const repair = warnings.length < lines.length ? repairDefect(lines, error, lineOf) : undefined;
    if (!repair) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const column = Math.max(1, col - (shifted.get(line) ?? 0));
      throw new HuntYamlError(firstLine(error.message), { line, column });
    }
    for (let l = repair.line; l <= repair.last; l++) shifted.set(l, (shifted.get(l) ?? 0) + repair.shift);
    warnings.push({
      line: repair.line,
      column: repair.column,
      message: DEFECT_WARNING,
    });
    lines = repair.lines;
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function huntYaml(
  doc: Document,
  source: string,
  lineCounter: LineCounter,
  warnings: YamlWarning[],
): HuntYaml {
  const at = (offset: number): FilePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    value: doc.toJS({ maxAliasCount: 100 }),
    warnings,
    positionOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return at(node.range[0]);
      }
      return { line: 1, column: 1 };
    },
    queryPosition: queryMapper(doc, source, at),
  };
}

interface ScalarNode {
  type?: string;
  value?: unknown;
  range?: [number, number, number];
}

/** How positions in the trimmed query map to the file, for each way YAML can hold the query. */
function queryMapper(
  doc: Document,
  source: string,
  at: (offset: number) => FilePosition,
): (position: FilePosition) => FilePosition {
  const node = doc.get('query', true) as ScalarNode | undefined;
  if (!node?.range || typeof node.value !== 'string') return () => ({ line: 1, column: 1 });
  const raw = node.value;
  const start = node.range[0];
  const valueStart = at(start);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  /** The offset in the raw value of a 1-based position in the trimmed query. */
  const rawOffset = ({ line, column }: FilePosition): number => {
    let offset = 0;
    for (let l = 1; l < line; l++) {
      const next = trimmed.indexOf('\n', offset);
      if (next < 0) break;
      offset = next + 1;
    }
    return lead + Math.min(offset + column - 1, trimmed.length);
  };
  const rawPosition = (offset: number): FilePosition => {
    const before = raw.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };

  if (node.type === 'BLOCK_LITERAL') {
    // Literal blocks keep lines one for one: value line i is file line (header + i), shifted by the indent.
    const headerEnd = source.slice(start).search(/\r\n|\r|\n/);
    const header = headerEnd < 0 ? source.slice(start) : source.slice(start, start + headerEnd);
    // An explicit indentation indicator (`|2`, `|-2`, `|2-`) counts from the key's indentation.
    const digit = /^\|[+-]?([1-9])/.exec(header)?.[1];
    const bodyLines = splitLines(source.slice(start + header.length).replace(/^(\r\n|\r|\n)/, ''));
    const keyIndent = indentOf(source.slice(source.lastIndexOf('\n', start) + 1));
    const firstContent = bodyLines.find((l) => l.trim() !== '');
    const indent = digit ? keyIndent + Number(digit) : firstContent ? indentOf(firstContent) : 0;
    return (position) => {
      const p = rawPosition(rawOffset(position));
      return { line: valueStart.line + p.line, column: p.column + indent };
    };
  }
  const text = source.slice(start, node.range[1]);
  if (!/[\r\n]/.test(text)) {
    const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    return (position) => ({
      line: valueStart.line,
      column: valueStart.column + quote + rawOffset(position),
    });
  }
  // Folded and multi-line flow scalars join lines, so a position inside them has no single place in the file.
  return () => valueStart;
}
