// Parses KQL with Microsoft's parser and turns its first syntax error into a KqlSyntaxError with a line and column.
import { type KqlPosition, KqlSyntaxError } from './errors';
import { type KqlNode, parseRaw } from './kusto';

export interface ParsedKql {
  readonly text: string;
  /** The QueryBlock root of the syntax tree. */
  readonly root: KqlNode;
}

/** 1-based line and column of an offset; \r\n, \n and \r each end a line, as in Kusto. */
export function positionAt(text: string, offset: number): KqlPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
      line++;
      lineStart = i + 1;
    } else if (ch === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Parses `text`; throws KqlSyntaxError with the parser's message at the first syntax error. */
export function parseKql(text: string): ParsedKql {
  const { root, syntaxDiagnostics } = parseRaw(text);
  const error = syntaxDiagnostics.find((d) => d.severity === 'Error') ?? syntaxDiagnostics[0];
  if (error) throw new KqlSyntaxError(error.message, positionAt(text, error.start));
  return { text, root };
}
