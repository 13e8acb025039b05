// The verdict routes through their exported handlers, with real access tokens from the bundled identity
// provider, the seed hunt on the hand-made fixture events (flagged: alpha, bravo, charlie, hotel, echo) and
// a fresh embedded triage database: who may read and write, what a write returns, the 400s that say what to
// fix and store nothing, 409 on a stale version, all-or-nothing bulk writes, and each device's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jsonOf,
  type Login,
  type Problem,
  problemOf,
  type RouteHarness,
  startRouteHarness,
} from '@/lib/api/testing/route-harness';
import { SEED_HUNT_ID } from '@/lib/hunts/test-support';
import { type AuditEntry, MAX_BULK, type Verdict } from '@/lib/triage/types';

type Routes = {
  verdicts: typeof import('./route');
  verdict: typeof import('../devices/[deviceId]/verdict/route');
  history: typeof import('../devices/[deviceId]/history/route');
  audit: typeof import('../../../audit/route');
};

let api: RouteHarness;
let routes: Routes;

beforeAll(async () => {
  api = await startRouteHarness('verdict-routes');
  routes = {
    verdicts: await import('./route'),
    verdict: await import('../devices/[deviceId]/verdict/route'),
    history: await import('../devices/[deviceId]/history/route'),
    audit: await import('../../../audit/route'),
  };
  // Reading the catalog (the Kusto parser) and opening (and migrating) the embedded triage database take a
  // while the first time: done here, so no test's own time depends on the machine's load.
  await (await import('@/lib/hunts/hunt-service')).huntById(SEED_HUNT_ID);
  await (await import('@/lib/triage/open-store')).openConfiguredStore();
}, 300_000);
afterAll(() => api?.close());

const TRIAGER = { id: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b02', name: 'Tristan Triager' };

const list = (as: Login = 'analyst', huntId = SEED_HUNT_ID) =>
  api.call(routes.verdicts.GET, 'GET', `/api/hunts/${huntId}/verdicts`, { as, params: { huntId } });

const put = (
  deviceId: string,
  body: unknown,
  {
    as = 'triager',
    huntId = SEED_HUNT_ID,
    contentType,
  }: { as?: Login; huntId?: string; contentType?: string } = {},
) =>
  api.call(routes.verdict.PUT, 'PUT', `/api/hunts/${huntId}/devices/${deviceId}/verdict`, {
    as,
    body,
    contentType,
    params: { huntId, deviceId },
  });

const bulk = (body: unknown, as: Login = 'triager') =>
  api.call(routes.verdicts.POST, 'POST', `/api/hunts/${SEED_HUNT_ID}/verdicts`, {
    as,
    body,
    params: { huntId: SEED_HUNT_ID },
  });

const allAudit = async () =>
  (
    await jsonOf<{ entries: AuditEntry[] }>(
      await api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager' }),
    )
  ).entries;

const verdicts = async () =>
  (await jsonOf<{ verdicts: (Verdict & { reviewDue: boolean })[] }>(await list())).verdicts;

/** Runs `request`, expects `status`, and checks that neither verdicts nor the audit log changed. */
async function refusedWithoutWriting(request: () => Promise<Response>, status: number): Promise<Problem> {
  const [verdictsBefore, auditBefore] = [await verdicts(), await allAudit()];
  const problem = await problemOf(await request(), status);
  expect(await verdicts()).toEqual(verdictsBefore);
  expect(await allAudit()).toEqual(auditBefore);
  return problem;
}

describe('reading verdicts', () => {
  it.each(['analyst', 'triager', 'manager'] as const)('the %s may list them (none yet)', async (login) => {
    const response = await list(login);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await jsonOf(response)).toEqual({ verdicts: [] });
  });

  it('a signed-in user without a role gets 403', async () => {
    expect((await problemOf(await list('nobody'), 403)).reason).toBe('role');
  });

  it('an unknown hunt is 404', async () => {
    expect((await problemOf(await list('analyst', 'no-such-hunt'), 404)).title).toBe('Unknown hunt');
  });
});

