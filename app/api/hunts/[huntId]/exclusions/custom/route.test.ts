// The custom-exclusion routes through their exported handlers, with real access tokens and a fresh embedded
// triage database: a triager creates, lists, switches off and on, and removes exclusions; analysts and
// managers get 403; bad input gets a 400 that names the field and stores nothing; a stale version gets 409;
// and every change lands in the audit log.
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
import type { AuditEntry, CustomExclusion } from '@/lib/triage/types';

type Routes = {
  collection: typeof import('./route');
  item: typeof import('./[id]/route');
  audit: typeof import('../../../../audit/route');
};

let api: RouteHarness;
let routes: Routes;

/** A network hunt beside the seed (process) hunt: its custom exclusions test DeviceNetworkEvents' columns. */
const NETWORK_HUNT_ID = '5d0f3c1e-7a2b-4c9d-8e6f-1a2b3c4d5e6f';
const NETWORK_HUNT = `id: ${NETWORK_HUNT_ID}
name: AnyDesk relay connections
tactics: [CommandAndControl]
relevantTechniques: [T1219]
query: |
  DeviceNetworkEvents
  | where Timestamp between (now(-5d) .. now())
  | where RemoteUrl has 'anydesk'
  | summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Report=make_set(ReportId), Count=count() by DeviceId, DeviceName
`;

beforeAll(async () => {
  api = await startRouteHarness('exclusion-routes', {
    extraHunts: { 'anydesk-network.yaml': NETWORK_HUNT },
  });
  routes = {
    collection: await import('./route'),
    item: await import('./[id]/route'),
    audit: await import('../../../../audit/route'),
  };
  // Reading the catalog (the Kusto parser) and opening (and migrating) the embedded triage database take a
  // while the first time: done here, so no test's own time depends on the machine's load.
  await (await import('@/lib/hunts/hunt-service')).huntById(SEED_HUNT_ID);
  await (await import('@/lib/triage/open-store')).openConfiguredStore();
}, 300_000);
afterAll(() => api?.close());

const TRIAGER = { id: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b02', name: 'Tristan Triager' };
const base = `/api/hunts/${SEED_HUNT_ID}/exclusions/custom`;
type Listed = CustomExclusion & { expired: boolean };

const list = (as: Login = 'analyst', huntId = SEED_HUNT_ID) =>
  api.call(routes.collection.GET, 'GET', base, { as, params: { huntId } });
const create = (body: unknown, as: Login = 'triager', huntId = SEED_HUNT_ID) =>
  api.call(routes.collection.POST, 'POST', base, { as, body, params: { huntId } });
const patch = (id: string, body: unknown, as: Login = 'triager') =>
  api.call(routes.item.PATCH, 'PATCH', `${base}/${id}`, { as, body, params: { huntId: SEED_HUNT_ID, id } });
const remove = (id: string, body: unknown, as: Login = 'triager') =>
  api.call(routes.item.DELETE, 'DELETE', `${base}/${id}`, { as, body, params: { huntId: SEED_HUNT_ID, id } });

const exclusions = async () => (await jsonOf<{ exclusions: Listed[] }>(await list())).exclusions;
const audit = async () =>
  (
    await jsonOf<{ entries: AuditEntry[] }>(
      await api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'triager', query: '?entity=exclusion' }),
    )
  ).entries;

async function refusedWithoutWriting(request: () => Promise<Response>, status: number): Promise<Problem> {
  const [before, auditBefore] = [await exclusions(), await audit()];
  const problem = await problemOf(await request(), status);
  expect(await exclusions()).toEqual(before);
  expect(await audit()).toEqual(auditBefore);
  return problem;
}

const valid = {
  field: 'InitiatingProcessFileName',
  operator: '=~',
  values: ['Veeam.Backup.Manager.exe'],
  reason: 'Backup jobs on the Veeam server',
};

let created: CustomExclusion;

