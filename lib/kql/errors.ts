// Errors raised while parsing or translating KQL, each pointing at the place in the query text. A hunt's own
// query that fails is the hunt file's fault (500, "the hunt cannot run"); a query that does not fit the table
// is answered 400 with its position.
import { DomainError, type ProblemInit } from '@/lib/domain-error';

export interface KqlPosition {
  /** 1-based line and column of the offending text. */
  line: number;
  column: number;
}

/** The query is not valid KQL (the Kusto parser's own diagnostics). */
export class KqlSyntaxError extends DomainError {
  override name = 'KqlSyntaxError';
  constructor(
    message: string,
    readonly position: KqlPosition,
  ) {
    super(`${message} (line ${position.line}, column ${position.column})`);
  }

  toProblem(): ProblemInit {
    return huntCannotRun(this);
  }
}

/** The hunt's KQL (or its shape) must be fixed in the hunt file: nothing the caller can change. */
export function huntCannotRun(error: Error): ProblemInit {
  return { status: 500, title: 'The hunt cannot run', detail: error.message };
}

/** Valid KQL that the embedded engine does not translate; never answered with a different meaning. */
export class KqlUnsupportedError extends DomainError {
  override name = 'KqlUnsupportedError';
  toProblem(): ProblemInit {
    return huntCannotRun(this);
  }
  constructor(
    readonly construct: string,
    readonly position: KqlPosition,
  ) {
    super(`Unsupported KQL construct '${construct}' at line ${position.line}, column ${position.column}`);
  }
}

/**
 * Valid syntax that names something that does not exist or mixes types (unknown column or table, `'a' > 1`).
 * A KqlSyntaxError subclass because, like a syntax error, the query text must be fixed.
 */
export class KqlSemanticError extends KqlSyntaxError {
  override name = 'KqlSemanticError';
  constructor(
    message: string,
    position: KqlPosition,
    /** For an unknown name: the existing columns it most likely meant, best first. */
    readonly suggestions: readonly string[] = [],
  ) {
    super(message, position);
  }

  override toProblem(): ProblemInit {
    const suggestions = this.suggestions.length > 0 ? { suggestions: [...this.suggestions] } : {};
    return {
      status: 400,
      title: 'The query does not fit the table',
      detail: this.message,
      extensions: { line: this.position.line, column: this.position.column, ...suggestions },
    };
  }
}

/** A hunt query or an exclusion does not have the shape composition relies on (window, final summarize, one predicate). */
export class KqlCompositionError extends DomainError {
  override name = 'KqlCompositionError';
  toProblem(): ProblemInit {
    return huntCannotRun(this);
  }
}
