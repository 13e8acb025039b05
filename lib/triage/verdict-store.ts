// Verdicts with optimistic concurrency: a write names the version it was based on, and the row is locked,
// compared and written in one transaction together with its audit row. A bulk write is one transaction:
// every change is checked before any is written, and one stale version refuses them all.
import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from './audit-log';
import type { TriageDb, TriageTx } from './database';
import { verdicts } from './schema';
import {
  type Actor,
  type SetVerdict,
  type Verdict,
  type VerdictConflict,
  type VerdictInput,
  type VerdictStatus,
  VersionConflictError,
} from './types';

type VerdictRow = typeof verdicts.$inferSelect;

function toVerdict(row: VerdictRow): Verdict {
  return {
    huntId: row.huntId,
    deviceId: row.deviceId,
    deviceName: row.deviceName,
    status: row.status as VerdictStatus,
    reason: row.reason,
    scenario: row.scenario,
    reviewAfter: row.reviewAfter?.toISOString() ?? null,
    reference: row.reference,
    version: row.version,
    setBy: { id: row.setById, name: row.setByName },
    setAt: row.setAt.toISOString(),
  };
}

/** The columns a verdict input sets; those its status does not use are cleared. */
function fieldsOf(input: VerdictInput) {
  return {
    status: input.status,
    reason: input.reason || null,
    scenario: input.status === 'benign' ? (input.scenario ?? null) : null,
    reviewAfter: input.status === 'benign' && input.reviewAfter ? new Date(input.reviewAfter) : null,
    reference: input.status === 'malicious' ? (input.reference ?? null) : null,
  };
}

export async function readVerdicts(db: TriageDb, huntId: string): Promise<Verdict[]> {
  const rows = await db
    .select()
    .from(verdicts)
    .where(eq(verdicts.huntId, huntId))
    .orderBy(asc(verdicts.deviceId));
  return rows.map(toVerdict);
}

/** The verdicts of several hunts at once (the overview counts each tool's reviewed devices over its hunts). */
export async function readVerdictsOf(db: TriageDb, huntIds: readonly string[]): Promise<Verdict[]> {
  if (!huntIds.length) return [];
  const rows = await db
    .select()
    .from(verdicts)
    .where(inArray(verdicts.huntId, [...huntIds]))
    .orderBy(asc(verdicts.huntId), asc(verdicts.deviceId));
  return rows.map(toVerdict);
}

export async function readVerdict(
  db: TriageDb | TriageTx,
  huntId: string,
  deviceId: string,
): Promise<Verdict | null> {
  const [row] = await db
    .select()
    .from(verdicts)
    .where(and(eq(verdicts.huntId, huntId), eq(verdicts.deviceId, deviceId)));
  return row ? toVerdict(row) : null;
}

/** Writes every change or none; returns the new verdicts in the order of `changes`. */
export async function writeVerdicts(
  db: TriageDb,
  changes: readonly SetVerdict[],
  actor: Actor,
): Promise<Verdict[]> {
  if (!changes.length) return [];
  const huntIds = new Set(changes.map((c) => c.huntId));
  const deviceIds = new Set(changes.map((c) => c.deviceId));
  if (huntIds.size !== 1 || deviceIds.size !== changes.length) {
    throw new Error('A bulk verdict write covers one hunt and names each device once.');
  }
  const huntId = (changes[0] as SetVerdict).huntId;
  // Locking in one order (by device id) keeps two concurrent bulk writes from deadlocking.
  const ordered = [...changes].sort((a, b) =>
    a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0,
  );

  return db.transaction(async (tx) => {
    const locked = await tx
      .select()
      .from(verdicts)
      .where(and(eq(verdicts.huntId, huntId), inArray(verdicts.deviceId, [...deviceIds])))
      .orderBy(asc(verdicts.deviceId))
      .for('update');
    const before = new Map(locked.map((row) => [row.deviceId, toVerdict(row)]));
    const conflicts: VerdictConflict[] = ordered
      .filter((c) => (before.get(c.deviceId)?.version ?? 0) !== c.expectedVersion)
      .map((c) => ({ deviceId: c.deviceId, current: before.get(c.deviceId) ?? null }));
    if (conflicts.length) throw conflictError(changes, conflicts);

    const written = new Map<string, Verdict>();
    for (const change of ordered) {
      const after = await writeOne(tx, change, actor, before.get(change.deviceId) ?? null);
      if (!after) {
        // Another transaction created the verdict after our read: its insert won.
        const current = await readVerdict(tx, huntId, change.deviceId);
        throw conflictError(changes, [{ deviceId: change.deviceId, current }]);
      }
      written.set(change.deviceId, after);
    }
    await appendAudit(
      tx,
      ordered.map((change) => {
        const after = written.get(change.deviceId) as Verdict;
        return {
          actor,
          huntId,
          entity: 'verdict',
          entityId: change.deviceId,
          action: 'set',
          before: before.get(change.deviceId) ?? null,
          after,
          reason: after.reason,
        };
      }),
    );
    return changes.map((c) => written.get(c.deviceId) as Verdict);
  });
}

async function writeOne(
  tx: TriageTx,
  change: SetVerdict,
  actor: Actor,
  before: Verdict | null,
): Promise<Verdict | null> {
  const fields = {
    ...fieldsOf(change.input),
    deviceName: change.deviceName,
    setById: actor.id,
    setByName: actor.name,
  };
  if (!before) {
    const [row] = await tx
      .insert(verdicts)
      .values({ huntId: change.huntId, deviceId: change.deviceId, version: 1, ...fields })
      .onConflictDoNothing()
      .returning();
    return row ? toVerdict(row) : null;
  }
  const [row] = await tx
    .update(verdicts)
    .set({ ...fields, version: sql`${verdicts.version} + 1`, setAt: sql`now()` })
    .where(
      and(
        eq(verdicts.huntId, change.huntId),
        eq(verdicts.deviceId, change.deviceId),
        eq(verdicts.version, change.expectedVersion),
      ),
    )
    .returning();
  return row ? toVerdict(row) : null;
}

function conflictError(changes: readonly SetVerdict[], conflicts: VerdictConflict[]): VersionConflictError {
  const first = conflicts[0]?.current ?? null;
  if (changes.length === 1) return new VersionConflictError(first);
  const devices = conflicts.map((c) => c.deviceId).join(', ');
  return new VersionConflictError(
    first,
    `Someone changed the verdict of ${conflicts.length === 1 ? 'device' : 'devices'} ${devices} since you loaded ${conflicts.length === 1 ? 'it' : 'them'}; nothing was saved. Review the current values and try again.`,
    conflicts,
  );
}
