// The approval routes through their exported handlers, with real access tokens and a fresh embedded triage
// database: a triager approves, changes and revokes; analysts and managers read but may not write; a stale
// version is a 409, a limit or a missing reason a 400 naming the field; every change is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jsonOf,
  type Login,
  problemOf,
  type RouteHarness,
  startRouteHarness,
} from '@/lib/api/testing/route-harness';
import type { ListedApproval } from '@/lib/triage/approval-service';
import type { ToolApproval } from '@/lib/triage/approvals';
import type { AuditEntry } from '@/lib/triage/types';

type Routes = {
  collection: typeof import('./route');
  item: typeof import('./[id]/route');
  audit: typeof import('../audit/route');
};

let api: RouteHarness;
let routes: Routes;

beforeAll(async () => {
  api = await startRouteHarness('approval-routes');
  routes = {
    collection: await import('./route'),
    item: await import('./[id]/route'),
    audit: await import('../audit/route'),
  };
  await (await import('@/lib/triage/open-store')).openConfiguredStore();
}, 300_000);
afterAll(() => api?.close());

const list = (as: Login) => api.call(routes.collection.GET, 'GET', '/api/approvals', { as });
const create = (body: unknown, as: Login = 'triager') =>
  api.call(routes.collection.POST, 'POST', '/api/approvals', { as, body });
const item = (method: 'PATCH' | 'DELETE', id: string, body: unknown, as: Login = 'triager') =>
  api.call(routes.item[method], method, `/api/approvals/${id}`, { as, body, params: { id } });

const jumpHosts = {
  tool: 'TeamViewer',
  scope: 'pattern',
  pattern: 'jump-*',
  reason: 'Help desk jump hosts',
  owner: 'IT help desk',
  expiresAt: '2099-03-31T00:00:00Z',
};

describe('/api/approvals', () => {
  it('lets a triager approve, change and revoke, and every reader see it', async () => {
    const created = await jsonOf<ToolApproval>(await create(jumpHosts), 201);
    expect(created).toMatchObject({ tool: 'TeamViewer', scope: 'pattern', pattern: 'jump-*', version: 1 });
    for (const as of ['analyst', 'manager', 'triager'] as const)
      expect((await jsonOf<{ approvals: ListedApproval[] }>(await list(as))).approvals).toEqual([
        { ...created, expired: false },
      ]);

    const changed = await jsonOf<ToolApproval>(
      await item('PATCH', created.id, { ...jumpHosts, scope: 'all', pattern: undefined, expectedVersion: 1 }),
    );
    expect(changed).toMatchObject({ scope: 'all', version: 2 });
    const stale = await problemOf(await item('PATCH', created.id, { ...jumpHosts, expectedVersion: 1 }), 409);
    expect((stale.current as ToolApproval).version).toBe(2);

    expect((await item('DELETE', created.id, { expectedVersion: 2, reason: 'Retired' })).status).toBe(204);
    expect((await jsonOf<{ approvals: unknown[] }>(await list('analyst'))).approvals).toEqual([]);
    await problemOf(await item('DELETE', created.id, { expectedVersion: 2, reason: 'Again' }), 404);

    const audit = await jsonOf<{ entries: AuditEntry[] }>(
      await api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager', query: '?entity=approval' }),
    );
    expect(audit.entries.map((e) => e.action)).toEqual(['create', 'update', 'remove']);
  });

  it('ends an approval by an expiry in the past: it stays listed, expired, and is audited', async () => {
    const created = await jsonOf<ToolApproval>(
      await create({ ...jumpHosts, tool: 'Atera', scope: 'all' }),
      201,
    );
    const ended = await jsonOf<ToolApproval>(
      await item('PATCH', created.id, {
        ...jumpHosts,
        tool: 'Atera',
        scope: 'all',
        reason: 'Contract ended',
        expiresAt: '2001-01-01T00:00:00Z',
        expectedVersion: 1,
      }),
    );
    expect(ended).toMatchObject({
      version: 2,
      expiresAt: '2001-01-01T00:00:00.000Z',
      reason: 'Contract ended',
    });
    const listed = (await jsonOf<{ approvals: ListedApproval[] }>(await list('analyst'))).approvals;
    expect(listed.find((a) => a.id === created.id)).toMatchObject({ expired: true, version: 2 });
    const audit = await jsonOf<{ entries: AuditEntry[] }>(
      await api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager', query: '?entity=approval' }),
    );
    const change = audit.entries.find((e) => e.entityId === created.id && e.action === 'update');
    expect(change).toMatchObject({ reason: 'Contract ended', actor: { name: expect.any(String) } });
    expect(
      (await problemOf(await item('PATCH', created.id, { expectedVersion: 2 }), 400)).field,
    ).toBeDefined();
    expect(
      (await problemOf(await item('PATCH', created.id, { ...jumpHosts, expectedVersion: 'two' }), 400)).field,
    ).toBe('expectedVersion');
    expect((await item('DELETE', created.id, { expectedVersion: 2, reason: 'Tidy up' })).status).toBe(204);
  });

  it('refuses writes to analysts and managers (403) and anyone unsigned (401)', async () => {
    await problemOf(await create(jumpHosts, 'analyst'), 403);
    await problemOf(await create(jumpHosts, 'manager'), 403);
    await problemOf(await list('nobody'), 403);
    await problemOf(await api.call(routes.collection.GET, 'GET', '/api/approvals'), 401);
    expect((await jsonOf<{ approvals: unknown[] }>(await list('analyst'))).approvals).toEqual([]);
  });

  it('refuses bad input with a 400 naming the field and the limit', async () => {
    expect((await problemOf(await create({ ...jumpHosts, reason: ' ' }), 400)).field).toBe('reason');
    expect((await problemOf(await create({ ...jumpHosts, owner: undefined }), 400)).field).toBe('owner');
    const long = await problemOf(await create({ ...jumpHosts, pattern: 'x'.repeat(201) }), 400);
    expect(long.detail).toBe('pattern: must be at most 200 characters');
    const many = await problemOf(
      await create({
        ...jumpHosts,
        scope: 'devices',
        devices: Array.from({ length: 501 }, (_, i) => `d${i}`),
      }),
      400,
    );
    expect(many.detail).toBe('devices: must name at most 500 devices');
    const past = await problemOf(await create({ ...jumpHosts, expiresAt: '2001-01-01T00:00:00Z' }), 400);
    expect(past.field).toBe('expiresAt');
    expect((await problemOf(await create({ ...jumpHosts, scope: 'some' }), 400)).field).toBe('scope');
    expect((await jsonOf<{ approvals: unknown[] }>(await list('analyst'))).approvals).toEqual([]);
  });
});
