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
