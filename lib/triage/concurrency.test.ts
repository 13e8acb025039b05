// No lost updates: 60 concurrent writers (30 on one device, 30 on a device each) read a verdict and write a
// new one based on the version they read, three rounds each. Afterwards every acknowledged write is in the
// audit log, the audit log holds nothing else, no two acknowledged writes share a version, each device's
// final state is its last acknowledged write, and all of it is still there after the store is reopened.
// On PostgreSQL the store uses a pool of twelve connections, so the writes really race.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeEachBackend, type TestDatabase } from './test-support';
import { type TriageStore, type Verdict, VersionConflictError, verdictStatuses } from './types';

const HUNT = 'a2d8dde6-007d-4bea-964d-97bb81006849';
const SHARED_WRITERS = 30;
const OWN_WRITERS = 30;
const ROUNDS = 3;

interface Ack {
  writer: number;
  verdict: Verdict;
}

/** Resolves once `parties` callers have arrived, so that every writer's write of a round starts together. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === parties) release();
    return all;
  };
}

describeEachBackend('concurrent verdict writers', (backend: Backend) => {
  let test: TestDatabase;
  let store: TriageStore;
  beforeAll(async () => {
    test = await backend.fresh();
    ({ store } = await test.open({ poolSize: 12 }));
  });
  afterAll(async () => {
    await store?.close();
    await test?.dispose();
  });

  it(`${SHARED_WRITERS + OWN_WRITERS} writers: every acknowledged write is kept, audited, and none is lost`, async () => {
    const writers = Array.from({ length: SHARED_WRITERS + OWN_WRITERS }, (_, i) => ({
      id: i,
      deviceId: i < SHARED_WRITERS ? 'dev-shared' : `dev-own-${i}`,
      actor: { id: `writer-${i}`, name: `Writer ${i}` },
    }));
    const acks: Ack[] = [];
    const conflicts = new Map<string, number>();
    const rounds = Array.from({ length: ROUNDS }, () => barrier(writers.length));

    await Promise.all(
      writers.map(async (w) => {
        for (let round = 0; round < ROUNDS; round++) {
          const seen = await store.verdict(HUNT, w.deviceId);
          await rounds[round]?.();
          const status = verdictStatuses[(w.id + round) % verdictStatuses.length] ?? 'suspicious';
          const reason = `writer ${w.id}, round ${round}`;
          const input = { status, reason };
          try {
            const verdict = await store.setVerdict(
              {
                huntId: HUNT,
                deviceId: w.deviceId,
                deviceName: `${w.deviceId}.corp.example`,
                expectedVersion: seen?.version ?? 0,
                input,
              },
              w.actor,
            );
            acks.push({ writer: w.id, verdict });
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error;
            conflicts.set(w.deviceId, (conflicts.get(w.deviceId) ?? 0) + 1);
          }
        }
      }),
    );

    // The shared device saw real races; a device with one writer never conflicts.
    expect(conflicts.get('dev-shared') ?? 0).toBeGreaterThan(0);
    expect([...conflicts.keys()]).toEqual(['dev-shared']);
    const byDevice = new Map<string, Ack[]>();
    for (const ack of acks)
      byDevice.set(ack.verdict.deviceId, [...(byDevice.get(ack.verdict.deviceId) ?? []), ack]);
    expect(byDevice.size).toBe(1 + OWN_WRITERS);
    for (const w of writers.slice(SHARED_WRITERS)) expect(byDevice.get(w.deviceId)?.length).toBe(ROUNDS);
    const sharedAcks = byDevice.get('dev-shared') ?? [];
    expect(sharedAcks.length).toBeGreaterThanOrEqual(ROUNDS);
    expect(sharedAcks.length + (conflicts.get('dev-shared') ?? 0)).toBe(SHARED_WRITERS * ROUNDS);

    const audit = await store.audit({ huntId: HUNT, entity: 'verdict' });
    // Every acknowledged write is in the audit log exactly once, and the log holds nothing else.
    expect(audit).toHaveLength(acks.length);
    for (const ack of acks) {
      const entries = audit.filter(
        (e) => e.entityId === ack.verdict.deviceId && (e.after as Verdict).version === ack.verdict.version,
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'set',
        actor: ack.verdict.setBy,
        after: ack.verdict,
        reason: ack.verdict.reason,
      });
    }

    const finals = new Map((await store.verdicts(HUNT)).map((v) => [v.deviceId, v]));
    expect(finals.size).toBe(byDevice.size);
    for (const [deviceId, deviceAcks] of byDevice) {
      // No two writers were told they wrote the same version: each write was based on the one before.
      const versions = deviceAcks.map((a) => a.verdict.version).sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: deviceAcks.length }, (_, i) => i + 1));
      // The audit log is an unbroken chain: each change's "before" is the previous change's "after".
      const chain = audit
        .filter((e) => e.entityId === deviceId)
        .sort((a, b) => (a.after as Verdict).version - (b.after as Verdict).version);
      expect(chain.map((entry) => entry.before)).toEqual([
        null,
        ...chain.slice(0, -1).map((entry) => entry.after),
      ]);
      // The final state is the last acknowledged write.
      const last = deviceAcks.reduce((a, b) => (b.verdict.version > a.verdict.version ? b : a));
      expect(finals.get(deviceId)).toEqual(last.verdict);
    }

    // Still all there after a restart of the store.
    await store.close();
    ({ store } = await test.open({ poolSize: 12 }));
    expect(new Map((await store.verdicts(HUNT)).map((v) => [v.deviceId, v]))).toEqual(finals);
    expect(await store.audit({ huntId: HUNT, entity: 'verdict' })).toEqual(audit);
  });
});
