// Key handling against the real demo issuer: keys are cached, survive a provider restart, a rotated key is
// picked up with exactly one JWKS refresh, and unknown key ids cannot make the API hammer the issuer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_AUDIENCE,
  type RunningIdentityProvider,
  startIdentityProvider,
} from '@/lib/identity-provider/identity-provider';
import { rotateSigningKey } from '@/lib/identity-provider/signing-keys';
import { signInOverHttp } from '@/lib/identity-provider/testing/sign-in-over-http';
import { createTrustingFetch } from '@/lib/identity-provider/testing/trusting-fetch';
import { UnauthenticatedError } from './errors';
import { createTokenVerifier, type JwksFetch } from './verify-token';

let dataDir: string;
let idp: RunningIdentityProvider;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'huntboard-idp-'));
  idp = await startIdentityProvider({ port: 0, dataDir });
});

afterAll(async () => {
  await idp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A fetch that counts requests for the JWKS, to see exactly when the verifier goes back to the issuer. */
function countingFetch() {
  const trusting = createTrustingFetch(idp.caCert);
  const counter = { jwks: 0 };
  const fetch: JwksFetch = (url, init) => {
    if (new URL(url).pathname === '/jwks') counter.jwks++;
    return trusting(url, init);
  };
  return { fetch, counter };
}

function verifierFor(fetch: JwksFetch, jwksCooldownMs?: number) {
  return createTokenVerifier({
    issuer: idp.issuer,
    audience: DEMO_AUDIENCE,
    requiredScope: 'huntboard.access',
    jwksUri: idp.jwksUri,
    fetch,
    ...(jwksCooldownMs === undefined ? {} : { jwksCooldownMs }),
  });
}

async function restartProvider() {
  const { port } = idp;
  await idp.close();
  idp = await startIdentityProvider({ port, dataDir });
}

describe('the issuer keys', () => {
  it('are fetched once and then served from the cache', async () => {
    const { fetch, counter } = countingFetch();
    const verifier = verifierFor(fetch);
    const { accessToken } = await signInOverHttp(idp, { login: 'analyst' });
    await verifier.verify(accessToken);
    await verifier.verify(accessToken);
    expect(counter.jwks).toBe(1);
  });

  it('survive a restart of the provider, so tokens issued before it still verify', async () => {
    const { accessToken } = await signInOverHttp(idp, { login: 'triager' });
    await restartProvider();
    const { fetch } = countingFetch();
    await expect(verifierFor(fetch).verify(accessToken)).resolves.toMatchObject({ roles: ['Triager'] });
  });

  it('rotate: a token under a new kid triggers exactly one JWKS refresh, and old tokens stay valid', async () => {
    const { fetch, counter } = countingFetch();
    // No cooldown, so the refresh is not held back by the fetch that happened a moment ago.
    const verifier = verifierFor(fetch, 0);
    const before = await signInOverHttp(idp, { login: 'analyst' });
    await verifier.verify(before.accessToken);
    expect(counter.jwks).toBe(1);

    const rotated = await rotateSigningKey(dataDir);
    await restartProvider();
    const after = await signInOverHttp(idp, { login: 'analyst' });
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(rotated.kid);
    expect(decodeProtectedHeader(after.accessToken).kid).not.toBe(
      decodeProtectedHeader(before.accessToken).kid,
    );

    await expect(verifier.verify(after.accessToken)).resolves.toMatchObject({ roles: ['Analyst'] });
    expect(counter.jwks).toBe(2);
    await verifier.verify(after.accessToken);
    await verifier.verify(before.accessToken);
    expect(counter.jwks).toBe(2);
  });

  it('are not fetched again for every unknown kid within the cooldown', async () => {
    const { fetch, counter } = countingFetch();
    const verifier = verifierFor(fetch);
    const { accessToken } = await signInOverHttp(idp, { login: 'analyst' });
    await verifier.verify(accessToken);
    const { privateKey } = await generateKeyPair('RS256');
    for (let i = 0; i < 5; i++) {
      const forged = await new SignJWT({ sub: 'analyst', roles: ['Analyst'] })
        .setProtectedHeader({ alg: 'RS256', kid: `unknown-${i}` })
        .setIssuer(idp.issuer)
        .setAudience(DEMO_AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(verifier.verify(forged)).rejects.toMatchObject({ reason: 'unknown-key' });
    }
    expect(counter.jwks).toBe(1);
  });

  it('being unreachable is a 503, not the caller being unauthenticated', async () => {
    const verifier = verifierFor(() => Promise.reject(new TypeError('fetch failed')));
    const { accessToken } = await signInOverHttp(idp, { login: 'analyst' });
    const error = await verifier.verify(accessToken).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(UnauthenticatedError);
    expect(error).toMatchObject({ status: 503 });
  });
});
