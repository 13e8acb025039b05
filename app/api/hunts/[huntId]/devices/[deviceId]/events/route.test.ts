// The device-evidence route through its exported GET, with settings pointing at the bundled identity provider
// and at a small exported-events file: who gets in (the forged-token matrix, roles), what they get back, and
// what a wrong parameter is told.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_TENANT_ID } from '@/e2e/identity-provider/demo-users';
import {
  DEMO_AUDIENCE,
  type RunningIdentityProvider,
  startIdentityProvider,
} from '@/e2e/identity-provider/identity-provider';
import { signInOverHttp } from '@/e2e/identity-provider/sign-in-over-http';
import { readSigningKey } from '@/e2e/identity-provider/signing-keys';
import { createTrustingFetch } from '@/e2e/identity-provider/trusting-fetch';
import type { UnauthenticatedReason } from '@/lib/auth/errors';
import {
  FORGERIES,
  type ForgedCredentials,
  type Forgery,
  forgedTokenMatrix,
  tokenForge,
} from '@/lib/auth/testing/forged-tokens';
import { deviceEvidenceSchema } from '@/lib/hunts/device-evidence-result';
import { FIXTURE_NOW, SEED_HUNT_ID, writeEventsCsv } from '@/lib/hunts/test-support';

type RouteGet = typeof import('./route')['GET'];

let dir: string;
let idp: RunningIdentityProvider;
let GET: RouteGet;
let forged: Record<Forgery, ForgedCredentials>;
const tokens: Record<'analyst' | 'triager' | 'manager' | 'nobody', string> = {
  analyst: '',
  triager: '',
  manager: '',
  nobody: '',
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-events-route-'));
  idp = await startIdentityProvider({ port: 0, dataDir: path.join(dir, 'idp') });
  const events = await writeEventsCsv(path.join(dir, 'events.csv'));

  // Settings are read once per process, on first use: set them before the route's modules load.
  vi.stubEnv('AUTH_ISSUER', idp.issuer);
  vi.stubEnv('AUTH_AUDIENCE', DEMO_AUDIENCE);
  vi.stubEnv('AUTH_CLIENT_ID', idp.clientId);
  vi.stubEnv('AUTH_API_SCOPE', idp.apiScope);
  vi.stubEnv('AUTH_TENANT_ID', DEMO_TENANT_ID);
  vi.stubEnv('AUTH_JWKS_URI', '');
  vi.stubEnv('AUTH_CLOCK_TOLERANCE_SECONDS', '');
  vi.stubEnv('HUNTBOARD_EVENTS', events);
  vi.stubEnv('HUNTBOARD_NOW', FIXTURE_NOW);
  vi.stubEnv('HUNTBOARD_DATA_DIR', path.join(dir, 'data'));
  vi.stubEnv('HUNTBOARD_HUNTS_DIR', '');

  // Only the provider may be fetched, through a fetch that trusts its certificate and nothing else.
  const trusting = createTrustingFetch(idp.caCert);
  const issuerOrigin = new URL(idp.issuer).origin;
  vi.stubGlobal('fetch', (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.origin !== issuerOrigin) return Promise.reject(new TypeError(`unexpected fetch of ${url.href}`));
    return trusting(url, { method: init.method, headers: init.headers, signal: init.signal ?? undefined });
  });

  vi.resetModules();
  ({ GET } = await import('./route'));

  const key = await readSigningKey(idp.dataDir);
  const forge = tokenForge(idp.issuer, key);
  const signedIn = await Promise.all(
    (['analyst', 'triager', 'manager', 'nobody'] as const).map(
      async (login) => [login, (await signInOverHttp(idp, { login })).accessToken] as const,
    ),
  );
  for (const [login, token] of signedIn) tokens[login] = token;
  forged = await forgedTokenMatrix(forge, key, tokens.analyst);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  await idp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function call(
  deviceId: string,
  {
    authorization,
    query = '',
    huntId = SEED_HUNT_ID,
  }: { authorization?: string; query?: string; huntId?: string } = {},
) {
  const headers = new Headers();
  if (authorization !== undefined) headers.set('authorization', authorization);
  const url = `http://localhost/api/hunts/${encodeURIComponent(huntId)}/devices/${encodeURIComponent(deviceId)}/events${query}`;
  return GET(new Request(url, { headers }), { params: Promise.resolve({ huntId, deviceId }) });
}

const as = (login: keyof typeof tokens) => `Bearer ${tokens[login]}`;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  reason?: string;
  field?: string;
}