describe('setting one verdict', () => {
  it('a triager sets a Benign verdict with a reason, scenario and review date; the answer is what was stored', async () => {
    const verdict = await jsonOf<Verdict>(
      await put('dev-alpha', {
        expectedVersion: 0,
        deviceName: 'ws-alpha.corp.example',
        status: 'benign',
        reason: '  Helpdesk jump host  ',
        scenario: 'admin-scripts',
        reviewAfter: '2026-06-01T00:00:00Z',
      }),
    );
    expect(verdict).toMatchObject({
      huntId: SEED_HUNT_ID,
      deviceId: 'dev-alpha',
      deviceName: 'ws-alpha.corp.example',
      status: 'benign',
      reason: 'Helpdesk jump host',
      scenario: 'admin-scripts',
      reviewAfter: '2026-06-01T00:00:00.000Z',
      reference: null,
      version: 1,
      setBy: TRIAGER,
    });
    expect(await verdicts()).toEqual([{ ...verdict, reviewDue: false }]);
  });

  it.each(['analyst', 'manager', 'nobody'] as const)('the %s may not: 403, nothing stored', async (login) => {
    const problem = await refusedWithoutWriting(
      () =>
        put('dev-bravo', { expectedVersion: 0, deviceName: 'ws-bravo', status: 'malicious' }, { as: login }),
      403,
    );
    expect(problem.detail).toContain('Triager');
  });

  it('without a token: 401, even with a bad body', async () => {
    const response = await api.call(routes.verdict.PUT, 'PUT', '/api/hunts/x/devices/y/verdict', {
      body: '{nope',
      params: { huntId: SEED_HUNT_ID, deviceId: 'dev-bravo' },
    });
    expect((await problemOf(response, 401)).reason).toBe('missing-token');
  });

  it('a stale version: 409 with the current verdict, nothing stored', async () => {
    const problem = await refusedWithoutWriting(
      () =>
        put('dev-alpha', { expectedVersion: 0, deviceName: 'ws-alpha.corp.example', status: 'malicious' }),
      409,
    );
    expect(problem.title).toBe('Changed by someone else');
    expect(problem.detail).toMatch(/changed this verdict since you loaded it/);
    expect(problem.current).toMatchObject({
      deviceId: 'dev-alpha',
      status: 'benign',
      version: 1,
      setBy: TRIAGER,
    });
  });

  it('based on the current version, it replaces the verdict', async () => {
    const verdict = await jsonOf<Verdict>(
      await put('dev-alpha', {
        expectedVersion: 1,
        deviceName: 'ws-alpha.corp.example',
        status: 'malicious',
        reference: 'INC-2026-0042',
      }),
    );
    expect(verdict).toMatchObject({
      status: 'malicious',
      reference: 'INC-2026-0042',
      reason: null,
      scenario: null,
      version: 2,
    });
  });

  const valid = { expectedVersion: 0, deviceName: 'ws-bravo.corp.example' };
  it.each<[string, string, unknown, string, string]>([
    [
      'an unknown status',
      'dev-bravo',
      { ...valid, status: 'maybe' },
      'status',
      'must be one of: unreviewed, benign, suspicious, malicious',
    ],
    [
      'Benign without a reason',
      'dev-bravo',
      { ...valid, status: 'benign' },
      'reason',
      'is required for Benign',
    ],
    [
      'Benign with a blank reason',
      'dev-bravo',
      { ...valid, status: 'benign', reason: '   ' },
      'reason',
      'is required for Benign',
    ],
    [
      'a review date in the past',
      'dev-bravo',
      { ...valid, status: 'benign', reason: 'ok', reviewAfter: '2026-03-01T00:00:00Z' },
      'reviewAfter',
      'must be in the future (it is now 2026-03-10T12:00:00.000Z)',
    ],
    [
      'a review date that is not a date',
      'dev-bravo',
      { ...valid, status: 'benign', reason: 'ok', reviewAfter: 'next week' },
      'reviewAfter',
      'must be an ISO 8601 date-time',
    ],
    [
      'no expected version',
      'dev-bravo',
      { deviceName: 'ws-bravo', status: 'suspicious' },
      'expectedVersion',
      'send the version you loaded',
    ],
    [
      'a negative expected version',
      'dev-bravo',
      { ...valid, expectedVersion: -1, status: 'suspicious' },
      'expectedVersion',
      'must be 0 or more',
    ],
    [
      'no device name',
      'dev-bravo',
      { expectedVersion: 0, status: 'suspicious' },
      'deviceName',
      'is required',
    ],
    [
      'a reason over 2,000 characters',
      'dev-bravo',
      { ...valid, status: 'suspicious', reason: 'x'.repeat(2_001) },
      'reason',
      'at most 2000 characters',
    ],
    [
      'a device the hunt never flagged',
      'dev-delta',
      { ...valid, status: 'suspicious' },
      'deviceId',
      "'dev-delta' is not a device this hunt flagged in the last 180 days",
    ],
    [
      'a device seen only after "now"',
      'dev-foxtrot',
      { ...valid, status: 'suspicious' },
      'deviceId',
      'is not a device this hunt flagged',
    ],
  ])('%s: 400 naming the field, nothing stored', async (_what, deviceId, body, field, fix) => {
    const problem = await refusedWithoutWriting(() => put(deviceId, body), 400);
    expect(problem.field).toBe(field);
    expect(problem.detail).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    expect(problem.detail).toContain(fix);
  });

  it('an unknown device is titled as such and listed', async () => {
    const problem = await problemOf(await put('dev-golf', { ...valid, status: 'suspicious' }), 400);
    expect(problem).toMatchObject({ title: 'Unknown device', unknownDevices: ['dev-golf'] });
  });

  it.each<[string, string | undefined, string, string]>([
    ['malformed JSON', undefined, '{"status": ', 'body: is not valid JSON'],
    ['an empty body', undefined, '', 'body: is required'],
    ['a form instead of JSON', 'application/x-www-form-urlencoded', 'status=benign', 'body: must be JSON'],
    ['a JSON array', undefined, '[]', 'body: must be a JSON object'],
  ])('%s: 400, nothing stored', async (_what, contentType, body, fix) => {
    const problem = await refusedWithoutWriting(() => put('dev-bravo', body, { contentType }), 400);
    expect(problem.detail).toContain(fix);
  });

  it('a body over 1 MiB: 413, nothing stored', async () => {
    const problem = await refusedWithoutWriting(
      () => put('dev-bravo', { ...valid, status: 'suspicious', padding: 'x'.repeat(1024 * 1024) }),
      413,
    );
    expect(problem.detail).toContain('at most 1024 KiB');
  });

  it('an unknown hunt: 404, nothing stored', async () => {
    await refusedWithoutWriting(
      () => put('dev-bravo', { ...valid, status: 'suspicious' }, { huntId: 'no-such-hunt' }),
      404,
    );
  });
});

