// The hunt-run route through its exported GET, with settings pointing at the bundled identity provider and at
// a small exported-events file: who gets in (the forged-token matrix, roles), what they get back, and which
// refusal wins when a request is wrong in several ways at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectProblem,
  type Login,
  type Problem,
  type RouteHarness,
  startRouteHarness,
} from '@/lib/api/testing/route-harness';
import type { UnauthenticatedReason } from '@/lib/auth/errors';
import { huntRunSchema } from '@/lib/hunts/hunt-run';
import { expectedDevices, FIXTURE_NOW, SEED_HUNT_ID, withSortedReportIds } from '@/lib/hunts/test-support';
import {
  FORGERIES,
  type ForgedCredentials,
  type Forgery,
} from '@/lib/identity-provider/testing/forged-tokens';

type RouteGet = typeof import('./route')['GET'];

let api: RouteHarness;
let GET: RouteGet;
let forged: Record<Forgery, ForgedCredentials>;

beforeAll(async () => {
  // Settings are read once per process, on first use: the harness sets them before the route's modules load.
  api = await startRouteHarness('run-route');
  ({ GET } = await import('./route'));
  // The first run pays for reading the catalog (the Kusto parser), opening the events source and opening (and
  // migrating) the embedded triage database: done here, so no test's own time depends on the machine's load.
  const service = await import('@/lib/hunts/hunt-service');
  await service.huntById(SEED_HUNT_ID);
  await (await import('@/lib/sources/configured-source')).openConfiguredSource();
  await (await import('@/lib/triage/open-store')).openConfiguredStore();
  forged = await api.forgedTokens();
}, 300_000);

afterAll(() => api?.close());

function call(
  huntId: string,
  { authorization, query = '' }: { authorization?: string; query?: string } = {},
) {
  return api.call(GET, 'GET', `/api/hunts/${encodeURIComponent(huntId)}/run`, {
    authorization,
    query,
    params: { huntId },
  });
}

const as = (login: Login) => `Bearer ${api.token(login)}`;

async function problemOf(response: Response, status: number): Promise<{ body: Problem; text: string }> {
  const problem = await expectProblem(response, status);
  expect(problem.body.title).toBeTruthy();
  return problem;
}

