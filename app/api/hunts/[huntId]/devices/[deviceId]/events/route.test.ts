// The device-evidence route through its exported GET, with settings pointing at the bundled identity provider
// and at a small exported-events file: who gets in (the forged-token matrix, roles), what they get back, and
// what a wrong parameter is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Login,
  expectProblem as problemOf,
  type RouteHarness,
  startRouteHarness,
} from '@/lib/api/testing/route-harness';
import type { UnauthenticatedReason } from '@/lib/auth/errors';
import { deviceEvidenceSchema } from '@/lib/hunts/device-evidence-result';
import { SEED_HUNT_ID } from '@/lib/hunts/test-support';
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
  api = await startRouteHarness('events-route');
  ({ GET } = await import('./route'));
  forged = await api.forgedTokens();
});

afterAll(() => api?.close());

function call(
  deviceId: string,
  {
    authorization,
    query = '',
    huntId = SEED_HUNT_ID,
  }: { authorization?: string; query?: string; huntId?: string } = {},
) {
  const url = `/api/hunts/${encodeURIComponent(huntId)}/devices/${encodeURIComponent(deviceId)}/events`;
  return api.call(GET, 'GET', url, { authorization, query, params: { huntId, deviceId } });
}

const as = (login: Login) => `Bearer ${api.token(login)}`;

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
      expect(evidence.events.map((e) => [e.Timestamp, e.ReportId])).toEqual([
        ['2026-03-07T18:30:00.000Z', 103],
        ['2026-03-07T09:00:00.000Z', 102],
        ['2026-03-05T12:00:00.000Z', 101],
      ]);
      expect(evidence).toMatchObject({ deviceId: 'dev-alpha', shown: 3, total: 3, huntId: SEED_HUNT_ID });
      expect(evidence.events[0]).toMatchObject({
        FileName: 'mRemoteNG.exe',
        AccountDomain: 'corp',
        AccountName: 'admin',
        InitiatingProcessFileName: 'explorer.exe',
      });
    },
  );

  it('a limit caps the events and the total still counts them all', async () => {
    const response = await call('dev-alpha', { authorization: as('analyst'), query: '?limit=2' });
    const evidence = deviceEvidenceSchema.parse(await response.json());
    expect(evidence).toMatchObject({ shown: 2, total: 3, limit: 2 });
    expect(evidence.events.map((e) => e.ReportId)).toEqual([103, 102]);
  });

  it('a wider window reaches older events; long ReportIds come back as strings', async () => {
    const echo = deviceEvidenceSchema.parse(
      await (await call('dev-echo', { authorization: as('analyst'), query: '?lookback=10d' })).json(),
    );
    expect(echo.events.map((e) => e.ReportId)).toEqual([501, 502]);
    expect(echo.window.lookback).toBe('10d');
    const charlie = deviceEvidenceSchema.parse(
      await (await call('dev-charlie', { authorization: as('analyst') })).json(),
    );
    expect(charlie.events.map((e) => e.ReportId)).toEqual(['9007199254740993']);
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
