// What the API route tests share: the bundled identity provider with a real access token per demo user and the
// forged-token matrix signed with its own key, settings pointing at the hunt fixture's exported events (so
// "flagged devices" are known by hand) and at a fresh embedded triage database, and a way to call a route
// handler the way Next.js does.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JWTPayload } from 'jose';
import { expect, vi } from 'vitest';
import { DEFAULT_CATALOG_DIR } from '@/lib/hunts/catalog';
import { FIXTURE_NOW, writeEventsCsv } from '@/lib/hunts/test-support';
import { DEMO_TENANT_ID } from '@/lib/identity-provider/demo-users';
import {
  DEMO_AUDIENCE,
  type RunningIdentityProvider,
  startIdentityProvider,
} from '@/lib/identity-provider/identity-provider';
import { readSigningKey } from '@/lib/identity-provider/signing-keys';
import {
  type ForgedCredentials,
  type Forgery,
  forgedTokenMatrix,
  tokenForge,
} from '@/lib/identity-provider/testing/forged-tokens';
import { signInOverHttp } from '@/lib/identity-provider/testing/sign-in-over-http';
import { createTrustingFetch } from '@/lib/identity-provider/testing/trusting-fetch';

export type Login = 'analyst' | 'triager' | 'manager' | 'nobody';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  /** Sends the demo user's access token. */
  as?: Login;
  /** Sends this Authorization header as it is, when `as` is not given. */
  authorization?: string;
  /** An object is sent as JSON; a string or bytes are sent as they are. */
  body?: unknown;
  contentType?: string;
  params?: Record<string, string>;
  query?: string;
}

export interface RouteHarness {
  dir: string;
  /** The settings' "now": the fixture's pinned instant. */
  now: string;
  /** The demo user's access token, from signing in over HTTP. */
  token(login: Login): string;
  /** Every forgery's credentials, all claiming the Analyst role (made on first use). */
  forgedTokens(): Promise<Record<Forgery, ForgedCredentials>>;
  /** A token the issuer could have issued: the analyst's claims with these overrides, signed with its key. */
  signAsIssuer(overrides: JWTPayload): Promise<string>;
  call(handler: Handler, method: string, url: string, options?: CallOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface RouteHarnessOptions {
  /** Hunt files (name → YAML) served beside the built-in catalog. */
  extraHunts?: Record<string, string>;
}

/** Starts everything; import the routes after this resolves, since settings are read on first use. */
export async function startRouteHarness(
  name: string,
  { extraHunts }: RouteHarnessOptions = {},
): Promise<RouteHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), `huntboard-${name}-`));
  let huntsDir = '';
  if (extraHunts) {
    huntsDir = path.join(dir, 'hunts');
    await cp(DEFAULT_CATALOG_DIR, huntsDir, { recursive: true });
    for (const [file, text] of Object.entries(extraHunts)) await writeFile(path.join(huntsDir, file), text);
  }
  const idp: RunningIdentityProvider = await startIdentityProvider({
    port: 0,
    dataDir: path.join(dir, 'idp'),
  });
  const events = await writeEventsCsv(path.join(dir, 'events.csv'));

  vi.stubEnv('AUTH_ISSUER', idp.issuer);
  vi.stubEnv('AUTH_AUDIENCE', DEMO_AUDIENCE);
  vi.stubEnv('AUTH_CLIENT_ID', idp.clientId);
  vi.stubEnv('AUTH_API_SCOPE', idp.apiScope);
  vi.stubEnv('AUTH_TENANT_ID', DEMO_TENANT_ID);
  vi.stubEnv('AUTH_JWKS_URI', '');
  vi.stubEnv('AUTH_CLOCK_TOLERANCE_SECONDS', '');
  vi.stubEnv('HUNTBOARD_SOURCE', '');
  vi.stubEnv('HUNTBOARD_EVENTS', events);
  vi.stubEnv('HUNTBOARD_NOW', FIXTURE_NOW);
  vi.stubEnv('HUNTBOARD_DATA_DIR', path.join(dir, 'data'));
  vi.stubEnv('HUNTBOARD_HUNTS_DIR', huntsDir);
  vi.stubEnv('HUNTBOARD_CATALOG', '');
  vi.stubEnv('HUNTBOARD_TRIAGE_DIR', path.join(dir, 'triage'));
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('DATABASE_MIGRATION_URL', '');

  // The verifier fetches discovery and keys with the global fetch, which trusts the system CAs plus
  // NODE_EXTRA_CA_CERTS as read at process start: too early for a certificate made a moment ago. Requests to
  // the provider go through a fetch that trusts its certificate and nothing else; all else is refused.
  const trusting = createTrustingFetch(idp.caCert);
  const issuerOrigin = new URL(idp.issuer).origin;
  vi.stubGlobal('fetch', (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.origin !== issuerOrigin) return Promise.reject(new TypeError(`unexpected fetch of ${url.href}`));
    return trusting(url, { method: init.method, headers: init.headers, signal: init.signal ?? undefined });
  });
  vi.resetModules();

  const tokens = Object.fromEntries(
    await Promise.all(
      (['analyst', 'triager', 'manager', 'nobody'] as const).map(
        async (login) => [login, (await signInOverHttp(idp, { login })).accessToken] as const,
      ),
    ),
  ) as Record<Login, string>;
  const key = await readSigningKey(idp.dataDir);
  const forge = tokenForge(idp.issuer, key);
  let forged: Promise<Record<Forgery, ForgedCredentials>> | undefined;

  return {
    dir,
    now: FIXTURE_NOW,
    token: (login) => tokens[login],
    forgedTokens() {
      forged ??= forgedTokenMatrix(forge, key, tokens.analyst);
      return forged;
    },
    signAsIssuer: (overrides) => forge.signAsIssuer(forge.claims(overrides)),
    call(handler, method, url, { as, authorization, body, contentType, params = {}, query = '' } = {}) {
      const headers = new Headers();
      if (as) headers.set('authorization', `Bearer ${tokens[as]}`);
      else if (authorization !== undefined) headers.set('authorization', authorization);
      let payload: string | Uint8Array<ArrayBuffer> | undefined;
      if (body !== undefined) {
        payload =
          typeof body === 'string' || body instanceof Uint8Array
            ? (body as string | Uint8Array<ArrayBuffer>)
            : JSON.stringify(body);
        headers.set('content-type', contentType ?? 'application/json');
      }
      const request = new Request(`http://localhost${url}${query}`, { method, headers, body: payload });
      return handler(request, { params: Promise.resolve(params) });
    },
    async close() {
      // The configured store lives on globalThis; close it so the folder is released before it is removed.
      const { closeConfiguredStore } = await import('@/lib/triage/open-store');
      await closeConfiguredStore();
      vi.unstubAllGlobals();
      vi.unstubAllEnvs();
      await idp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  field?: string;
  [extension: string]: unknown;
}

/** The response's problem details, after checking the status and the media type. */
export async function problemOf(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  if (response.headers.get('content-type') !== 'application/problem+json')
    throw new Error(`expected problem details, got ${response.headers.get('content-type')}`);
  return JSON.parse(text) as Problem;
}

/**
 * Expects problem details with this status (as an RFC 9457 `about:blank` problem) and returns them with the
 * raw text, which tests search for what must not come back.
 */
export async function expectProblem(
  response: Response,
  status: number,
): Promise<{ body: Problem; text: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const text = await response.text();
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ type: 'about:blank', status });
  return { body, text };
}

/** The JSON of a successful response, after checking its status. */
export async function jsonOf<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
