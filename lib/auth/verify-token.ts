// Checks a bearer access token with jose: RS256 signature against the configured issuer's published keys,
// then issuer, audience, lifetime, tenant and API scope. Yields the caller as a Principal or throws AuthError.
import 'server-only';
import { createRemoteJWKSet, customFetch, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Clock } from '@/lib/clock';
import { bearerToken } from './bearer-token';
import { AuthError, AuthUnavailableError, ForbiddenError, UnauthenticatedError } from './errors';
import { type Principal, principalFromClaims, scopesOf } from './principal';

/** How the verifier fetches the discovery document and the JWKS; the shape jose's `customFetch` expects. */
export type JwksFetch = (
  url: string,
  init: { method: 'GET'; headers: Headers; signal: AbortSignal; redirect: 'manual' },
) => Promise<Response>;

export interface TokenVerifierConfig {
  /** The issuer exactly as tokens carry it in `iss` (AUTH_ISSUER). Compared as a string, no normalising. */
  issuer: string;
  /** Accepted `aud` values (AUTH_AUDIENCE): Entra ID v2 puts the API's client id there, v1 its URI. */
  audience: string | readonly string[];
  /**
   * The scope name every token must carry in `scp` or `scope` (the last segment of AUTH_API_SCOPE, e.g.
   * `huntboard.access`). Unset: no scope check, which also lets ID tokens through when their audience is the
   * API's — set it.
   */
  requiredScope?: string;
  /** Required `tid` (AUTH_TENANT_ID). */
  tenantId?: string;
  /** The issuer's JWKS (AUTH_JWKS_URI); default: `jwks_uri` from the issuer's discovery document. */
  jwksUri?: string;
  /** Allowed clock skew for exp/nbf, 0–60 s. Default 60. */
  clockToleranceSeconds?: number;
  /** After a JWKS fetch, how long an unknown `kid` is refused without fetching again. Default 30 s. */
  jwksCooldownMs?: number;
  /** How long fetched keys are used before they are fetched again. Default 10 minutes. */
  jwksMaxAgeMs?: number;
  /** Timeout of a discovery or JWKS request. Default 5 s. */
  fetchTimeoutMs?: number;
  /** Default: the global fetch, which trusts the system CAs plus NODE_EXTRA_CA_CERTS. */
  fetch?: JwksFetch;
  /** Default: the system clock. */
  clock?: Clock;
}

export interface TokenVerifier {
  /** The caller of `request`, from its Authorization header. Throws AuthError subclasses only. */
  authenticate(request: Pick<Request, 'headers'>): Promise<Principal>;
  /** The caller that `token` (a compact JWS, without "Bearer ") stands for. Throws AuthError subclasses only. */
  verify(token: string): Promise<Principal>;
}

const MAX_CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Make one verifier per process and keep it: it caches the issuer's keys, fetches them again when a token
 * names an unknown key id (at most once per cooldown), and when they grow old.
 */
