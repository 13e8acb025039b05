// The triage store on PGlite and on PostgreSQL: migrations from an empty database (twice), verdicts with
// version checks, all-or-nothing bulk writes, custom exclusions, the append-only audit log, snapshots, and
// that acknowledged writes are there after the database is reopened.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TriageDatabase } from './database';
import { MIGRATIONS_FOLDER } from './open-store';
import {
  type Backend,
  databaseError,
  describeEachBackend,
  OTHER_TRIAGER,
  type TestDatabase,
  TRIAGER,
} from './test-support';
import {
  type CustomExclusion,
  ExclusionNotFoundError,
  type RunSnapshot,
  type SetVerdict,
  type TriageStore,
  type Verdict,
  VersionConflictError,
} from './types';

const HUNT = 'a2d8dde6-007d-4bea-964d-97bb81006849';
const OTHER_HUNT = 'b7c1e2d3-0000-4000-8000-000000000001';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function conflictOf(promise: Promise<unknown>): Promise<VersionConflictError<unknown>> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(VersionConflictError);
  return error as VersionConflictError<unknown>;
}

const change = (deviceId: string, expectedVersion: number, input: SetVerdict['input']): SetVerdict => ({
  huntId: HUNT,
  deviceId,
  deviceName: `${deviceId}.corp.example`,
  expectedVersion,
  input,
});

async function rowCount(test: TestDatabase, database: TriageDatabase, table: string): Promise<number> {
  const [row] = await test.asOwner(`select count(*)::int as n from ${table}`, database);
  return Number(row?.n);
}