describe('setting verdicts in bulk', () => {
  const device = (name: string, expectedVersion = 0) => ({
    deviceId: `dev-${name}`,
    deviceName: `ws-${name}.corp.example`,
    expectedVersion,
  });

  it('sets one verdict on every listed device, in one audited change each', async () => {
    const auditBefore = (await allAudit()).length;
    const { verdicts: written } = await jsonOf<{ verdicts: Verdict[] }>(
      await bulk({
        devices: [device('bravo'), device('charlie')],
        verdict: { status: 'suspicious', reason: 'Launched from Outlook' },
      }),
    );
    expect(written.map((v) => [v.deviceId, v.status, v.version, v.reason])).toEqual([
      ['dev-bravo', 'suspicious', 1, 'Launched from Outlook'],
      ['dev-charlie', 'suspicious', 1, 'Launched from Outlook'],
    ]);
    const audit = (await allAudit()).slice(auditBefore);
    expect(audit.map((e) => [e.entityId, e.action, e.actor, e.reason])).toEqual([
      ['dev-bravo', 'set', TRIAGER, 'Launched from Outlook'],
      ['dev-charlie', 'set', TRIAGER, 'Launched from Outlook'],
    ]);
  });

  it('one stale version: 409 listing the conflicts with their current values, nothing stored', async () => {
    const problem = await refusedWithoutWriting(
      () =>
        bulk({
          devices: [device('hotel'), device('bravo', 0), device('charlie', 1)],
          verdict: { status: 'benign', reason: 'Patch window' },
        }),
      409,
    );
    expect(problem.detail).toMatch(/dev-bravo.*nothing was saved/);
    expect(
      (problem.conflicts as { deviceId: string; current: Verdict }[]).map((c) => [
        c.deviceId,
        c.current.version,
      ]),
    ).toEqual([['dev-bravo', 1]]);
  });

  it.each<[string, unknown, string, string]>([
    [
      'an unknown device among known ones',
      { devices: [device('hotel'), device('delta'), device('golf')], verdict: { status: 'suspicious' } },
      'devices.1.deviceId',
      "'dev-delta' and 1 more are not devices this hunt flagged",
    ],
    [
      'a device listed twice',
      { devices: [device('hotel'), device('hotel')], verdict: { status: 'suspicious' } },
      'devices.1.deviceId',
      "lists 'dev-hotel' twice",
    ],
    [
      'no devices',
      { devices: [], verdict: { status: 'suspicious' } },
      'devices',
      'must list at least one device',
    ],
    [
      `more than ${MAX_BULK} devices`,
      {
        devices: Array.from({ length: MAX_BULK + 1 }, (_, i) => device(`d${i}`)),
        verdict: { status: 'suspicious' },
      },
      'devices',
      `must list at most ${MAX_BULK} devices`,
    ],
    [
      'Benign without a reason',
      { devices: [device('hotel')], verdict: { status: 'benign' } },
      'verdict.reason',
      'is required for Benign',
    ],
    [
      'a review date in the past',
      {
        devices: [device('hotel')],
        verdict: { status: 'benign', reason: 'ok', reviewAfter: '2026-03-10T11:59:59Z' },
      },
      'verdict.reviewAfter',
      'must be in the future',
    ],
  ])('%s: 400 naming the field, nothing stored', async (_what, body, field, fix) => {
    const problem = await refusedWithoutWriting(() => bulk(body), 400);
    expect(problem.field).toBe(field);
    expect(problem.detail).toContain(fix);
  });

  it('the analyst and the manager may not: 403, nothing stored', async () => {
    for (const login of ['analyst', 'manager'] as const)
      await refusedWithoutWriting(
        () => bulk({ devices: [device('hotel')], verdict: { status: 'suspicious' } }, login),
        403,
      );
  });
});