async function problemOf(response: Response, status: number): Promise<{ body: Problem; text: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const text = await response.text();
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ type: 'about:blank', status });
  return { body, text };
}

describe('the forged-token matrix: 401 with a bearer challenge', () => {
  it.each(Object.entries(FORGERIES) as [Forgery, UnauthenticatedReason][])('%s', async (forgery, reason) => {
    const { authorization, token } = forged[forgery];
    const response = await call('dev-alpha', { authorization });
    const { body, text } = await problemOf(response, 401);
    expect(body.reason).toBe(reason);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="huntboard"/);
    if (token)
      for (const part of token.split('.').filter((p) => p.length > 10)) expect(text).not.toContain(part);
  });
});

describe('valid tokens', () => {
  it('without a role: 403', async () => {
    const { body } = await problemOf(await call('dev-alpha', { authorization: as('nobody') }), 403);
    expect(body.reason).toBe('role');
  });

  it.each(['analyst', 'triager', 'manager'] as const)(
    'of the %s: 200 with the device’s events, newest first',
    async (login) => {
      const response = await call('dev-alpha', { authorization: as(login) });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const evidence = deviceEvidenceSchema.parse(await response.json());
      // alpha's three mRemoteNG launches in the 5-day window; its notepad.exe event is not the hunt's.
      expect(evidence.events.map((e) => [e.timestamp, e.reportId])).toEqual([
        ['2026-03-07T18:30:00.000Z', 103],
        ['2026-03-07T09:00:00.000Z', 102],
        ['2026-03-05T12:00:00.000Z', 101],
      ]);
      expect(evidence).toMatchObject({ deviceId: 'dev-alpha', shown: 3, total: 3, huntId: SEED_HUNT_ID });
      expect(evidence.events[0]).toMatchObject({
        fileName: 'mRemoteNG.exe',
        account: 'corp\\admin',
        initiatingProcessFileName: 'explorer.exe',
      });
    },
  );

  it('a limit caps the events and the total still counts them all', async () => {
    const response = await call('dev-alpha', { authorization: as('analyst'), query: '?limit=2' });
    const evidence = deviceEvidenceSchema.parse(await response.json());
    expect(evidence).toMatchObject({ shown: 2, total: 3, limit: 2 });
    expect(evidence.events.map((e) => e.reportId)).toEqual([103, 102]);
  });

  it('a wider window reaches older events; long ReportIds come back as strings', async () => {
    const echo = deviceEvidenceSchema.parse(
      await (await call('dev-echo', { authorization: as('analyst'), query: '?lookback=10d' })).json(),
    );
    expect(echo.events.map((e) => e.reportId)).toEqual([501, 502]);
    expect(echo.window.lookback).toBe('10d');
    const charlie = deviceEvidenceSchema.parse(
      await (await call('dev-charlie', { authorization: as('analyst') })).json(),
    );
    expect(charlie.events.map((e) => e.reportId)).toEqual(['9007199254740993']);
  });

  it('a device the hunt did not flag has no events', async () => {
    const evidence = deviceEvidenceSchema.parse(
      await (await call('dev-delta', { authorization: as('analyst') })).json(),
    );
    expect(evidence).toMatchObject({ shown: 0, total: 0, events: [] });
  });
});

describe('bad input from a signed-in caller', () => {
  it.each([
    ['?limit=0', 'limit', 'must be between 1 and 1000'],
    ['?limit=5000', 'limit', 'must be between 1 and 1000'],
    ['?limit=ten', 'limit', 'must be a whole number'],
    ['?lookback=30m', 'lookback', 'must be between 1h and 180d'],
    ['?exclude=no-such-rule', 'exclude', "Unknown exclusion 'no-such-rule'"],
  ])('%s: 400 naming %s', async (query, field, fix) => {
    const { body } = await problemOf(await call('dev-alpha', { authorization: as('analyst'), query }), 400);
    expect(body.field).toBe(field);
    expect(body.detail).toContain(fix);
  });

  it('an unknown hunt: 404', async () => {
    const { body } = await problemOf(
      await call('dev-alpha', { authorization: as('analyst'), huntId: 'no-such-hunt' }),
      404,
    );
    expect(body.detail).toContain("'no-such-hunt'");
  });

  it('an unauthenticated bad request gets 401, not 400', async () => {
    await problemOf(await call('dev-alpha', { query: '?limit=0' }), 401);
  });
});
