// The triage services against a real embedded store, with a clock the test moves: a Benign verdict counts
// as due for review once its review date passes, an exclusion is shown as expired once its expiry passes,
// and the date checks use the same clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HuntNotFoundError } from '@/lib/hunts/run-hunt';
import { TriageInputError } from './errors';
import { createCustomExclusion, listCustomExclusions } from './exclusion-service';
import { pgliteBackend, type TestDatabase, TRIAGER } from './test-support';
import type { TriageDeps } from './triage-deps';
import type { TriageStore } from './types';
import { listVerdicts, setDeviceVerdict, setVerdictsInBulk } from './verdict-service';

const HUNT = 'a2d8dde6-007d-4bea-964d-97bb81006849';
let now = new Date('2026-11-01T12:00:00Z');
let test: TestDatabase;
let store: TriageStore;
let deps: TriageDeps;
const flaggedQueries: string[][] = [];

beforeAll(async () => {
  test = await pgliteBackend.fresh();
  ({ store } = await test.open());
  deps = {
    store,
    clock: { now: () => new Date(now) },
    async requireHunt(huntId) {
      if (huntId !== HUNT) throw new HuntNotFoundError(`No hunt has the id '${huntId}'.`);
      return { tables: ['DeviceProcessEvents'] };
    },
    async flaggedDevices(huntId, deviceIds) {
      await deps.requireHunt(huntId);
      flaggedQueries.push([...deviceIds]);
      return new Set(deviceIds.filter((id) => id.startsWith('dev-')));
    },
  };
});
afterAll(async () => {
  await store?.close();
  await test?.dispose();
});

describe('verdicts', () => {
  it('a Benign verdict is due for review once its review date has passed', async () => {
    const body = {
      expectedVersion: 0,
      deviceName: 'ws-1',
      status: 'benign' as const,
      reason: 'Jump host',
      reviewAfter: '2026-11-15T00:00:00Z',
    };
    await setDeviceVerdict(deps, HUNT, 'dev-1', body, TRIAGER);
    expect((await listVerdicts(deps, HUNT)).verdicts.map((v) => v.reviewDue)).toEqual([false]);
    now = new Date('2026-11-15T00:00:00Z');
    expect((await listVerdicts(deps, HUNT)).verdicts.map((v) => v.reviewDue)).toEqual([true]);
    // …and the same date is now refused for a new verdict.
    const error = await setDeviceVerdict(deps, HUNT, 'dev-2', body, TRIAGER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TriageInputError);
    expect((error as TriageInputError).field).toBe('reviewAfter');
    expect(await store.verdict(HUNT, 'dev-2')).toBeNull();
  });

  it('checks every device of a bulk change in one query before writing any', async () => {
    flaggedQueries.length = 0;
    const devices = ['dev-3', 'unknown-1', 'dev-4', 'unknown-2'].map((deviceId) => ({
      deviceId,
      deviceName: deviceId,
      expectedVersion: 0,
    }));
    const error = await setVerdictsInBulk(
      deps,
      HUNT,
      { devices, verdict: { status: 'suspicious' } },
      TRIAGER,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      field: 'devices.1.deviceId',
      extensions: { unknownDevices: ['unknown-1', 'unknown-2'] },
    });
    expect(flaggedQueries).toEqual([['dev-3', 'unknown-1', 'dev-4', 'unknown-2']]);
    expect(await store.verdict(HUNT, 'dev-3')).toBeNull();
  });

  it('an unknown hunt is refused before anything else', async () => {
    await expect(listVerdicts(deps, 'nope')).rejects.toBeInstanceOf(HuntNotFoundError);
    await expect(
      setDeviceVerdict(
        deps,
        'nope',
        'dev-1',
        { expectedVersion: 0, deviceName: 'x', status: 'suspicious' },
        TRIAGER,
      ),
    ).rejects.toBeInstanceOf(HuntNotFoundError);
  });
});

describe('custom exclusions', () => {
  it('are listed as expired once their expiry has passed', async () => {
    now = new Date('2026-11-01T12:00:00Z');
    const input = {
      field: 'AccountName',
      operator: '==' as const,
      values: ['svc-veeam'],
      reason: 'Backup account',
    };
    const lasting = await createCustomExclusion(deps, HUNT, input, TRIAGER);
    const brief = await createCustomExclusion(
      deps,
      HUNT,
      { ...input, expiresAt: '2026-11-02T00:00:00Z' },
      TRIAGER,
    );
    const expired = async () =>
      (await listCustomExclusions(deps, HUNT)).exclusions.map((e) => [e.id, e.expired]);
    expect(await expired()).toEqual([
      [lasting.id, false],
      [brief.id, false],
    ]);
    now = new Date('2026-11-02T00:00:00Z');
    expect(await expired()).toEqual([
      [lasting.id, false],
      [brief.id, true],
    ]);
    await expect(
      createCustomExclusion(deps, HUNT, { ...input, expiresAt: '2026-11-01T23:59:59Z' }, TRIAGER),
    ).rejects.toMatchObject({
      field: 'expiresAt',
    });
    expect((await store.customExclusions(HUNT)).length).toBe(2);
  });
});
