// Access tokens for tests of the API's refusals: the claims the demo issuer puts in an analyst's access token,
// signed with the issuer's own key, and the forged-token matrix every protected route must refuse with 401.
import { base64url, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type { UnauthenticatedReason } from '@/lib/auth/errors';
import { DEMO_TENANT_ID } from '@/lib/identity-provider/demo-users';
import { DEMO_AUDIENCE, DEMO_SCOPE_NAME } from '@/lib/identity-provider/identity-provider';
import type { SigningKey } from '@/lib/identity-provider/signing-keys';

export interface TokenForge {
  /** Claims of a token the issuer would give the analyst; an override of `undefined` drops the claim. */
  claims(overrides?: JWTPayload): JWTPayload;
  /** Signs with the issuer's current key under its kid: a token the issuer could have issued. */
  signAsIssuer(payload: JWTPayload): Promise<string>;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function tokenForge(issuer: string, key: SigningKey): TokenForge {
  return {
    claims: (overrides = {}) => ({
      iss: issuer,
      aud: DEMO_AUDIENCE,
      sub: 'analyst',
      oid: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b01',
      tid: DEMO_TENANT_ID,
      roles: ['Analyst'],
      scope: DEMO_SCOPE_NAME,
      iat: nowSeconds(),
      exp: nowSeconds() + 300,
      ...overrides,
    }),
    signAsIssuer: (payload) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })
        .sign(key.privateKey),
  };
}

/** Each way a caller can fail to authenticate, and the reason the verifier must give. */
export const FORGERIES = {
  'no Authorization header': 'missing-token',
  'the wrong scheme (Basic)': 'wrong-scheme',
  garbage: 'malformed',
  'alg "none"': 'algorithm',
  "HS256 signed with the issuer's public key": 'algorithm',
  expired: 'expired',
  'not yet valid': 'not-yet-valid',
  'the wrong issuer': 'issuer',
  'the wrong audience': 'audience',
  'a key the issuer never published, under a kid of its own': 'unknown-key',
  "a key the issuer never published, under the issuer's kid": 'signature',
  'a tampered payload': 'signature',
  'tid as a list holding the right tenant': 'tenant',
  'tid as a number': 'tenant',
  'sub as a number': 'claim-type',
  'oid as an object': 'claim-type',
  'roles as a string': 'claim-type',
  'roles holding a number beside the role': 'claim-type',
  'scope as a list holding the right scope': 'claim-type',
  'scp as a number beside the right scope': 'claim-type',
} as const satisfies Record<string, UnauthenticatedReason>;

export type Forgery = keyof typeof FORGERIES;

export interface ForgedCredentials {
  /** The Authorization header to send; none when undefined. */
  authorization?: string;
  /** The token inside, which no refusal may repeat. */
  token?: string;
}

/**
 * The credentials of every forgery, all claiming the Analyst role so that only the token's validity stands
 * between them and a route. `realToken` is a genuine access token to tamper with.
 */
export async function forgedTokenMatrix(
  forge: TokenForge,
  key: SigningKey,
  realToken: string,
): Promise<Record<Forgery, ForgedCredentials>> {
  const now = nowSeconds();
  const bearer = (token: string): ForgedCredentials => ({ authorization: `Bearer ${token}`, token });
  const signed = (overrides: JWTPayload) => forge.signAsIssuer(forge.claims(overrides));
  const unpublished = (await generateKeyPair('RS256')).privateKey;
  const algNone = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify(forge.claims()))}.`;
  const [header, payload, signature] = realToken.split('.');
  const original = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as JWTPayload;
  const elevated = base64url.encode(
    JSON.stringify({ ...original, roles: ['Analyst', 'Triager', 'Manager'] }),
  );
  return {
    'no Authorization header': {},
    'the wrong scheme (Basic)': {
      authorization: `Basic ${Buffer.from('analyst:huntboard').toString('base64')}`,
    },
    garbage: bearer('not-a-jwt'),
    'alg "none"': bearer(algNone),
    "HS256 signed with the issuer's public key": bearer(
      await new SignJWT(forge.claims())
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .sign(new TextEncoder().encode(JSON.stringify(key.publicJwk))),
    ),
    expired: bearer(await forge.signAsIssuer(forge.claims({ iat: now - 7200, exp: now - 3600 }))),
    'not yet valid': bearer(await forge.signAsIssuer(forge.claims({ nbf: now + 600, exp: now + 1200 }))),
    'the wrong issuer': bearer(await forge.signAsIssuer(forge.claims({ iss: 'https://login.example.org/' }))),
    'the wrong audience': bearer(await forge.signAsIssuer(forge.claims({ aud: 'api://another-api' }))),
    'a key the issuer never published, under a kid of its own': bearer(
      await new SignJWT(forge.claims())
        .setProtectedHeader({ alg: 'RS256', kid: 'forged-key' })
        .sign(unpublished),
    ),
    "a key the issuer never published, under the issuer's kid": bearer(
      await new SignJWT(forge.claims())
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })
        .sign(unpublished),
    ),
    'a tampered payload': bearer(`${header}.${elevated}.${signature}`),
    // Signed by the issuer's own key: only the claims' types are wrong.
    'tid as a list holding the right tenant': bearer(await signed({ tid: [DEMO_TENANT_ID] })),
    'tid as a number': bearer(await signed({ tid: 42 })),
    'sub as a number': bearer(await signed({ sub: 42 as unknown as string })),
    'oid as an object': bearer(await signed({ oid: { id: 'analyst' } })),
    'roles as a string': bearer(await signed({ roles: 'Analyst' })),
    'roles holding a number beside the role': bearer(await signed({ roles: ['Analyst', 7] })),
    'scope as a list holding the right scope': bearer(await signed({ scope: [DEMO_SCOPE_NAME] })),
    'scp as a number beside the right scope': bearer(await signed({ scp: 7 })),
  };
}