describeEachBackend('the triage store', (backend: Backend) => {
  describe('migrations', () => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await backend.fresh();
    }, 300_000);
    afterAll(() => test?.dispose());

    it('apply to an empty database, and opening it again applies nothing twice', async () => {
      const journal = JSON.parse(
        await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
      ) as {
        entries: unknown[];
      };
      expect(journal.entries.length).toBeGreaterThanOrEqual(2);
      const tables = ['verdicts', 'custom_exclusions', 'audit_log', 'run_snapshots', 'snapshot_devices'];

      const first = await test.open();
      try {
        expect(await rowCount(test, first.database, 'drizzle.__drizzle_migrations')).toBe(
          journal.entries.length,
        );
        for (const table of tables) expect(await rowCount(test, first.database, table), table).toBe(0);
        await first.store.setVerdict(change('dev-migrations', 0, { status: 'suspicious' }), TRIAGER);
      } finally {
        await first.store.close();
      }

      // Opening again runs the migrator again: nothing is applied twice and nothing is lost.
      const second = await test.open();
      try {
        expect(await rowCount(test, second.database, 'drizzle.__drizzle_migrations')).toBe(
          journal.entries.length,
        );
        expect(await rowCount(test, second.database, 'verdicts')).toBe(1);
        expect(await rowCount(test, second.database, 'audit_log')).toBe(1);
      } finally {
        await second.store.close();
      }
    });
  });

  describe('with an open store', () => {
    let test: TestDatabase;
    let database: TriageDatabase;
    let store: TriageStore;
    beforeAll(async () => {
      test = await backend.fresh();
      ({ database, store } = await test.open());
    }, 300_000);
    afterAll(async () => {
      await store?.close();
      await test?.dispose();
    });

    describe('verdicts', () => {
      it('are created at version 1 and grow one version per change, recording who and when', async () => {
        const before = Date.now();
        const first = await store.setVerdict(
          change('dev-v1', 0, {
            status: 'benign',
            reason: 'Helpdesk jump host',
            scenario: 'admin-scripts',
            reviewAfter: '2027-01-31T00:00:00+01:00',
          }),
          TRIAGER,
        );
        expect(first).toEqual<Verdict>({
          huntId: HUNT,
          deviceId: 'dev-v1',
          deviceName: 'dev-v1.corp.example',
          status: 'benign',
          reason: 'Helpdesk jump host',
          scenario: 'admin-scripts',
          reviewAfter: '2027-01-30T23:00:00.000Z',
          reference: null,
          version: 1,
          setBy: TRIAGER,
          setAt: expect.any(String),
        });
        // The database's clock; allow for a small skew between it and this process.
        expect(Math.abs(Date.parse(first.setAt) - before)).toBeLessThan(60_000);

        const second = await store.setVerdict(
          change('dev-v1', 1, { status: 'malicious', reference: 'INC-4711' }),
          OTHER_TRIAGER,
        );
        expect(second).toMatchObject({
          status: 'malicious',
          reference: 'INC-4711',
          // a new status clears what the old one carried
          reason: null,
          scenario: null,
          reviewAfter: null,
          version: 2,
          setBy: OTHER_TRIAGER,
        });
        expect(await store.verdict(HUNT, 'dev-v1')).toEqual(second);
        expect(await store.verdict(OTHER_HUNT, 'dev-v1')).toBeNull();
        expect((await store.verdicts(HUNT)).filter((v) => v.deviceId === 'dev-v1')).toEqual([second]);

        const history = await store.audit({ huntId: HUNT, entity: 'verdict', entityId: 'dev-v1' });
        expect(history.map((e) => [e.action, e.actor, e.reason])).toEqual([
          ['set', TRIAGER, 'Helpdesk jump host'],
          ['set', OTHER_TRIAGER, null],
        ]);
        expect(history[0]).toMatchObject({ huntId: HUNT, entity: 'verdict', before: null, after: first });
        expect(history[1]).toMatchObject({ before: first, after: second });
        expect(history[0]?.id).toBeLessThan(history[1]?.id ?? 0);
      });

      it('refuses a write based on a stale version, with the current value, and writes nothing', async () => {
        const v1 = await store.setVerdict(change('dev-stale', 0, { status: 'suspicious' }), TRIAGER);
        const v2 = await store.setVerdict(change('dev-stale', 1, { status: 'unreviewed' }), OTHER_TRIAGER);
        const auditBefore = (await store.audit({ entityId: 'dev-stale' })).length;

        const stale = await conflictOf(
          store.setVerdict(change('dev-stale', 1, { status: 'malicious' }), TRIAGER),
        );
        expect(stale.current).toEqual(v2);
        expect(stale.message).toMatch(/changed this verdict since you loaded it/);
        // "no verdict yet" (version 0) when there is one
        expect(
          (await conflictOf(store.setVerdict(change('dev-stale', 0, { status: 'malicious' }), TRIAGER)))
            .current,
        ).toEqual(v2);
        // a version for a device that has none
        expect(
          (await conflictOf(store.setVerdict(change('dev-none', 3, { status: 'malicious' }), TRIAGER)))
            .current,
        ).toBeNull();

        expect(await store.verdict(HUNT, 'dev-stale')).toEqual(v2);
        expect(await store.verdict(HUNT, 'dev-none')).toBeNull();
        expect((await store.audit({ entityId: 'dev-stale' })).length).toBe(auditBefore);
        expect(v1.version).toBe(1);
      });

      it('write a bulk change all or nothing', async () => {
        const existing = await store.setVerdict(change('dev-bulk-b', 0, { status: 'suspicious' }), TRIAGER);
        await store.setVerdict(
          change('dev-bulk-b', 1, { status: 'suspicious', reason: 'again' }),
          OTHER_TRIAGER,
        );
        const auditBefore = (await store.audit({ huntId: HUNT })).length;
        const benign = { status: 'benign' as const, reason: 'Patch window' };

        // dev-bulk-b is at version 2; the request was based on version 1.
        const refused = await conflictOf(
          store.setVerdicts(
            [
              change('dev-bulk-a', 0, benign),
              change('dev-bulk-b', 1, benign),
              change('dev-bulk-c', 0, benign),
            ],
            TRIAGER,
          ),
        );
        expect(refused.conflicts.map((c) => [c.deviceId, c.current?.version])).toEqual([['dev-bulk-b', 2]]);
        expect(refused.message).toMatch(/dev-bulk-b.*nothing was saved/);
        expect(await store.verdict(HUNT, 'dev-bulk-a')).toBeNull();
        expect(await store.verdict(HUNT, 'dev-bulk-c')).toBeNull();
        expect((await store.audit({ huntId: HUNT })).length).toBe(auditBefore);

        const written = await store.setVerdicts(
          [change('dev-bulk-c', 0, benign), change('dev-bulk-b', 2, benign), change('dev-bulk-a', 0, benign)],
          TRIAGER,
        );
        expect(written.map((v) => [v.deviceId, v.version, v.status])).toEqual([
          ['dev-bulk-c', 1, 'benign'],
          ['dev-bulk-b', 3, 'benign'],
          ['dev-bulk-a', 1, 'benign'],
        ]);
        const audit = (await store.audit({ huntId: HUNT })).slice(auditBefore);
        expect(audit.map((e) => [e.entityId, (e.after as Verdict).version, e.reason]).sort()).toEqual([
          ['dev-bulk-a', 1, 'Patch window'],
          ['dev-bulk-b', 3, 'Patch window'],
          ['dev-bulk-c', 1, 'Patch window'],
        ]);
        expect(existing.version).toBe(1);
      });

      it('a bulk change whose write fails half-way leaves nothing behind', async () => {
        // The check constraint refuses a Benign verdict without a reason; the service never sends one, so
        // this is the database's own line of defence, and the first change must roll back with it.
        const error = await rejection(
          store.setVerdicts(
            [
              change('dev-half-a', 0, { status: 'suspicious' }),
              change('dev-half-b', 0, { status: 'benign', reason: '' } as SetVerdict['input']),
            ],
            TRIAGER,
          ),
        );
        expect(databaseError(error).message).toMatch(/verdicts_benign_has_reason/);
        expect(await store.verdict(HUNT, 'dev-half-a')).toBeNull();
        expect(await store.audit({ entityId: 'dev-half-a' })).toEqual([]);
      });
    });

    describe('custom exclusions', () => {
      it('are created, listed, switched off and on with version checks, and removed; every change audited', async () => {
        const created = await store.createCustomExclusion(
          HUNT,
          {
            field: 'InitiatingProcessFileName',
            operator: 'in~',
            values: ['backup-agent.exe', 'Deploy.exe'],
            deviceId: 'dev-x',
            reason: 'Nightly backup agent on the file server',
            expiresAt: '2027-06-30T00:00:00Z',
          },
          TRIAGER,
        );
        expect(created).toEqual<CustomExclusion>({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          huntId: HUNT,
          field: 'InitiatingProcessFileName',
          operator: 'in~',
          values: ['backup-agent.exe', 'Deploy.exe'],
          deviceId: 'dev-x',
          reason: 'Nightly backup agent on the file server',
          expiresAt: '2027-06-30T00:00:00.000Z',
          enabled: true,
          version: 1,
          createdBy: TRIAGER,
          createdAt: expect.any(String),
          updatedBy: TRIAGER,
          updatedAt: expect.any(String),
        });
        const global = await store.createCustomExclusion(
          HUNT,
          {
            field: 'ProcessCommandLine',
            operator: 'contains',
            values: ['/backup'],
            reason: 'All backup runs',
          },
          TRIAGER,
        );
        expect(global).not.toHaveProperty('deviceId');
        expect(global).not.toHaveProperty('expiresAt');
        expect((await store.customExclusions(HUNT)).map((e) => e.id)).toEqual([created.id, global.id]);
        expect(await store.customExclusions(OTHER_HUNT)).toEqual([]);

        const off = await store.setCustomExclusionEnabled(
          HUNT,
          created.id,
          false,
          1,
          OTHER_TRIAGER,
          'Agent retired',
        );
        expect(off).toMatchObject({
          enabled: false,
          version: 2,
          updatedBy: OTHER_TRIAGER,
          createdBy: TRIAGER,
        });
        const stale = await conflictOf(store.setCustomExclusionEnabled(HUNT, created.id, true, 1, TRIAGER));
        expect(stale.current).toEqual(off);
        expect(stale.message).toMatch(/changed this exclusion/);
        const on = await store.setCustomExclusionEnabled(HUNT, created.id, true, 2, TRIAGER);
        expect(on).toMatchObject({ enabled: true, version: 3 });
        // Asking for the state it is already in changes nothing.
        expect(await store.setCustomExclusionEnabled(HUNT, created.id, true, 3, TRIAGER)).toEqual(on);

        // The id belongs to another hunt's list only when the hunt matches.
        expect(
          await rejection(store.setCustomExclusionEnabled(OTHER_HUNT, created.id, false, 3, TRIAGER)),
        ).toBeInstanceOf(ExclusionNotFoundError);
        await store.removeCustomExclusion(HUNT, created.id, 'Backup moved to another host', TRIAGER);
        expect((await store.customExclusions(HUNT)).map((e) => e.id)).toEqual([global.id]);
        expect(
          await rejection(store.removeCustomExclusion(HUNT, created.id, 'again', TRIAGER)),
        ).toBeInstanceOf(ExclusionNotFoundError);

        const audit = await store.audit({ huntId: HUNT, entity: 'exclusion', entityId: created.id });
        expect(audit.map((e) => [e.action, e.actor.name, e.reason])).toEqual([
          ['create', TRIAGER.name, 'Nightly backup agent on the file server'],
          ['disable', OTHER_TRIAGER.name, 'Agent retired'],
          ['enable', TRIAGER.name, null],
          ['remove', TRIAGER.name, 'Backup moved to another host'],
        ]);
        expect(audit[0]).toMatchObject({ before: null, after: created });
        expect(audit[3]).toMatchObject({ before: on, after: null });
      });
    });

    describe('the audit log', () => {
      it('filters by hunt, entity and time, oldest first', async () => {
        await store.setVerdict(
          { ...change('dev-audit', 0, { status: 'suspicious' }), huntId: OTHER_HUNT },
          TRIAGER,
        );
        const all = await store.audit({});
        expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
        const other = await store.audit({ huntId: OTHER_HUNT });
        expect(other.map((e) => e.entityId)).toEqual(['dev-audit']);
        expect(await store.audit({ huntId: OTHER_HUNT, entity: 'exclusion' })).toEqual([]);
        const last = all.at(-1);
        expect(await store.audit({ since: last?.at })).toEqual(all.filter((e) => e.at >= (last?.at ?? '')));
        expect(await store.audit({ since: '2999-01-01T00:00:00Z' })).toEqual([]);
      });

      it.each([
        ['UPDATE', `update audit_log set reason = 'rewritten'`],
        ['DELETE', 'delete from audit_log'],
        ['TRUNCATE', 'truncate audit_log'],
      ])('refuses %s, even from the owner', async (operation, statement) => {
        const before = await store.audit({});
        expect(before.length).toBeGreaterThan(0);
        const error = databaseError(await rejection(test.asOwner(statement, database)));
        expect(error.message).toContain(`audit_log is append-only: ${operation} is not allowed`);
        expect(await store.audit({})).toEqual(before);
      });

      if (backend.kind === 'postgres') {
        it.each([
          ['UPDATE', `update audit_log set reason = 'rewritten'`],
          ['DELETE', 'delete from audit_log'],
          ['TRUNCATE', 'truncate audit_log'],
        ])('the application role (huntboard_app) is denied %s outright', async (_operation, statement) => {
          const before = await store.audit({});
          const error = databaseError(await rejection(database.db.execute(statement)));
          expect(error.code).toBe('42501');
          expect(error.message).toContain('permission denied for table audit_log');
          expect(await store.audit({})).toEqual(before);
        });

        it('the application role cannot change the schema either', async () => {
          const error = databaseError(
            await rejection(database.db.execute('drop trigger audit_log_no_update_or_delete on audit_log')),
          );
          expect(error.message).toMatch(/must be owner/);
        });
      }
    });

    describe('run snapshots', () => {
      const snapshot = (ranAt: string, devices: RunSnapshot['devices']): RunSnapshot => ({
        huntId: HUNT,
        sourceId: 'embedded',
        ranAt,
        windowStart: '2026-10-27T12:00:00.000Z',
        windowEnd: ranAt,
        exclusions: ['veeam-backup', 'admin-scripts'],
        devices,
      });
      const device = (deviceId: string, count: number): RunSnapshot['devices'][number] => ({
        deviceId,
        deviceName: `${deviceId}.corp.example`,
        firstSeen: '2026-10-28T09:14:03.000Z',
        lastSeen: '2026-10-30T10:02:55.000Z',
        count,
        activity: [
          { day: '2026-10-28', count: count - 1 },
          { day: '2026-10-30', count: 1 },
        ],
      });

      it('are recorded with their devices and read back by run time, inclusive', async () => {
        await store.recordSnapshot(
          snapshot('2026-10-30T12:00:00.000Z', [device('dev-b', 3), device('dev-a', 2)]),
        );
        await store.recordSnapshot(snapshot('2026-10-31T12:00:00.000Z', []));
        // 2,500 devices: more than one insert statement's worth.
        const many = Array.from({ length: 2_500 }, (_, i) => device(`dev-${String(i).padStart(4, '0')}`, 2));
        await store.recordSnapshot(snapshot('2026-11-01T12:00:00.000Z', many));

        const read = await store.snapshots(HUNT, '2026-10-30T12:00:00.000Z', '2026-10-31T12:00:00.000Z');
        expect(read).toEqual([
          {
            ...snapshot('2026-10-30T12:00:00.000Z', [device('dev-a', 2), device('dev-b', 3)]),
            exclusions: ['admin-scripts', 'veeam-backup'],
          },
          { ...snapshot('2026-10-31T12:00:00.000Z', []), exclusions: ['admin-scripts', 'veeam-backup'] },
        ]);
        const all = await store.snapshots(HUNT, '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z');
        expect(all.map((s) => s.devices.length)).toEqual([2, 0, 2_500]);
        expect(all[2]?.devices).toEqual(many);
        expect(await store.snapshots(OTHER_HUNT, '2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z')).toEqual([]);
      });
    });
  });

  describe('durability', () => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await backend.fresh();
    }, 300_000);
    afterAll(() => test?.dispose());

    it('an acknowledged verdict and custom exclusion are there when the database is opened again', async () => {
      const first = await test.open();
      const verdict = await first.store.setVerdict(
        change('dev-durable', 0, { status: 'malicious', reference: 'INC-1' }),
        TRIAGER,
      );
      const exclusion = await first.store.createCustomExclusion(
        HUNT,
        { field: 'FolderPath', operator: 'startswith', values: ['C:\\Tools\\'], reason: 'Admin toolbox' },
        TRIAGER,
      );
      await first.store.close();

      // PGlite: the same folder in a new engine. PostgreSQL: a new pool.
      const second = await test.open();
      try {
        expect(await second.store.verdict(HUNT, 'dev-durable')).toEqual(verdict);
        expect(await second.store.customExclusions(HUNT)).toEqual([exclusion]);
        expect((await second.store.audit({ huntId: HUNT })).map((e) => e.entityId)).toEqual([
          'dev-durable',
          exclusion.id,
        ]);
      } finally {
        await second.store.close();
      }
    });
  });
});
