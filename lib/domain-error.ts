// Errors of the domain that carry their HTTP meaning: each knows the problem document (RFC 9457) a client gets
// for it, so the API's error mapper turns any of them into a response without importing the domains, and a
// lower layer never needs the API to say what its failures mean.

export interface ProblemInit {
  status: number;
  title: string;
  detail?: string;
  /** Extra members, e.g. the field that was wrong. Never secrets or tokens. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

// Recognised across copies of this module (a separately bundled entry, a module reloaded in development).
const DOMAIN: unique symbol = Symbol.for('huntboard.DomainError');

export abstract class DomainError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses keep the ordinary prototype check (or their own); only the base is recognised by its mark.
    // biome-ignore lint/complexity/noThisInStatic: which class is asked (the base or a subclass) decides the check
    if (this !== DomainError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && DOMAIN in value;
  }
  readonly [DOMAIN] = true;
  /** The API also logs the message: for failures an operator must see, whose answer does not say it all. */
  readonly logged: boolean = false;

  /** The problem document the API answers with. */
  abstract toProblem(): ProblemInit;
}