describe('a device’s history', () => {
  const history = (deviceId: string, as: Login = 'analyst') =>
    api.call(routes.history.GET, 'GET', `/api/hunts/${SEED_HUNT_ID}/devices/${deviceId}/history`, {
      as,
      params: { huntId: SEED_HUNT_ID, deviceId },
    });

  it('lists every change of that device’s verdict, oldest first, with before and after', async () => {
    const { entries } = await jsonOf<{ entries: AuditEntry[] }>(await history('dev-alpha'));
    expect(
      entries.map((e) => [
        e.action,
        (e.before as Verdict | null)?.status ?? null,
        (e.after as Verdict).status,
        e.reason,
      ]),
    ).toEqual([
      ['set', null, 'benign', 'Helpdesk jump host'],
      ['set', 'benign', 'malicious', null],
    ]);
    expect(
      entries.every((e) => e.entity === 'verdict' && e.entityId === 'dev-alpha' && e.huntId === SEED_HUNT_ID),
    ).toBe(true);
    expect(await jsonOf(await history('dev-echo'))).toEqual({ entries: [] });
  });

  it('the manager may read it, someone without a role may not', async () => {
    expect((await history('dev-alpha', 'manager')).status).toBe(200);
    await problemOf(await history('dev-alpha', 'nobody'), 403);
  });
});

