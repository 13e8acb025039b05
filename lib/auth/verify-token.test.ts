// The forged-token matrix against the real demo issuer: each forgery is refused with the right status and
// reason, real tokens pass, and no refusal ever repeats the token it refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { base64url, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@/lib/identity-provider/demo-users';
import {
  DEMO_AUDIENCE,
  DEMO_SCOPE_NAME,
  type RunningIdentityProvider,
  startIdentityProvider,
} from '@/lib/identity-provider/identity-provider';
import { readSigningKey, type SigningKey } from '@/lib/identity-provider/signing-keys';
import {
  FORGERIES,
  type Forgery,
  forgedTokenMatrix,
  type TokenForge,
  tokenForge,
} from '@/lib/identity-provider/testing/forged-tokens';
import { signInOverHttp, type TokenSet } from '@/lib/identity-provider/testing/sign-in-over-http';
import { createTrustingFetch } from '@/lib/identity-provider/testing/trusting-fetch';
import { authorize } from './authorize';
import { AuthError, ForbiddenError, UnauthenticatedError, type UnauthenticatedReason } from './errors';
import { createTokenVerifier, scopeName, type TokenVerifier } from './verify-token';

let dataDir: string;
let idp: RunningIdentityProvider;
let key: SigningKey;
let forge: TokenForge;
let verifier: TokenVerifier;
let analyst: TokenSet;
let nobody: TokenSet;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'huntboard-idp-'));
  idp = await startIdentityProvider({ port: 0, dataDir });
  key = await readSigningKey(dataDir);
  forge = tokenForge(idp.issuer, key);
  // No jwksUri: the verifier finds the keys through the issuer's discovery document, as in production.
  verifier = createTokenVerifier({
    issuer: idp.issuer,
    audience: DEMO_AUDIENCE,
    requiredScope: scopeName(idp.apiScope),
    tenantId: DEMO_TENANT_ID,
    fetch: createTrustingFetch(idp.caCert),
  });
  [analyst, nobody] = await Promise.all([
    signInOverHttp(idp, { login: 'analyst' }),
    signInOverHttp(idp, { login: 'nobody' }),
  ]);
});

afterAll(async () => {
  await idp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const now = () => Math.floor(Date.now() / 1000);

const claims = (overrides?: JWTPayload): JWTPayload => forge.claims(overrides);
const signWithIssuerKey = (payload: JWTPayload): Promise<string> => forge.signAsIssuer(payload);

function request(headers: Record<string, string> = {}, url = 'http://localhost/api/hunts'): Request {
  return new Request(url, { headers });
}

function bearer(token: string): Request {
  return request({ authorization: `Bearer ${token}` });
}

async function refusal(call: Promise<unknown>): Promise<AuthError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AuthError)) throw new Error(`expected an AuthError, got ${inspect(error)}`);
  return error;
}

/** Everything a refusal could leak through: message, problem body, headers, and the error as logged. */
function everythingSaid(error: AuthError): string {
  return [error.message, JSON.stringify(error.toProblem()), inspect(error, { depth: 10 })].join('\n');
}

async function expectUnauthenticated(call: Promise<unknown>, reason: UnauthenticatedReason, token?: string) {
  const error = await refusal(call);
  expect(error).toBeInstanceOf(UnauthenticatedError);
  const unauthenticated = error as UnauthenticatedError;
  expect(unauthenticated.reason).toBe(reason);
  expect(unauthenticated.status).toBe(401);
  const problem = unauthenticated.toProblem();
  expect(problem.status).toBe(401);
  expect(problem.headers?.['www-authenticate']).toBe(unauthenticated.wwwAuthenticate);
  expect(unauthenticated.wwwAuthenticate).toMatch(/^Bearer realm="huntboard"/);
  if (token) {
    expect(everythingSaid(error)).not.toContain(token);
    // Not even the signature or payload part on its own.
    for (const part of token.split('.').filter((p) => p.length > 10))
      expect(everythingSaid(error)).not.toContain(part);
  }
  return unauthenticated;
}

