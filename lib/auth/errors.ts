// Why a request was refused, as typed errors the API maps to 401, 403 or 503 problem details.
// Descriptions are fixed sentences chosen here: they never carry the token or anything decoded from it.
import { DomainError, type ProblemInit } from '@/lib/domain-error';

/** The protection space named in WWW-Authenticate challenges (RFC 6750 §3). */
export const AUTH_REALM = 'huntboard';

/** Why a token was not accepted; stable codes for tests, logs and metrics. */
export type UnauthenticatedReason =
  | 'missing-token'
  | 'wrong-scheme'
  | 'malformed'
  | 'algorithm'
  | 'unknown-key'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience'
  | 'tenant'
  | 'claims'
  | 'claim-type';

const DESCRIPTIONS: Record<UnauthenticatedReason, string> = {
  'missing-token': 'The request has no access token. Sign in and send it as "Authorization: Bearer <token>".',
  'wrong-scheme':
    'Only bearer tokens are accepted. Send the access token as "Authorization: Bearer <token>".',
  malformed: 'The access token is not a well-formed signed JWT. Sign in again.',
  algorithm: 'The access token must be signed with RS256.',
  'unknown-key': 'The access token was signed with a key the issuer does not publish. Sign in again.',
  signature: 'The access token signature is invalid.',
  expired: 'The access token has expired. Renew it or sign in again.',
  'not-yet-valid': 'The access token is not valid yet. Check the clock of the issuing system.',
  issuer: 'The access token was issued by an identity provider this API does not trust.',
  audience: 'The access token was issued for another API. Request a token for Huntboard.',
  tenant: 'The access token belongs to another tenant.',
  claims: 'The access token lacks a required claim (sub, exp).',
  'claim-type':
    'The access token has a claim of the wrong type: sub, oid, tid, scp and scope must be strings, roles a list of strings.',
};

/** Base of every refusal: a status, a problem-details body and, where the client can act, a challenge. */
export abstract class AuthError extends DomainError {
  abstract readonly status: 401 | 403 | 503;
}

/** 401: no usable access token. */
export class UnauthenticatedError extends AuthError {
  override name = 'UnauthenticatedError';
  readonly status = 401;

  constructor(
    readonly reason: UnauthenticatedReason,
    options?: { cause?: unknown },
  ) {
    super(DESCRIPTIONS[reason], options);
  }

  /** The WWW-Authenticate response header value. */
  get wwwAuthenticate(): string {
    // RFC 6750 §3.1: a request without bearer credentials gets a bare challenge, without an error code.
    if (this.reason === 'missing-token' || this.reason === 'wrong-scheme') return challenge({});
    return challenge({ error: 'invalid_token', error_description: this.message });
  }

  toProblem(): ProblemInit {
    return {
      status: 401,
      title: 'Authentication required',
      detail: this.message,
      extensions: { reason: this.reason },
      headers: { 'www-authenticate': this.wwwAuthenticate },
    };
  }
}

export type ForbiddenReason = 'role' | 'scope';

/** 403: a valid token that does not grant what the route needs. */
export class ForbiddenError extends AuthError {
  override name = 'ForbiddenError';
  readonly status = 403;
  readonly reason: ForbiddenReason;
  /** The roles (reason 'role') or the scope (reason 'scope') that would have been enough. */
  readonly required: readonly string[];

  constructor(reason: ForbiddenReason, required: readonly string[]) {
    super(
      reason === 'role'
        ? required.length > 0
          ? `This needs one of the roles ${required.join(', ')}. Ask an administrator to assign you one.`
          : 'No role may do this.'
        : `The access token lacks the scope ${required.join(' ')}. Request a token with that scope.`,
    );
    this.reason = reason;
    this.required = required;
  }

  /** Only a missing scope is the token's fault; a missing role is not something a new token fixes. */
  get wwwAuthenticate(): string | undefined {
    if (this.reason !== 'scope') return undefined;
    return challenge({
      error: 'insufficient_scope',
      error_description: this.message,
      scope: this.required.join(' '),
    });
  }

  toProblem(): ProblemInit {
    const header = this.wwwAuthenticate;
    return {
      status: 403,
      title: 'Forbidden',
      detail: this.message,
      extensions: { reason: this.reason },
      ...(header ? { headers: { 'www-authenticate': header } } : {}),
    };
  }
}

/** 503: the issuer's keys or metadata could not be fetched, so no token can be checked right now. */
export class AuthUnavailableError extends AuthError {
  override name = 'AuthUnavailableError';
  readonly status = 503;

  constructor(detail: string, options?: { cause?: unknown }) {
    super(detail, options);
  }

  toProblem(): ProblemInit {
    return {
      status: 503,
      title: 'Sign-in cannot be checked right now',
      detail: 'The identity provider could not be reached to check the access token. Try again shortly.',
      headers: { 'retry-after': '30' },
    };
  }
}

function challenge(params: Record<string, string>): string {
  const parts = [`realm="${AUTH_REALM}"`];
  for (const [key, value] of Object.entries(params)) parts.push(`${key}="${quotable(value)}"`);
  return `Bearer ${parts.join(', ')}`;
}

/** RFC 6750 allows printable ASCII without `"` and `\` inside these quoted values. */
function quotable(value: string): string {
  return value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '');
}
