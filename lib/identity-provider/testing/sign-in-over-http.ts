// Signs a demo user in without a browser: the authorization-code flow with PKCE, driven over HTTPS, through
// the provider's own login and consent forms. Tests use it to get real tokens from the real issuer.
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_PASSWORD } from '../demo-users';
import { DEFAULT_APP_ORIGINS, REDIRECT_PATH, type RunningIdentityProvider } from '../identity-provider';
import { createTrustingFetch, type TrustingFetch } from './trusting-fetch';

export interface SignInOptions {
  login: string;
  password?: string;
  /** Scopes to ask for. Default: what Huntboard's browser asks for (openid profile + the API scope). */
  scope?: string;
  /** Default: the first of the provider's default app origins plus /auth/redirect. */
  redirectUri?: string;
  /** Sees each login or consent page as served, e.g. to check what a person would see. */
  onPage?: (url: string, html: string) => void;
}

export interface TokenSet {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  expiresIn: number;
  scope: string;
}

/** The demo provider refused the sign-in (unknown user, wrong password) or a step of the flow failed. */
export class SignInError extends Error {
  override name = 'SignInError';
}

type Provider = Pick<RunningIdentityProvider, 'issuer' | 'clientId' | 'apiScope' | 'caCert'>;

export async function signInOverHttp(idp: Provider, options: SignInOptions): Promise<TokenSet> {
  const fetch = createTrustingFetch(idp.caCert);
  const browser = new CookieJar(fetch);
  const redirectUri = options.redirectUri ?? `${DEFAULT_APP_ORIGINS[0]}${REDIRECT_PATH}`;
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(`${idp.issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: idp.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope ?? `openid profile ${idp.apiScope}`,
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  let location = authorize.href;
  // Each hop is one redirect or one form; the flow has about eight, so twenty means a loop.
  for (let hop = 0; hop < 20; hop++) {
    if (location.startsWith(redirectUri))
      return redeem(idp, fetch, new URL(location), redirectUri, verifier, state);
    const response = await browser.get(location);
    const interaction = /\/interaction\/[^/?#]+$/.test(new URL(location).pathname);
    if (response.status === 303 || response.status === 302) {
      location = new URL(response.headers.get('location') ?? '', location).href;
    } else if (response.status === 200 && interaction) {
      const html = await response.text();
      options.onPage?.(location, html);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (location.includes('failed=1')) throw new SignInError(`The demo provider refused ${options.login}`);
      const form: Record<string, string> | undefined =
        prompt === 'login'
          ? { prompt, login: options.login, password: options.password ?? DEMO_PASSWORD }
          : prompt === 'consent'
            ? { prompt }
            : undefined;
      if (!form) throw new SignInError(`Unexpected interaction page at ${location}`);
      const submitted = await browser.post(new URL(location).origin + new URL(location).pathname, form);
      location = new URL(submitted.headers.get('location') ?? '', location).href;
    } else {
      throw new SignInError(`Sign-in stopped at ${new URL(location).pathname} with HTTP ${response.status}`);
    }
  }
  throw new SignInError('Sign-in did not finish: too many redirects');
}

async function redeem(
  idp: Provider,
  fetch: TrustingFetch,
  callback: URL,
  redirectUri: string,
  verifier: string,
  state: string,
): Promise<TokenSet> {
  const error = callback.searchParams.get('error');
  if (error)
    throw new SignInError(
      `The provider answered ${error}: ${callback.searchParams.get('error_description')}`,
    );
  if (callback.searchParams.get('state') !== state) throw new SignInError('State mismatch on the redirect');
  const code = callback.searchParams.get('code');
  if (!code) throw new SignInError('No authorization code on the redirect');
  const response = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: idp.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new SignInError(`Token request failed: ${String(body.error)} ${String(body.error_description)}`);
  return {
    accessToken: String(body.access_token),
    idToken: String(body.id_token),
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresIn: Number(body.expires_in),
    scope: String(body.scope ?? ''),
  };
}

/** Just enough of a browser's cookie handling for one provider origin: names and values, no paths. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly fetch: TrustingFetch) {}

  async get(url: string): Promise<Response> {
    return this.keep(await this.fetch(url, { headers: this.header() }));
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    const headers = { ...this.header(), 'content-type': 'application/x-www-form-urlencoded' };
    return this.keep(
      await this.fetch(url, { method: 'POST', headers, body: new URLSearchParams(form).toString() }),
    );
  }

  private header(): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return cookie ? { cookie } : {};
  }

  private keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      // An expired cookie is the server deleting it.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}
