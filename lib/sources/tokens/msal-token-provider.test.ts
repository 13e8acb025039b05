// The MSAL token provider without a network: MSAL's HTTP goes to a stand-in for Entra ID's token endpoint,
// which records what each flow sends (grant type, assertion, scopes) and answers with a token.
import type { INetworkModule, NetworkRequestOptions } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { SourceError } from '@/lib/sources/types';
import { createMsalTokenProvider } from './msal-token-provider';

const TENANT = '11111111-2222-3333-4444-555555555555';
const HOST = 'login.microsoftonline.com';
const TOKEN_ENDPOINT = `https://${HOST}/${TENANT}/oauth2/v2.0/token`;

const authorityMetadata = JSON.stringify({
  token_endpoint: TOKEN_ENDPOINT,
  issuer: `https://${HOST}/${TENANT}/v2.0`,
  authorization_endpoint: `https://${HOST}/${TENANT}/oauth2/v2.0/authorize`,
  end_session_endpoint: `https://${HOST}/${TENANT}/oauth2/v2.0/logout`,
  jwks_uri: `https://${HOST}/${TENANT}/discovery/v2.0/keys`,
});
const cloudDiscoveryMetadata = JSON.stringify({
  tenant_discovery_endpoint: `https://${HOST}/${TENANT}/v2.0/.well-known/openid-configuration`,
  'api-version': '1.1',
  metadata: [{ preferred_network: HOST, preferred_cache: HOST, aliases: [HOST] }],
});

/** Entra ID's token endpoint, as MSAL sees it through its network module. */
function entra(answer: (form: URLSearchParams) => { status: number; body: unknown }) {
  const posts: { url: string; form: URLSearchParams }[] = [];
  const network: INetworkModule = {
    async sendGetRequestAsync<T>(url: string) {
      throw new Error(`unexpected GET ${url}`) as T;
    },
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      const form = new URLSearchParams(options?.body ?? '');
      posts.push({ url, form });
      const { status, body } = answer(form);
      return { status, headers: {}, body: body as T };
    },
  };
  return { network, posts };
}

const issued = (token: string) => ({
  status: 200,
  body: { token_type: 'Bearer', access_token: token, expires_in: 3600, ext_expires_in: 3600 },
});

function provider(mode: 'obo' | 'client-credentials', network: INetworkModule) {
  return createMsalTokenProvider({
    mode,
    tenantId: TENANT,
    clientId: 'huntboard-api',
    clientSecret: 'the-app-secret',
    authorityHost: `https://${HOST}`,
    networkClient: network,
    authorityMetadata,
    cloudDiscoveryMetadata,
  });
}

describe('client credentials', () => {
  it('asks the tenant’s token endpoint for the app’s own token, and caches it', async () => {
    const { network, posts } = entra(() => issued('app-token'));
    const tokens = provider('client-credentials', network);
    expect(await tokens.getToken(['https://graph.microsoft.com/.default'], undefined)).toBe('app-token');
    expect(await tokens.getToken(['https://graph.microsoft.com/.default'], undefined)).toBe('app-token');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url.split('?')[0]).toBe(TOKEN_ENDPOINT);
    const form = posts[0]?.form;
    expect(form?.get('grant_type')).toBe('client_credentials');
    expect(form?.get('client_id')).toBe('huntboard-api');
    expect(form?.get('client_secret')).toBe('the-app-secret');
    expect(form?.get('scope')?.split(' ')).toContain('https://graph.microsoft.com/.default');
  });
});

describe('on behalf of the signed-in user', () => {
  it('exchanges the caller’s token (jwt-bearer, on_behalf_of) for the delegated scope', async () => {
    const { network, posts } = entra(() => issued('graph-token-for-ana'));
    const tokens = provider('obo', network);
    const token = await tokens.getToken(['https://graph.microsoft.com/ThreatHunting.Read.All'], {
      id: 'ana',
      accessToken: 'anas-huntboard-token',
    });
    expect(token).toBe('graph-token-for-ana');
    const form = posts[0]?.form;
    expect(form?.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(form?.get('requested_token_use')).toBe('on_behalf_of');
    expect(form?.get('assertion')).toBe('anas-huntboard-token');
    expect(form?.get('scope')?.split(' ')).toContain('https://graph.microsoft.com/ThreatHunting.Read.All');
  });

  it('without the caller’s token: a source error that says what to do, and no request', async () => {
    const { network, posts } = entra(() => issued('x'));
    const error = await provider('obo', network)
      .getToken(['https://graph.microsoft.com/.default'], { id: 'cli' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain('set the source to client-credentials');
    expect(posts).toHaveLength(0);
  });

  it('a refusal from Entra ID names its error code and never repeats the assertion or the secret', async () => {
    const { network } = entra(() => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'AADSTS65001: The user or administrator has not consented to use the application.',
        error_codes: [65001],
      },
    }));
    const error = (await provider('obo', network)
      .getToken(['https://graph.microsoft.com/ThreatHunting.Read.All'], {
        id: 'ana',
        accessToken: 'anas-secret-assertion',
      })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(
      /^Could not get an access token on behalf of the signed-in user \(.*AADSTS65001/,
    );
    expect(error.message).not.toContain('anas-secret-assertion');
    expect(error.message).not.toContain('the-app-secret');
  });
});
