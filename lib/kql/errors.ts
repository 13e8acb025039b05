// Errors raised while parsing or translating KQL, each pointing at the place in the query text.

export interface KqlPosition {
  /** 1-based line and column of the offending text. */
  line: number;
  column: number;
}

/** The query is not valid KQL (the Kusto parser's own diagnostics). */
export class KqlSyntaxError extends Error {
  override name = 'KqlSyntaxError';
  constructor(
    message: string,
    readonly position: KqlPosition,
  ) {
    super(`${message} (line ${position.line}, column ${position.column})`);
  }
}

/** Valid KQL that the embedded engine does not translate; never answered with a different meaning. */
export class KqlUnsupportedError extends Error {
  override name = 'KqlUnsupportedError';
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
}

/** A hunt query or an exclusion does not have the shape composition relies on (window, final summarize, one predicate). */
export class KqlCompositionError extends Error {
  override name = 'KqlCompositionError';
}