describe('the audit log route', () => {
  const audit = (query: string, as: Login) => api.call(routes.audit.GET, 'GET', '/api/audit', { as, query });

  it('is for triagers and managers, filtered by hunt, entity and time', async () => {
    const all = (await jsonOf<{ entries: AuditEntry[] }>(await audit('', 'triager'))).entries;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const filtered = await jsonOf<{ entries: AuditEntry[] }>(
      await audit(
        `?huntId=${SEED_HUNT_ID}&entity=verdict&since=${encodeURIComponent(all[1]?.at ?? '')}`,
        'manager',
      ),
    );
    expect(filtered.entries).toEqual(all.filter((e) => e.at >= (all[1]?.at ?? '')));
    expect(await jsonOf(await audit('?entity=exclusion', 'manager'))).toEqual({ entries: [], next: null });
  });

  it('reads a page at a time, newest first when asked, each page naming the next', async () => {
    const all = (await jsonOf<{ entries: AuditEntry[] }>(await audit('', 'triager'))).entries;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: AuditEntry[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: { entries: AuditEntry[]; next: string | null } = await jsonOf(
        await audit(`?order=desc&limit=3${cursor ? `&cursor=${cursor}` : ''}`, 'manager'),
      );
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries);
      cursor = page.next;
      pages += 1;
    }
    expect(seen).toEqual([...all].reverse());
    expect(pages).toBe(Math.ceil(all.length / 3));
    const firstTwo = await jsonOf<{ entries: AuditEntry[]; next: string | null }>(
      await audit('?limit=2', 'manager'),
    );
    expect(firstTwo).toEqual({ entries: all.slice(0, 2), next: String(all[1]?.id) });
  });

  it('narrows by actor and by a time range', async () => {
    const all = (await jsonOf<{ entries: AuditEntry[] }>(await audit('', 'triager'))).entries;
    const first = all[0];
    if (!first) throw new Error('no audit entries');
    const byActor = await jsonOf<{ entries: AuditEntry[] }>(
      await audit(`?actorId=${encodeURIComponent(first.actor.id)}`, 'manager'),
    );
    expect(byActor.entries).toEqual(all.filter((e) => e.actor.id === first.actor.id));
    expect(
      (await jsonOf<{ entries: AuditEntry[] }>(await audit('?actorId=nobody', 'manager'))).entries,
    ).toEqual([]);
    const until = encodeURIComponent(all[1]?.at ?? '');
    const upTo = await jsonOf<{ entries: AuditEntry[] }>(await audit(`?until=${until}`, 'manager'));
    expect(upTo.entries).toEqual(all.filter((e) => e.at <= (all[1]?.at ?? '')));
  });

  it('refuses a page size, cursor or range it cannot serve (400 naming the field)', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=ten', 'limit'],
      ['?cursor=abc', 'cursor'],
      ['?cursor=0', 'cursor'],
      ['?order=sideways', 'order'],
      ['?since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z', 'until'],
    ] as const) {
      expect((await problemOf(await audit(query, 'manager'), 400)).field, query).toBe(field);
    }
  });

  it('refuses the analyst (403) and a malformed filter (400)', async () => {
    await problemOf(await audit('', 'analyst'), 403);
    expect((await problemOf(await audit('?since=yesterday', 'manager'), 400)).field).toBe('since');
    expect((await problemOf(await audit('?entity=device', 'manager'), 400)).detail).toBe(
      'entity: must be verdict, exclusion or approval',
    );
  });
});
