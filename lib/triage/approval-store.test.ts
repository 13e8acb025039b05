// Tool approvals in the triage store, on PGlite and PostgreSQL: created, changed and revoked with version
// checks, each change in the audit log with before and after, the count limit, and that they are still there
// when the database is opened again (as after a restart).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/api/route-handler';
import {
  createToolApproval,
  listApprovals,
  revokeToolApproval,
  updateToolApproval,
} from './approval-service';
import { MAX_APPROVALS, type ToolApproval, type ToolApprovalInput } from './approvals';
import type { TriageDatabase } from './database';
import { TriageInputError } from './errors';
import { type Backend, describeEachBackend, OTHER_TRIAGER, type TestDatabase, TRIAGER } from './test-support';
import { ApprovalNotFoundError, type TriageStore, VersionConflictError } from './types';

const NOW = new Date('2026-12-05T10:00:00Z');
const JUMP_HOSTS: ToolApprovalInput = {
  tool: 'TeamViewer',
  scope: 'pattern',
  pattern: 'jump-*',
  reason: 'Help desk jump hosts',
  owner: 'IT help desk',
  expiresAt: '2027-03-31T00:00:00.000Z',
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describeEachBackend('tool approvals', (backend: Backend) => {
  let test: TestDatabase;
  let database: TriageDatabase;
  let store: TriageStore;
  const deps = () => ({ store, clock: { now: () => NOW } });

  beforeAll(async () => {
    test = await backend.fresh();
    ({ database, store } = await test.open());
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    await test?.dispose();
  });

  it('are created, changed and revoked, each change audited with before and after', async () => {
    const created = await createToolApproval(deps(), JUMP_HOSTS, TRIAGER);
    expect(created).toMatchObject({ ...JUMP_HOSTS, version: 1, createdBy: TRIAGER, updatedBy: TRIAGER });

    const changed = await updateToolApproval(
      deps(),
      created.id,
      {
        tool: 'TeamViewer',
        scope: 'devices',
        devices: ['jump-01', 'jump-02'],
        reason: 'Two hosts only',
        owner: 'IT',
        expectedVersion: 1,
      },
      OTHER_TRIAGER,
    );
    expect(changed).toMatchObject({
      scope: 'devices',
      devices: ['jump-01', 'jump-02'],
      version: 2,
      updatedBy: OTHER_TRIAGER,
      createdBy: TRIAGER,
    });
    expect(changed).not.toHaveProperty('pattern');
    expect(changed).not.toHaveProperty('expiresAt');
    expect((await listApprovals(deps())).approvals).toEqual([{ ...changed, expired: false }]);

    await revokeToolApproval(
      deps(),
      created.id,
      { expectedVersion: 2, reason: 'Jump hosts retired' },
      TRIAGER,
    );
    expect(await store.toolApprovals()).toEqual([]);

    const audit = await store.audit({ entity: 'approval', entityId: created.id });
    expect(audit.map((e) => [e.action, e.actor.id, e.huntId, e.reason])).toEqual([
      ['create', TRIAGER.id, '', 'Help desk jump hosts'],
      ['update', OTHER_TRIAGER.id, '', 'Two hosts only'],
      ['remove', TRIAGER.id, '', 'Jump hosts retired'],
    ]);
    expect(audit[0]?.before).toBeNull();
    expect(audit[0]?.after).toEqual(created);
    expect(audit[1]?.before).toEqual(created);
    expect(audit[1]?.after).toEqual(changed);
    expect(audit[2]?.before).toEqual(changed);
    expect(audit[2]?.after).toBeNull();
  });

  it('refuse a stale version with the current value (409) and an unknown id (404)', async () => {
    const created = await createToolApproval(
      deps(),
      { tool: 'AnyDesk', scope: 'all', reason: 'r', owner: 'o' },
      TRIAGER,
    );
    await updateToolApproval(
      deps(),
      created.id,
      { tool: 'AnyDesk', scope: 'all', reason: 'r2', owner: 'o', expectedVersion: 1 },
      TRIAGER,
    );
    const stale = await rejection(
      updateToolApproval(
        deps(),
        created.id,
        { tool: 'AnyDesk', scope: 'all', reason: 'r3', owner: 'o', expectedVersion: 1 },
        OTHER_TRIAGER,
      ),
    );
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect((stale as VersionConflictError<ToolApproval>).current).toMatchObject({ reason: 'r2', version: 2 });
    expect(errorResponse(stale).status).toBe(409);
    const staleRevoke = await rejection(
      revokeToolApproval(deps(), created.id, { expectedVersion: 1, reason: 'x' }, TRIAGER),
    );
    expect(errorResponse(staleRevoke).status).toBe(409);
    expect((await store.toolApprovals()).map((a) => a.reason)).toEqual(['r2']);

    const missing = await rejection(
      revokeToolApproval(
        deps(),
        '00000000-0000-4000-8000-00000000dead',
        { expectedVersion: 1, reason: 'x' },
        TRIAGER,
      ),
    );
    expect(missing).toBeInstanceOf(ApprovalNotFoundError);
    expect(errorResponse(missing).status).toBe(404);
    expect(
      errorResponse(
        await rejection(
          revokeToolApproval(deps(), 'not-a-uuid', { expectedVersion: 1, reason: 'x' }, TRIAGER),
        ),
      ).status,
    ).toBe(404);
    await revokeToolApproval(deps(), created.id, { expectedVersion: 2, reason: 'done' }, TRIAGER);
  });

  it('refuse an expiry that has passed, and list an expired approval as expired', async () => {
    const past = await rejection(
      createToolApproval(deps(), { ...JUMP_HOSTS, expiresAt: NOW.toISOString() }, TRIAGER),
    );
    expect(past).toBeInstanceOf(TriageInputError);
    expect((past as TriageInputError).field).toBe('expiresAt');
    const created = await createToolApproval(deps(), JUMP_HOSTS, TRIAGER);
    const later = { store, clock: { now: () => new Date('2027-03-31T00:00:00Z') } };
    expect((await listApprovals(later)).approvals.find((a) => a.id === created.id)?.expired).toBe(true);
    await revokeToolApproval(deps(), created.id, { expectedVersion: 1, reason: 'done' }, TRIAGER);
  });

  it(`hold at most ${MAX_APPROVALS}, refusing the next with a 400 naming the limit`, async () => {
    await test.asOwner(
      `INSERT INTO tool_approvals (id, tool, scope, reason, owner, version, created_by_id, created_by_name, updated_by_id, updated_by_name)
       SELECT gen_random_uuid(), 'Filler ' || g, 'all', 'filler', 'o', 1, 'u', 'U', 'u', 'U' FROM generate_series(1, ${MAX_APPROVALS - 1}) AS g`,
      database,
    );
    await createToolApproval(deps(), { tool: 'Last', scope: 'all', reason: 'r', owner: 'o' }, TRIAGER);
    const error = await rejection(
      createToolApproval(deps(), { tool: 'One more', scope: 'all', reason: 'r', owner: 'o' }, TRIAGER),
    );
    expect(error).toBeInstanceOf(TriageInputError);
    const response = errorResponse(error);
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem).toMatchObject({ limit: 'approvals', max: MAX_APPROVALS });
    expect(problem.detail).toContain(`(${MAX_APPROVALS})`);
    expect((await store.toolApprovals()).length).toBe(MAX_APPROVALS);
    await test.asOwner(`DELETE FROM tool_approvals WHERE reason = 'filler'`, database);
  });

  it('are there when the database is opened again', async () => {
    const created = await createToolApproval(deps(), { ...JUMP_HOSTS, tool: 'Splashtop' }, TRIAGER);
    await store.close();
    ({ database, store } = await test.open());
    expect((await store.toolApprovals()).find((a) => a.id === created.id)).toEqual(created);
  });
});

describe('the approval limit under concurrent creations', () => {
  it('lets one creation at a time take the last free place', async () => {
    const { pgliteBackend } = await import('./test-support');
    const test = await pgliteBackend.fresh();
    const { database, store } = await test.open();
    try {
      await test.asOwner(
        `INSERT INTO tool_approvals (id, tool, scope, reason, owner, version, created_by_id, created_by_name, updated_by_id, updated_by_name)
         SELECT gen_random_uuid(), 'Filler ' || g, 'all', 'filler', 'o', 1, 'u', 'U', 'u', 'U' FROM generate_series(1, ${MAX_APPROVALS - 1}) AS g`,
        database,
      );
      const deps = { store, clock: { now: () => NOW } };
      const results = await Promise.allSettled(
        [1, 2, 3].map((i) =>
          createToolApproval(deps, { tool: `Racer ${i}`, scope: 'all', reason: 'r', owner: 'o' }, TRIAGER),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
      expect((await store.toolApprovals()).length).toBe(MAX_APPROVALS);
    } finally {
      await store.close();
      await test.dispose();
    }
  }, 300_000);
});