describe('creating', () => {
  it('a triager creates one: 201 with who and when; everyone with a role sees it listed, not expired', async () => {
    const response = await create({ ...valid, deviceId: 'dev-alpha', expiresAt: '2026-12-31T00:00:00Z' });
    created = await jsonOf<CustomExclusion>(response, 201);
    expect(created).toMatchObject({
      huntId: SEED_HUNT_ID,
      ...valid,
      deviceId: 'dev-alpha',
      expiresAt: '2026-12-31T00:00:00.000Z',
      enabled: true,
      version: 1,
      createdBy: TRIAGER,
      updatedBy: TRIAGER,
    });
    for (const login of ['analyst', 'triager', 'manager'] as const) {
      expect((await jsonOf<{ exclusions: Listed[] }>(await list(login))).exclusions).toEqual([
        { ...created, expired: false },
      ]);
    }
    await problemOf(await list('nobody'), 403);
  });

  it.each(['analyst', 'manager'] as const)('the %s may not: 403, nothing stored', async (login) => {
    await refusedWithoutWriting(() => create(valid, login), 403);
  });

  it.each<[string, unknown, string, string]>([
    [
      'an unknown field',
      { ...valid, field: 'RegistryKey' },
      'field',
      'must be a string column of DeviceProcessEvents',
    ],
    ['a column that is not a string', { ...valid, field: 'ProcessId' }, 'field', 'must be a string column'],
    [
      'an operator not in the list',
      { ...valid, operator: 'matches regex' },
      'operator',
      'must be one of: ==, =~, has',
    ],
    ['an empty value', { ...valid, values: [''] }, 'values.0', 'must not be empty'],
    ['a value of spaces', { ...valid, values: ['   '] }, 'values.0', 'must not be only spaces'],
    ['no values', { ...valid, values: [] }, 'values', 'must have at least one value'],
    [
      'two values for a one-value operator',
      { ...valid, values: ['a', 'b'] },
      'values',
      'use has_any or in~ for a list',
    ],
    [
      'a value over 1,000 characters',
      { ...valid, values: ['x'.repeat(1_001)] },
      'values.0',
      'must be at most 1000 characters',
    ],
    [
      'a missing reason',
      { ...valid, reason: undefined },
      'reason',
      'is required: say why these events are benign',
    ],
    ['a blank reason', { ...valid, reason: ' ' }, 'reason', 'is required'],
    [
      'an expiry in the past',
      { ...valid, expiresAt: '2026-03-01T00:00:00Z' },
      'expiresAt',
      'must be in the future (it is now 2026-03-10T12:00:00.000Z)',
    ],
    [
      'an expiry that is not a date',
      { ...valid, expiresAt: 'soon' },
      'expiresAt',
      'must be an ISO 8601 date-time',
    ],
  ])('%s: 400 naming the field, nothing stored', async (_what, body, field, fix) => {
    const problem = await refusedWithoutWriting(() => create(body), 400);
    expect(problem.field).toBe(field);
    expect(problem.detail).toBe(`${field}: ${problem.detail?.slice(field.length + 2)}`);
    expect(problem.detail).toContain(fix);
  });

  it('the field must be a string column of the hunt’s own table: 400 naming it, nothing stored', async () => {
    const network = (body: unknown) => create(body, 'triager', NETWORK_HUNT_ID);
    const listNetwork = async () =>
      (await jsonOf<{ exclusions: Listed[] }>(await list('analyst', NETWORK_HUNT_ID))).exclusions;
    // ProcessCommandLine is a process column: fine for the seed hunt, not for a network hunt.
    const processOnly = { ...valid, field: 'ProcessCommandLine', values: ['AnyDesk.exe --service'] };
    const problem = await problemOf(await network(processOnly), 400);
    expect(problem.field).toBe('field');
    expect(problem.detail).toBe(
      'field: must be a string column of DeviceNetworkEvents, e.g. ActionType, RemoteUrl, RemoteIP',
    );
    expect(
      await problemOf(await network({ ...valid, field: 'RemotePort', values: ['443'] }), 400),
    ).toMatchObject({
      field: 'field',
    });
    expect(await listNetwork()).toEqual([]);

    const relay = await jsonOf<CustomExclusion>(
      await network({ ...valid, field: 'RemoteUrl', operator: 'has', values: ['relay.corp.example'] }),
      201,
    );
    expect(relay).toMatchObject({ field: 'RemoteUrl', operator: 'has' });
    expect((await listNetwork()).map((e) => e.id)).toEqual([relay.id]);
    // The network hunt's field is not one of the process table's string columns either way round.
    expect((await problemOf(await create({ ...valid, field: 'RemoteUrl' }), 400)).detail).toMatch(
      /^field: must be a string column of DeviceProcessEvents/,
    );
  });

  it('an unknown hunt: 404, nothing stored', async () => {
    await refusedWithoutWriting(() => create(valid, 'triager', 'no-such-hunt'), 404);
  });
});