describe('tokens the verifier accepts', () => {
  it('accepts a real access token of a user with a role, and the role authorizes', async () => {
    const principal = await verifier.authenticate(bearer(analyst.accessToken));
    expect(principal).toMatchObject({
      id: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b01',
      subject: 'analyst',
      tenantId: DEMO_TENANT_ID,
      name: 'Ana Analyst',
      roles: ['Analyst'],
      clientId: idp.clientId,
    });
    expect(principal.scopes).toContain(DEMO_SCOPE_NAME);
    expect(() => authorize(principal, ['Analyst', 'Triager'])).not.toThrow();
  });

  it('accepts the bearer scheme in any case and the scope in `scp` as Entra ID writes it', async () => {
    const token = await signWithIssuerKey(claims({ scope: undefined, scp: `other ${DEMO_SCOPE_NAME}` }));
    const principal = await verifier.authenticate(request({ authorization: `bearer ${token}` }));
    expect(principal.scopes).toEqual(['other', DEMO_SCOPE_NAME]);
  });

  it('tolerates clock skew up to the configured tolerance, not beyond', async () => {
    await expect(
      verifier.verify(await signWithIssuerKey(claims({ exp: now() - 30 }))),
    ).resolves.toBeDefined();
    await expectUnauthenticated(
      verifier.verify(await signWithIssuerKey(claims({ exp: now() - 90 }))),
      'expired',
    );
  });
});

describe('the forged-token matrix: 401', () => {
  it('no Authorization header', async () => {
    const error = await expectUnauthenticated(verifier.authenticate(request()), 'missing-token');
    // RFC 6750 §3.1: no error code when the client sent no credentials at all.
    expect(error.wwwAuthenticate).toBe('Bearer realm="huntboard"');
  });

  it('a token in the query string or a cookie does not count', async () => {
    const url = `http://localhost/api/hunts?access_token=${analyst.accessToken}`;
    await expectUnauthenticated(
      verifier.authenticate(request({ cookie: `access_token=${analyst.accessToken}` }, url)),
      'missing-token',
    );
  });

  it('the wrong scheme (Basic)', async () => {
    const credentials = Buffer.from('analyst:huntboard').toString('base64');
    await expectUnauthenticated(
      verifier.authenticate(request({ authorization: `Basic ${credentials}` })),
      'wrong-scheme',
    );
  });

  it('garbage', async () => {
    await expectUnauthenticated(verifier.authenticate(bearer('not-a-jwt')), 'malformed', 'not-a-jwt');
    await expectUnauthenticated(verifier.authenticate(bearer('aaaa.bbbb.cccc')), 'malformed');
    await expectUnauthenticated(verifier.authenticate(request({ authorization: 'Bearer ' })), 'malformed');
    await expectUnauthenticated(verifier.authenticate(request({ authorization: 'Bearer a b' })), 'malformed');
  });

  it('alg "none"', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const token = `${header}.${base64url.encode(JSON.stringify(claims()))}.`;
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'algorithm', token);
    await expectUnauthenticated(verifier.authenticate(bearer(`${token}c2ln`)), 'algorithm', `${token}c2ln`);
  });

  it("HS256 signed with the issuer's public key as the HMAC secret", async () => {
    const secrets = [
      new TextEncoder().encode(JSON.stringify(key.publicJwk)),
      new TextEncoder().encode(key.publicJwk.n ?? ''),
    ];
    for (const secret of secrets) {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .sign(secret);
      await expectUnauthenticated(verifier.authenticate(bearer(token)), 'algorithm', token);
    }
  });

  it('expired', async () => {
    const token = await signWithIssuerKey(claims({ iat: now() - 7200, exp: now() - 3600 }));
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'expired', token);
  });

  it('not yet valid', async () => {
    const token = await signWithIssuerKey(claims({ nbf: now() + 600, exp: now() + 1200 }));
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'not-yet-valid', token);
  });

  it('without an expiry', async () => {
    const token = await signWithIssuerKey(claims({ exp: undefined }));
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'claims', token);
  });

  it('the wrong issuer, including one that differs only by a trailing slash', async () => {
    for (const iss of ['https://login.example.org/', `${idp.issuer}/`]) {
      const token = await signWithIssuerKey(claims({ iss }));
      await expectUnauthenticated(verifier.authenticate(bearer(token)), 'issuer', token);
    }
  });

  it('the wrong audience, including a real ID token (its audience is the SPA)', async () => {
    const token = await signWithIssuerKey(claims({ aud: 'api://another-api' }));
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'audience', token);
    await expectUnauthenticated(verifier.authenticate(bearer(analyst.idToken)), 'audience', analyst.idToken);
  });

  it('another tenant', async () => {
    const token = await signWithIssuerKey(claims({ tid: '00000000-0000-0000-0000-000000000000' }));
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'tenant', token);
  });

  it('a key the issuer never published, under the kid of one it did', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })
      .sign(privateKey);
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'signature', token);
  });

  it('a key the issuer never published, under a kid of its own', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', kid: 'forged-key' })
      .sign(privateKey);
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'unknown-key', token);
  });

  it('a tampered payload under the valid signature of another payload', async () => {
    const [header, payload, signature] = analyst.accessToken.split('.');
    const original = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as JWTPayload;
    const elevated = base64url.encode(JSON.stringify({ ...original, roles: ['Triager', 'Manager'] }));
    const token = `${header}.${elevated}.${signature}`;
    await expectUnauthenticated(verifier.authenticate(bearer(token)), 'signature', token);
  });
});

