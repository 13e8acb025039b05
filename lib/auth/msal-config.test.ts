// The browser's sign-in configuration: only public values leave the server, and MSAL is set up for a
// standard OpenID provider with codes kept out of server logs.
import { describe, expect, it } from 'vitest';
import { parseAuthSettings } from '@/lib/env';
import { authorityOrigin, browserAuthConfig, msalConfiguration } from './msal-config';

const demo = parseAuthSettings({
  AUTH_ISSUER: 'https://localhost:9443',
  AUTH_AUDIENCE: 'api://huntboard',
  AUTH_CLIENT_ID: 'huntboard-spa',
  AUTH_API_SCOPE: 'api://huntboard/huntboard.access',
  AUTH_TENANT_ID: '8f0e5a3c-1d2b-4c6e-9a7f-0b1c2d3e4f50',
  AUTH_JWKS_URI: 'https://localhost:9443/jwks',
});

describe('browserAuthConfig', () => {
  it('hands the browser the client id, the authority and the API scope, and nothing else', () => {
    expect(browserAuthConfig(demo)).toEqual({
      clientId: 'huntboard-spa',
      authority: 'https://localhost:9443',
      apiScope: 'api://huntboard/huntboard.access',
    });
  });

  it('signs in at AUTH_AUTHORITY when it differs from the issuer', () => {
    const entra = parseAuthSettings({
      AUTH_ISSUER: 'https://login.microsoftonline.com/tid/v2.0',
      AUTH_AUTHORITY: 'https://login.microsoftonline.com/tid',
      AUTH_AUDIENCE: 'cid',
      AUTH_CLIENT_ID: 'cid',
      AUTH_API_SCOPE: 'api://cid/huntboard.access',
    });
    const config = browserAuthConfig(entra);
    expect(config.authority).toBe('https://login.microsoftonline.com/tid');
    expect(authorityOrigin(config)).toBe('https://login.microsoftonline.com');
  });
});

describe('msalConfiguration', () => {
  const config = msalConfiguration(browserAuthConfig(demo), 'http://localhost:3000');

  it('uses the OpenID protocol mode and trusts the authority without asking Microsoft', () => {
    expect(config.system?.protocolMode).toBe('OIDC');
    expect(config.auth.knownAuthorities).toEqual(['localhost:9443']);
    expect(config.auth.OIDCOptions?.defaultScopes).toEqual(['openid', 'profile']);
  });

  it('returns through the redirect bridge, with the code in the fragment, and signs out to /sign-in', () => {
    expect(config.auth.redirectUri).toBe('http://localhost:3000/auth/redirect');
    expect(config.auth.OIDCOptions?.responseMode).toBe('fragment');
    expect(config.auth.postLogoutRedirectUri).toBe('http://localhost:3000/sign-in');
  });

  it('keeps tokens in this tab only', () => {
    expect(config.cache?.cacheLocation).toBe('sessionStorage');
  });
});
