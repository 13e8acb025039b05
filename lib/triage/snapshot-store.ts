// Hunt-run snapshots: what a run found, per device and UTC day, kept so that trends can look back further
// than the telemetry source retains events.
import 'server-only';
import { and, asc, between, eq, inArray } from 'drizzle-orm';
import type { TriageDb } from './database';
import { runSnapshots, snapshotDevices } from './schema';
import type { RunSnapshot, SnapshotDevice } from './types';

// PostgreSQL takes at most 65,535 parameters per statement; seven per device row.
const DEVICES_PER_INSERT = 1_000;

export async function writeSnapshot(db: TriageDb, snapshot: RunSnapshot): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(runSnapshots)
      .values({
        huntId: snapshot.huntId,
        sourceId: snapshot.sourceId,
        ranAt: new Date(snapshot.ranAt),
        windowStart: new Date(snapshot.windowStart),
        windowEnd: new Date(snapshot.windowEnd),
        exclusions: [...snapshot.exclusions].sort(),
      })
      .returning({ id: runSnapshots.id });
    const snapshotId = (row as { id: number }).id;
    for (let i = 0; i < snapshot.devices.length; i += DEVICES_PER_INSERT) {
      await tx.insert(snapshotDevices).values(
        snapshot.devices.slice(i, i + DEVICES_PER_INSERT).map((d) => ({
          snapshotId,
          deviceId: d.deviceId,
          deviceName: d.deviceName,
          firstSeen: new Date(d.firstSeen),
          lastSeen: new Date(d.lastSeen),
          count: d.count,
          activity: d.activity,
        })),
      );
    }
  });
}

/** Snapshots that ran in [from, to], oldest first; each one's devices sorted by device id. */
export async function readSnapshots(
  db: TriageDb,
  huntId: string,
  from: string,
  to: string,
): Promise<RunSnapshot[]> {
  const runs = await db
    .select()
    .from(runSnapshots)
    .where(and(eq(runSnapshots.huntId, huntId), between(runSnapshots.ranAt, new Date(from), new Date(to))))
    .orderBy(asc(runSnapshots.ranAt), asc(runSnapshots.id));
  if (!runs.length) return [];
  const devices = await db
    .select()
    .from(snapshotDevices)
    .where(
      inArray(
        snapshotDevices.snapshotId,
        runs.map((r) => r.id),
      ),
    )
    .orderBy(asc(snapshotDevices.snapshotId), asc(snapshotDevices.deviceId));
  const bySnapshot = new Map<number, SnapshotDevice[]>();
  for (const d of devices) {
    const list = bySnapshot.get(d.snapshotId) ?? [];
    list.push({
      deviceId: d.deviceId,
      deviceName: d.deviceName,
      firstSeen: d.firstSeen.toISOString(),
      lastSeen: d.lastSeen.toISOString(),
      count: d.count,
      activity: d.activity,
    });
    bySnapshot.set(d.snapshotId, list);
  }
  return runs.map((r) => ({
    huntId: r.huntId,
    sourceId: r.sourceId,
    ranAt: r.ranAt.toISOString(),
    windowStart: r.windowStart.toISOString(),
    windowEnd: r.windowEnd.toISOString(),
    exclusions: r.exclusions,
    devices: bySnapshot.get(r.id) ?? [],
  }));
}