export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const issuerUrl = URL.parse(config.issuer);
  if (issuerUrl?.protocol !== 'https:') throw new TypeError('The token issuer must be an https URL');
  const audience = typeof config.audience === 'string' ? [config.audience] : [...config.audience];
  if (audience.length === 0 || audience.some((value) => value === '')) {
    throw new TypeError('The token audience must not be empty');
  }
  const clockTolerance = config.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS;
  if (
    !Number.isInteger(clockTolerance) ||
    clockTolerance < 0 ||
    clockTolerance > MAX_CLOCK_TOLERANCE_SECONDS
  ) {
    throw new TypeError(`The clock tolerance must be 0 to ${MAX_CLOCK_TOLERANCE_SECONDS} seconds`);
  }
  const fetchTimeoutMs = config.fetchTimeoutMs ?? 5_000;
  const fetchImpl: JwksFetch = config.fetch ?? ((url, init) => fetch(url, init));
  const tenantId = config.tenantId?.toLowerCase();

  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const jwks = () => {
    keys ??= resolveJwksUri(config, fetchImpl, fetchTimeoutMs).then((uri) =>
      createRemoteJWKSet(new URL(uri), {
        cooldownDuration: config.jwksCooldownMs ?? 30_000,
        cacheMaxAge: config.jwksMaxAgeMs ?? 10 * 60_000,
        timeoutDuration: fetchTimeoutMs,
        [customFetch]: fetchImpl,
      }),
    );
    // A failed discovery is retried by the next request instead of being cached for the process's life.
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };

  const verify = async (token: string): Promise<Principal> => {
    const keySet = await jwks();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        // Checked before any key is looked up, so `none`, HS256 and friends never reach a key.
        algorithms: ['RS256'],
        issuer: config.issuer,
        audience,
        clockTolerance,
        requiredClaims: ['sub', 'exp'],
        ...(config.clock ? { currentDate: config.clock.now() } : {}),
      }));
    } catch (error) {
      throw refusal(error);
    }
    checkClaimTypes(payload);
    // Compared only once known to be a string: String(['<tenant>']) would equal the tenant.
    if (
      tenantId !== undefined &&
      (typeof payload.tid !== 'string' || payload.tid.toLowerCase() !== tenantId)
    ) {
      throw new UnauthenticatedError('tenant');
    }
    if (config.requiredScope && !scopesOf(payload).includes(config.requiredScope)) {
      throw new ForbiddenError('scope', [config.requiredScope]);
    }
    return principalFromClaims(payload);
  };

  return {
    verify,
    authenticate: async (request) => verify(bearerToken(request)),
  };
}

/**
 * The claims that decide who the caller is and what it may do, checked for type before any is read: a value
 * of another type is not a variant to interpret but a token no issuer of ours writes.
 */
function checkClaimTypes(payload: JWTPayload): void {
  const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
  const ok =
    typeof payload.sub === 'string' &&
    payload.sub !== '' &&
    optionalString(payload.oid) &&
    optionalString(payload.tid) &&
    optionalString(payload.scp) &&
    optionalString(payload.scope) &&
    (payload.roles === undefined ||
      (Array.isArray(payload.roles) && payload.roles.every((role) => typeof role === 'string')));
  if (!ok)
    throw new UnauthenticatedError(
      typeof payload.tid === 'string' || payload.tid === undefined ? 'claim-type' : 'tenant',
    );
}

/**
 * The scope name as tokens carry it, from the scope string a client requests: Entra ID's `scp` holds
 * `huntboard.access` for a requested `api://<app>/huntboard.access`.
 */
export function scopeName(apiScope: string): string {
  return apiScope.slice(apiScope.lastIndexOf('/') + 1);
}

async function resolveJwksUri(
  config: TokenVerifierConfig,
  fetchImpl: JwksFetch,
  timeoutMs: number,
): Promise<string> {
  if (config.jwksUri) return config.jwksUri;
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let metadata: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: new Headers({ accept: 'application/json' }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    metadata = (await response.json()) as typeof metadata;
  } catch (cause) {
    throw new AuthUnavailableError(`The issuer's discovery document ${url} could not be read`, { cause });
  }
  // A document that names another issuer would hand us someone else's keys (OpenID Discovery §4.3).
  if (metadata.issuer !== config.issuer) {
    throw new AuthUnavailableError(`The discovery document at ${url} names another issuer`);
  }
  const jwksUri = typeof metadata.jwks_uri === 'string' ? URL.parse(metadata.jwks_uri) : null;
  if (jwksUri?.protocol !== 'https:') {
    throw new AuthUnavailableError(`The discovery document at ${url} has no https jwks_uri`);
  }
  return jwksUri.href;
}

/** Maps jose's failures to reasons; jose's own messages are dropped since some quote claim values. */
function refusal(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) return new UnauthenticatedError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new UnauthenticatedError('issuer');
    if (error.claim === 'aud') return new UnauthenticatedError('audience');
    if (error.claim === 'nbf') return new UnauthenticatedError('not-yet-valid');
    return new UnauthenticatedError('claims');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new UnauthenticatedError('algorithm');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new UnauthenticatedError('unknown-key');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new UnauthenticatedError('signature');
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new UnauthenticatedError('malformed');
  }
  // What is left is the JWKS request itself failing (network, timeout, bad response): not the caller's fault.
  return new AuthUnavailableError("The issuer's signing keys could not be fetched", { cause: error });
}
