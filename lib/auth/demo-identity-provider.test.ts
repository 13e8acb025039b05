// The bundled demo identity provider behaves as the app and the end-to-end tests rely on: who may sign in,
// what its ID and access tokens say, refresh tokens, registered redirect URIs, and pages that work offline.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, customFetch, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TENANT_ID, DEMO_USERS } from '@/lib/identity-provider/demo-users';
import {
  DEMO_AUDIENCE,
  DEMO_SCOPE_NAME,
  type RunningIdentityProvider,
  startIdentityProvider,
} from '@/lib/identity-provider/identity-provider';
import { SignInError, signInOverHttp } from '@/lib/identity-provider/testing/sign-in-over-http';
import { createTrustingFetch, type TrustingFetch } from '@/lib/identity-provider/testing/trusting-fetch';

let dataDir: string;
let idp: RunningIdentityProvider;
let fetch: TrustingFetch;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'huntboard-idp-'));
  idp = await startIdentityProvider({ port: 0, dataDir });
  fetch = createTrustingFetch(idp.caCert);
});

afterAll(async () => {
  await idp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the demo identity provider', () => {
  it('publishes discovery metadata for its https issuer', async () => {
    expect(idp.issuer).toMatch(/^https:\/\/localhost:\d+$/);
    const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({ issuer: idp.issuer, jwks_uri: idp.jwksUri });
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
  });

  it.each(DEMO_USERS.map((user) => [user.login, user] as const))(
    'signs %s in; the ID token names the person and the roles, the access token carries the roles',
    async (_login, user) => {
      const tokens = await signInOverHttp(idp, { login: user.login });
      const keys = createRemoteJWKSet(new URL(idp.jwksUri), { [customFetch]: fetch });
      const id = await jwtVerify(tokens.idToken, keys, { issuer: idp.issuer, audience: idp.clientId });
      expect(id.payload).toMatchObject({
        name: user.name,
        roles: [...user.roles],
        oid: user.oid,
        tid: DEMO_TENANT_ID,
      });
      const access = await jwtVerify(tokens.accessToken, keys, {
        issuer: idp.issuer,
        audience: DEMO_AUDIENCE,
      });
      expect(access.protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
      expect(access.payload).toMatchObject({ roles: [...user.roles], oid: user.oid, scope: DEMO_SCOPE_NAME });
      expect(tokens.refreshToken).toBeTruthy();
    },
  );

  it('accepts the login in any case but only with the demo password, and only for demo users', async () => {
    await expect(signInOverHttp(idp, { login: 'Manager' })).resolves.toBeDefined();
    await expect(signInOverHttp(idp, { login: 'analyst', password: `${DEMO_PASSWORD}x` })).rejects.toThrow(
      SignInError,
    );
    await expect(signInOverHttp(idp, { login: 'admin' })).rejects.toThrow(SignInError);
  });

  it('renews the access token with the refresh token, keeping the roles', async () => {
    const first = await signInOverHttp(idp, { login: 'triager' });
    const response = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: idp.clientId,
        refresh_token: first.refreshToken ?? '',
      }).toString(),
    });
    expect(response.status).toBe(200);
    const renewed = (await response.json()) as { access_token: string; refresh_token: string };
    expect(renewed.access_token).not.toBe(first.accessToken);
    expect(renewed.refresh_token).not.toBe(first.refreshToken);
    expect(decodeJwt(renewed.access_token)).toMatchObject({ roles: ['Triager'], aud: DEMO_AUDIENCE });
  });

  it('redirects only to the registered app origins', async () => {
    await expect(
      signInOverHttp(idp, { login: 'analyst', redirectUri: 'http://127.0.0.1:3210/auth/redirect' }),
    ).resolves.toBeDefined();
    await expect(
      signInOverHttp(idp, { login: 'analyst', redirectUri: 'http://localhost:4000/auth/redirect' }),
    ).rejects.toThrow(SignInError);
  });

  it('serves login and consent pages that load nothing from the internet and name the demo users', async () => {
    const pages: string[] = [];
    await signInOverHttp(idp, { login: 'analyst', onPage: (_url, html) => pages.push(html) });
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const html of pages) expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    expect(pages[0]).toContain('input required type="password" name="password"');
    expect(pages[0]).toContain(`Password: ${DEMO_PASSWORD}`);
  });
});