describe('the shared forged-token matrix, as the routes meet it: 401 with its reason', () => {
  it.each(Object.entries(FORGERIES) as [Forgery, UnauthenticatedReason][])('%s', async (forgery, reason) => {
    const matrix = await forgedTokenMatrix(forge, key, analyst.accessToken);
    const { authorization, token } = matrix[forgery];
    await expectUnauthenticated(
      verifier.authenticate(request(authorization ? { authorization } : {})),
      reason,
      token,
    );
  });

  it('a tid list is refused even when no tenant is configured; a well-typed token passes', async () => {
    const anyTenant = createTokenVerifier({
      issuer: idp.issuer,
      audience: DEMO_AUDIENCE,
      requiredScope: scopeName(idp.apiScope),
      fetch: createTrustingFetch(idp.caCert),
    });
    const listed = await signWithIssuerKey(claims({ tid: [DEMO_TENANT_ID] }));
    await expectUnauthenticated(anyTenant.verify(listed), 'tenant', listed);
    await expect(anyTenant.verify(await signWithIssuerKey(claims()))).resolves.toMatchObject({
      tenantId: DEMO_TENANT_ID,
      roles: ['Analyst'],
    });
  });
});

describe('valid tokens that do not grant access: 403', () => {
  it('a user without a role authenticates but is not authorized', async () => {
    const principal = await verifier.authenticate(bearer(nobody.accessToken));
    expect(principal.roles).toEqual([]);
    const error = (() => {
      try {
        authorize(principal, ['Analyst', 'Triager', 'Manager']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).toProblem()).toMatchObject({
      status: 403,
      extensions: { reason: 'role' },
    });
  });

  it('a role in another claim or spelling does not count', async () => {
    const token = await signWithIssuerKey(
      claims({ roles: ['analyst', 'Admin'], role: 'Analyst', groups: ['Analyst'] }),
    );
    const principal = await verifier.authenticate(bearer(token));
    expect(principal.roles).toEqual([]);
    expect(() => authorize(principal, ['Analyst'])).toThrow(ForbiddenError);
  });

  it('a real token without the API scope is refused with insufficient_scope', async () => {
    const signedIn = await signInOverHttp(idp, { login: 'analyst', scope: 'openid profile' });
    const error = await refusal(verifier.authenticate(bearer(signedIn.accessToken)));
    expect(error).toBeInstanceOf(ForbiddenError);
    const forbidden = error as ForbiddenError;
    expect(forbidden.reason).toBe('scope');
    expect(forbidden.wwwAuthenticate).toContain('error="insufficient_scope"');
    expect(forbidden.wwwAuthenticate).toContain(`scope="${DEMO_SCOPE_NAME}"`);
    expect(everythingSaid(forbidden)).not.toContain(signedIn.accessToken);
  });
});

describe('configuration', () => {
  it('refuses an http issuer, an empty audience and a large clock tolerance', () => {
    const base = { issuer: 'https://login.example.org/', audience: 'api://huntboard' };
    expect(() => createTokenVerifier({ ...base, issuer: 'http://localhost:9443' })).toThrow(/https/);
    expect(() => createTokenVerifier({ ...base, audience: [] })).toThrow(/audience/);
    expect(() => createTokenVerifier({ ...base, clockToleranceSeconds: 300 })).toThrow(/tolerance/);
  });

  it('derives the scope name tokens carry from the scope the browser requests', () => {
    expect(scopeName('api://huntboard/huntboard.access')).toBe('huntboard.access');
    expect(scopeName('api://1b2c3d4e-0000-4000-8000-000000000000/huntboard.access')).toBe('huntboard.access');
    expect(scopeName('huntboard.access')).toBe('huntboard.access');
  });
});