describe('switching off and on', () => {
  it('a triager switches it off with a reason, based on the version they saw', async () => {
    const off = await jsonOf<CustomExclusion>(
      await patch(created.id, { enabled: false, expectedVersion: 1, reason: 'Testing without it' }),
    );
    expect(off).toMatchObject({ id: created.id, enabled: false, version: 2, updatedBy: TRIAGER });
    expect(await exclusions()).toEqual([{ ...off, expired: false }]);
  });

  it('a stale version: 409 with the current exclusion, nothing stored', async () => {
    const problem = await refusedWithoutWriting(
      () => patch(created.id, { enabled: true, expectedVersion: 1, reason: 'Back on' }),
      409,
    );
    expect(problem.detail).toMatch(/changed this exclusion/);
    expect(problem.current).toMatchObject({ id: created.id, enabled: false, version: 2 });
  });

  it.each<[string, string, unknown, number, string]>([
    [
      'an unknown id',
      '00000000-0000-4000-8000-000000000000',
      { enabled: true, expectedVersion: 2, reason: 'Back on' },
      404,
      'has no custom exclusion',
    ],
    [
      'an id that is not a UUID',
      'not-a-uuid',
      { enabled: true, expectedVersion: 2, reason: 'Back on' },
      404,
      'has no custom exclusion',
    ],
    [
      'no "enabled"',
      created?.id ?? '',
      { expectedVersion: 2, reason: 'Back on' },
      400,
      'enabled: is required',
    ],
    [
      'no version',
      created?.id ?? '',
      { enabled: true, reason: 'Back on' },
      400,
      'expectedVersion: is required',
    ],
    [
      'no reason',
      created?.id ?? '',
      { enabled: true, expectedVersion: 2 },
      400,
      'reason: is required: say why you switch it',
    ],
    [
      'a blank reason',
      created?.id ?? '',
      { enabled: true, expectedVersion: 2, reason: '  ' },
      400,
      'reason: is required',
    ],
  ])('%s: %s, nothing stored', async (_what, id, body, status, fix) => {
    const problem = await refusedWithoutWriting(() => patch(id || created.id, body), status);
    expect(problem.detail).toContain(fix);
  });

  it.each(['analyst', 'manager'] as const)('the %s may not: 403, nothing stored', async (login) => {
    await refusedWithoutWriting(
      () => patch(created.id, { enabled: true, expectedVersion: 2, reason: 'Back on' }, login),
      403,
    );
  });
});

describe('removing', () => {
  it('needs a reason (400) and the Triager role (403)', async () => {
    expect((await refusedWithoutWriting(() => remove(created.id, {}), 400)).detail).toBe(
      'reason: is required: say why the exclusion is no longer needed',
    );
    await refusedWithoutWriting(() => remove(created.id, { reason: 'done' }, 'manager'), 403);
  });

  it('a triager removes it: 204, gone from the list; removing it again is 404', async () => {
    const response = await remove(created.id, { reason: 'Veeam server decommissioned' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await exclusions()).toEqual([]);
    await refusedWithoutWriting(() => remove(created.id, { reason: 'again' }), 404);
  });
});

describe('the audit trail', () => {
  it('holds every change with who, what before, what after and why', async () => {
    const entries = (await audit()).filter((e) => e.entityId === created.id);
    expect(
      entries.map((e) => [
        e.action,
        e.actor,
        e.reason,
        (e.before as CustomExclusion | null)?.version ?? null,
        (e.after as CustomExclusion | null)?.version ?? null,
      ]),
    ).toEqual([
      ['create', TRIAGER, 'Backup jobs on the Veeam server', null, 1],
      ['disable', TRIAGER, 'Testing without it', 1, 2],
      ['remove', TRIAGER, 'Veeam server decommissioned', 2, null],
    ]);
  });
});

describe('expiry', () => {
  it('an exclusion is not expired until its expiry has passed', async () => {
    // The settings pin "now" at the fixture's instant; an expiry one second later is still in the future.
    const soon = await jsonOf<CustomExclusion>(
      await create({ ...valid, expiresAt: '2026-03-10T12:00:01Z' }),
      201,
    );
    expect((await exclusions()).find((e) => e.id === soon.id)?.expired).toBe(false);
  });
});