/** Neither the token nor any sizeable piece of it may come back, in the body or the headers. */
function expectNoTokenIn(response: Response, text: string, token: string | undefined) {
  if (!token) return;
  const said = `${text}\n${[...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
  expect(said).not.toContain(token);
  for (const part of token.split('.').filter((p) => p.length > 10)) expect(said).not.toContain(part);
}

describe('the forged-token matrix: 401 with a bearer challenge', () => {
  it.each(Object.entries(FORGERIES) as [Forgery, UnauthenticatedReason][])('%s', async (forgery, reason) => {
    const { authorization, token } = forged[forgery];
    const response = await call(SEED_HUNT_ID, { authorization });
    const { body, text } = await problemOf(response, 401);
    expect(body.title).toBe('Authentication required');
    expect(body.reason).toBe(reason);
    const challenge = response.headers.get('www-authenticate');
    expect(challenge).toMatch(/^Bearer realm="huntboard"/);
    if (reason === 'missing-token' || reason === 'wrong-scheme') {
      // RFC 6750 §3.1: no error code when the client sent no bearer credentials at all.
      expect(challenge).toBe('Bearer realm="huntboard"');
    } else {
      expect(challenge).toContain('error="invalid_token"');
    }
    expectNoTokenIn(response, text, token);
  });
});

describe('valid tokens', () => {
  it('without a role: 403, without a challenge, naming the roles that would do', async () => {
    const response = await call(SEED_HUNT_ID, { authorization: as('nobody') });
    const { body, text } = await problemOf(response, 403);
    expect(body.reason).toBe('role');
    expect(body.detail).toContain('Analyst, Triager, Manager');
    expect(response.headers.get('www-authenticate')).toBeNull();
    expectNoTokenIn(response, text, api.token('nobody'));
  });

  it('with a role but without the API scope: 403 asking for the scope', async () => {
    const token = await api.signAsIssuer({ scope: 'openid profile' });
    const response = await call(SEED_HUNT_ID, { authorization: `Bearer ${token}` });
    const { body, text } = await problemOf(response, 403);
    expect(body.reason).toBe('scope');
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expectNoTokenIn(response, text, token);
  });

  it.each(['analyst', 'triager', 'manager'] as const)(
    'of the %s: 200 with the hunt’s devices',
    async (login) => {
      const response = await call(SEED_HUNT_ID, { authorization: as(login) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const run = huntRunSchema.parse(await response.json());
      expect(withSortedReportIds(run.devices)).toEqual(expectedDevices('5d'));
      expect(run.rowCount).toBe(4);
      expect(run.window).toMatchObject({ end: FIXTURE_NOW, lookback: '5d' });
      expect(run.hunt.id).toBe(SEED_HUNT_ID);
    },
  );

  it('a lookback widens the window', async () => {
    const response = await call(SEED_HUNT_ID, { authorization: as('analyst'), query: '?lookback=10d' });
    expect(response.status).toBe(200);
    const run = huntRunSchema.parse(await response.json());
    expect(run.window.lookback).toBe('10d');
    expect(withSortedReportIds(run.devices)).toEqual(expectedDevices('10d'));
  });
});

describe('exclusions', () => {
  it('?exclude= enables the named rules: the effective KQL excludes them and the answer lists every rule', async () => {
    const response = await call(SEED_HUNT_ID, {
      authorization: as('analyst'),
      query: '?exclude=admin-scripts,veeam-backup',
    });
    expect(response.status).toBe(200);
    const run = huntRunSchema.parse(await response.json());
    expect(run.exclusions.filter((e) => e.enabled).map((e) => e.id)).toEqual([
      'admin-scripts',
      'veeam-backup',
    ]);
    expect(run.exclusions).toHaveLength(5);
    // Both rules in one where, a not(…) line each, in the catalog's order, right before the summarize.
    const { huntById } = await import('@/lib/hunts/hunt-service');
    const rules = (await huntById(SEED_HUNT_ID)).exclusions;
    const predicate = (id: string) => rules.find((r) => r.id === id)?.predicate;
    expect(run.kql.devices).toContain(
      `\n| where not(${predicate('admin-scripts')})\n    and not(${predicate('veeam-backup')})\n| summarize`,
    );
    expect(run.kql.devices.match(/\| where not\(/g)).toHaveLength(1);
    expect(run.kql.devices.match(/\band not\(/g)).toHaveLength(1);
    // The fixture's launches all come from explorer.exe: no rule removes any of them.
    expect(withSortedReportIds(run.devices)).toEqual(expectedDevices('5d'));
  });

  it.each([
    ['admin-scripts,no-such-rule', "Unknown exclusion 'no-such-rule'; valid ids are: admin-scripts,"],
    ['Admin Scripts', 'exclude.0: must be comma-separated rule ids'],
  ])('exclude=%s: 400 saying what to fix', async (exclude, fix) => {
    const response = await call(SEED_HUNT_ID, {
      authorization: as('analyst'),
      query: `?exclude=${encodeURIComponent(exclude)}`,
    });
    const { body } = await problemOf(response, 400);
    expect(body.field).toMatch(/^exclude/);
    expect(body.detail).toContain(fix);
  });
});

describe('bad input from a signed-in caller', () => {
  it.each([
    ['banana', "'banana' is not a timespan"],
    ['30m', 'must be between 1h and 180d'],
    ['181d', 'must be between 1h and 180d'],
  ])('lookback=%s: 400 naming the lookback and what to fix', async (lookback, fix) => {
    const response = await call(SEED_HUNT_ID, {
      authorization: as('analyst'),
      query: `?lookback=${lookback}`,
    });
    const { body } = await problemOf(response, 400);
    expect(body.field).toBe('lookback');
    expect(body.detail).toMatch(/^lookback: /);
    expect(body.detail).toContain(fix);
  });

  it('an unknown hunt: 404 naming it', async () => {
    const response = await call('no-such-hunt', { authorization: as('analyst') });
    const { body } = await problemOf(response, 404);
    expect(body.title).toBe('Unknown hunt');
    expect(body.detail).toContain("'no-such-hunt'");
  });
});

describe('refusals come before input checks', () => {
  it('an unauthenticated bad request gets 401, not 400', async () => {
    const response = await call(SEED_HUNT_ID, { query: '?lookback=banana' });
    const { body } = await problemOf(response, 401);
    expect(body.reason).toBe('missing-token');
  });

  it('a forged token with a bad lookback gets 401, not 400', async () => {
    const response = await call(SEED_HUNT_ID, {
      authorization: forged.expired.authorization,
      query: '?lookback=30m',
    });
    await problemOf(response, 401);
  });

  it('an unauthenticated request for an unknown hunt gets 401, not 404', async () => {
    await problemOf(await call('no-such-hunt'), 401);
  });

  it('a signed-in caller without a role gets 403 for a bad request and for an unknown hunt', async () => {
    await problemOf(await call(SEED_HUNT_ID, { authorization: as('nobody'), query: '?lookback=30m' }), 403);
    await problemOf(await call('no-such-hunt', { authorization: as('nobody') }), 403);
  });
});
