// The trends route through its exported GET, with settings pointing at the bundled identity provider and at
// the small exported-events file of lib/hunts/test-support.ts: who gets in (forged tokens, roles), what they
// get back (hand-computed series), and which refusal wins when a request is wrong in several ways at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectProblem,
  type Login,
  type Problem,
  type RouteHarness,
  startRouteHarness,
} from '@/lib/api/testing/route-harness';
import type { UnauthenticatedReason } from '@/lib/auth/errors';
import { FIXTURE_NOW, SEED_HUNT_ID } from '@/lib/hunts/test-support';
import {
  FORGERIES,
  type ForgedCredentials,
  type Forgery,
} from '@/lib/identity-provider/testing/forged-tokens';
import { trendReportSchema } from '@/lib/trends/trend-report';

type RouteGet = typeof import('./route')['GET'];

let api: RouteHarness;
let GET: RouteGet;
let forged: Record<Forgery, ForgedCredentials>;

beforeAll(async () => {
  // Settings are read once per process, on first use: the harness sets them before the route's modules load.
  api = await startRouteHarness('trends-route');
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
  return api.call(GET, 'GET', `/api/hunts/${encodeURIComponent(huntId)}/trends`, {
    authorization,
    query,
    params: { huntId },
  });
}

const as = (login: Login) => `Bearer ${api.token(login)}`;

const problemOf = async (response: Response, status: number): Promise<Problem> =>
  (await expectProblem(response, status)).body;

describe('who gets in', () => {
  it.each(Object.entries(FORGERIES) as [Forgery, UnauthenticatedReason][])(
    'a forged token (%s): 401',
    async (forgery, reason) => {
      const response = await call(SEED_HUNT_ID, { authorization: forged[forgery].authorization });
      expect((await problemOf(response, 401)).reason).toBe(reason);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="huntboard"/);
    },
  );

  it('a signed-in person without a role: 403 naming the roles that would do', async () => {
    const body = await problemOf(await call(SEED_HUNT_ID, { authorization: as('nobody') }), 403);
    expect(body.reason).toBe('role');
    expect(body.detail).toContain('Analyst, Triager, Manager');
  });

  it.each(['manager', 'analyst', 'triager'] as const)('the %s: 200 with the trends', async (login) => {
    const response = await call(SEED_HUNT_ID, { authorization: as(login), query: '?range=7d' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = trendReportSchema.parse(await response.json());
    expect(report.hunt.id).toBe(SEED_HUNT_ID);
  });
});

describe('what they get back', () => {
  it('?range=7d: the last seven UTC days from the source, counted by hand', async () => {
    const response = await call(SEED_HUNT_ID, { authorization: as('manager'), query: '?range=7d' });
    const report = trendReportSchema.parse(await response.json());
    expect(report.range).toEqual({ days: 7, start: '2026-03-04T00:00:00.000Z', end: FIXTURE_NOW });
    expect(report.days.map((d) => [d.day, d.origin, d.events, d.devices])).toEqual([
      ['2026-03-04', 'source', 0, 0],
      ['2026-03-05', 'source', 2, 2],
      ['2026-03-06', 'source', 0, 0],
      ['2026-03-07', 'source', 2, 1],
      ['2026-03-08', 'source', 2, 2],
      ['2026-03-09', 'source', 1, 1],
      ['2026-03-10', 'source', 1, 1],
    ]);
    expect(report.totals).toMatchObject({ events: 8, devices: 5, newDevices: 4 });
    expect(report.kql.daily).toContain('by Day=bin(Timestamp, 1d)');
    expect(report.source.id).toBe('embedded');
  });

  it('without a range: the last 30 days; beyond the source, days nothing recorded say so', async () => {
    const month = trendReportSchema.parse(
      await (await call(SEED_HUNT_ID, { authorization: as('manager') })).json(),
    );
    expect(month.days).toHaveLength(30);
    expect(month.totals.events).toBe(9);
    const quarter = trendReportSchema.parse(
      await (await call(SEED_HUNT_ID, { authorization: as('manager'), query: '?range=90d' })).json(),
    );
    expect(quarter.days).toHaveLength(90);
    expect(quarter.coverage).toMatchObject({ retentionDays: 30, historyDays: 0, missingDays: 60 });
    expect(quarter.days.slice(0, 60).every((d) => d.origin === 'none' && d.events === null)).toBe(true);
    expect(quarter.totals.events).toBe(9);
  });

  it('?exclude= switches rules on, in the KQL and in the answer', async () => {
    const response = await call(SEED_HUNT_ID, {
      authorization: as('manager'),
      query: '?range=14d&exclude=veeam-backup,admin-scripts',
    });
    const report = trendReportSchema.parse(await response.json());
    expect(report.exclusions.filter((e) => e.enabled).map((e) => e.id)).toEqual([
      'admin-scripts',
      'veeam-backup',
    ]);
    // Both rules in one where, a not(…) line each, in the catalog's order, right before the summarize.
    const { huntById } = await import('@/lib/hunts/hunt-service');
    const rules = (await huntById(SEED_HUNT_ID)).exclusions;
    const predicate = (id: string) => rules.find((r) => r.id === id)?.predicate;
    expect(report.kql.daily).toContain(
      `\n| where not(${predicate('admin-scripts')})\n    and not(${predicate('veeam-backup')})\n| summarize`,
    );
    expect(report.kql.daily.match(/\| where not\(/g)).toHaveLength(1);
    expect(report.kql.daily.match(/\band not\(/g)).toHaveLength(1);
  });
});

describe('with the triage store', () => {
  it('days older than the source come from the runs recorded in it', async () => {
    const { openConfiguredStore } = await import('@/lib/triage/open-store');
    const store = await openConfiguredStore();
    await store.recordSnapshot({
      huntId: SEED_HUNT_ID,
      sourceId: 'embedded',
      ranAt: '2026-01-20T06:00:00.000Z',
      windowStart: '2026-01-15T06:00:00.000Z',
      windowEnd: '2026-01-20T06:00:00.000Z',
      exclusions: [],
      devices: [
        {
          deviceId: 'dev-zulu',
          deviceName: 'ws-zulu.corp.example',
          firstSeen: '2026-01-16T09:00:00.000Z',
          lastSeen: '2026-01-17T09:00:00.000Z',
          count: 5,
          activity: [
            { day: '2026-01-16', count: 4 },
            { day: '2026-01-17', count: 1 },
          ],
        },
      ],
    });
    const report = trendReportSchema.parse(
      await (await call(SEED_HUNT_ID, { authorization: as('manager'), query: '?range=90d' })).json(),
    );
    const byDay = new Map(report.days.map((d) => [d.day, d]));
    expect(byDay.get('2026-01-16')).toMatchObject({
      origin: 'history',
      events: 4,
      devices: 1,
      partial: false,
    });
    expect(byDay.get('2026-01-17')).toMatchObject({ origin: 'history', events: 1, newDevices: 0 });
    // The run's window started at 06:00 on 01-15 and ended at 06:00 on 01-20.
    expect(byDay.get('2026-01-15')).toMatchObject({ origin: 'history', events: 0, partial: true });
    expect(byDay.get('2026-01-14')).toMatchObject({ origin: 'none', events: null });
    expect(report.coverage).toMatchObject({ historyDays: 6, missingDays: 54, snapshotsUsed: 1 });
    expect(report.totals.events).toBe(9 + 5);
    expect(report.topDevices[0]).toEqual({
      deviceId: 'dev-zulu',
      deviceName: 'ws-zulu.corp.example',
      events: 5,
    });
    // The Veeam exclusion was not on in that run, so with it on the run does not count.
    const excluded = trendReportSchema.parse(
      await (
        await call(SEED_HUNT_ID, { authorization: as('manager'), query: '?range=90d&exclude=veeam-backup' })
      ).json(),
    );
    expect(excluded.coverage).toMatchObject({ historyDays: 0, snapshotsUsed: 0, snapshotsIgnored: 1 });
  });

  it('verdicts set in the store reach the trends as audit entries', async () => {
    const { openConfiguredStore } = await import('@/lib/triage/open-store');
    const { loadTriageRecords } = await import('@/lib/trends/trend-service');
    const store = await openConfiguredStore();
    await store.setVerdict(
      {
        huntId: SEED_HUNT_ID,
        deviceId: 'dev-alpha',
        deviceName: 'ws-alpha.corp.example',
        expectedVersion: 0,
        input: { status: 'suspicious', reason: 'unexpected parent' },
      },
      { id: 'u-1', name: 'Tristan Triager' },
    );
    const records = await loadTriageRecords(SEED_HUNT_ID, new Date('2026-01-01T00:00:00Z'), new Date());
    expect(records.verdictAudit).toHaveLength(1);
    expect(records.verdictAudit[0]).toMatchObject({
      huntId: SEED_HUNT_ID,
      entity: 'verdict',
      entityId: 'dev-alpha',
      after: { status: 'suspicious' },
    });
    expect(records.snapshots).toHaveLength(1);
  });
});

describe('bad input', () => {
  it.each([
    ['banana', "'banana' is not a timespan"],
    ['36h', 'must be a whole number of days'],
    ['1d', 'must be between 2d and 180d'],
    ['181d', 'must be between 1h and 180d'],
  ])('range=%s: 400 naming the range and what to fix', async (range, fix) => {
    const body = await problemOf(
      await call(SEED_HUNT_ID, { authorization: as('manager'), query: `?range=${range}` }),
      400,
    );
    expect(body.field).toBe('range');
    expect(body.detail).toContain(fix);
  });

  it('an unknown exclusion: 400 listing the valid ids', async () => {
    const body = await problemOf(
      await call(SEED_HUNT_ID, { authorization: as('manager'), query: '?exclude=no-such-rule' }),
      400,
    );
    expect(body.field).toBe('exclude');
    expect(body.detail).toContain('valid ids are: admin-scripts');
  });

  it('an unknown hunt: 404', async () => {
    const body = await problemOf(await call('no-such-hunt', { authorization: as('manager') }), 404);
    expect(body.detail).toContain("'no-such-hunt'");
  });

  it('refusals come first: 401 without a token and 403 without a role, whatever else is wrong', async () => {
    await problemOf(await call('no-such-hunt', { query: '?range=banana' }), 401);
    await problemOf(await call(SEED_HUNT_ID, { authorization: as('nobody'), query: '?range=banana' }), 403);
  });
});
