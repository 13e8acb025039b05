// Custom exclusions: created, switched on and off (with optimistic concurrency) and removed, each change
// audited in the same transaction. A removed exclusion's last state stays in the audit log.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { TriageDb, TriageTx } from './database';
import { TriageInputError } from './errors';
import { customExclusions } from './schema';
import {
  type Actor,
  type CustomExclusion,
  type CustomExclusionInput,
  ExclusionNotFoundError,
  type ExclusionOperator,
  MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT,
  MAX_CUSTOM_EXCLUSIONS_PER_HUNT,
} from './types';
import { auditChange, expectVersion, firstVersion, nextVersion } from './versioned-write';

type ExclusionRow = typeof customExclusions.$inferSelect;

function toExclusion(row: ExclusionRow): CustomExclusion {
  return {
    id: row.id,
    huntId: row.huntId,
    field: row.field,
    operator: row.operator as ExclusionOperator,
    values: row.values,
    ...(row.deviceId !== null ? { deviceId: row.deviceId } : {}),
    ...(row.deviceName !== null ? { deviceName: row.deviceName } : {}),
    reason: row.reason,
    ...(row.expiresAt ? { expiresAt: row.expiresAt.toISOString() } : {}),
    enabled: row.enabled,
    version: row.version,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.toISOString(),
    updatedBy: { id: row.updatedById, name: row.updatedByName },
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function readExclusions(db: TriageDb, huntId: string): Promise<CustomExclusion[]> {
  const rows = await db
    .select()
    .from(customExclusions)
    .where(eq(customExclusions.huntId, huntId))
    .orderBy(asc(customExclusions.createdAt), asc(customExclusions.id));
  return rows.map(toExclusion);
}

const utf8Bytes = (values: readonly string[]) =>
  values.reduce((sum, v) => sum + Buffer.byteLength(v, 'utf8'), 0);

/**
 * Refuses an exclusion that would take the hunt past its documented limits. Creations for one hunt queue on
 * a transaction-scoped lock, so two at once cannot both pass the last free place.
 */
async function checkHuntLimits(tx: TriageTx, huntId: string, values: readonly string[]): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`custom_exclusions:${huntId}`}))`);
  const [held] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      bytes: sql<number>`coalesce(sum((SELECT sum(octet_length(v)) FROM jsonb_array_elements_text(${customExclusions.values}) AS v)), 0)::bigint`,
    })
    .from(customExclusions)
    .where(eq(customExclusions.huntId, huntId));
  const count = Number(held?.count ?? 0);
  const bytes = Number(held?.bytes ?? 0);
  if (count >= MAX_CUSTOM_EXCLUSIONS_PER_HUNT)
    throw new TriageInputError(
      'huntId',
      `has ${count} custom exclusions, the most a hunt may hold (${MAX_CUSTOM_EXCLUSIONS_PER_HUNT}); remove one that is no longer needed, or widen one (has_any and in~ take up to 100 values) instead of adding another`,
      'Custom exclusion limit reached',
      { limit: 'exclusionsPerHunt', max: MAX_CUSTOM_EXCLUSIONS_PER_HUNT },
    );
  const adding = utf8Bytes(values);
  if (bytes + adding > MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT)
    throw new TriageInputError(
      'values',
      `would bring this hunt's custom exclusion values to ${bytes + adding} bytes, past the limit of ${MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT} bytes (1 MiB) per hunt; remove exclusions that are no longer needed or use shorter values`,
      'Custom exclusion limit reached',
      { limit: 'valueBytesPerHunt', max: MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT },
    );
}

export async function createExclusion(
  db: TriageDb,
  huntId: string,
  input: CustomExclusionInput,
  actor: Actor,
): Promise<CustomExclusion> {
  return db.transaction(async (tx) => {
    await checkHuntLimits(tx, huntId, input.values);
    const [row] = await tx
      .insert(customExclusions)
      .values({
        id: randomUUID(),
        huntId,
        field: input.field,
        operator: input.operator,
        values: input.values,
        deviceId: input.deviceId ?? null,
        // A name without a device would describe nothing.
        deviceName: input.deviceId ? (input.deviceName ?? null) : null,
        reason: input.reason,
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        enabled: true,
        ...firstVersion(actor),
      })
      .returning();
    const created = toExclusion(row as ExclusionRow);
    await auditChange(tx, {
      huntId,
      entity: 'exclusion',
      actor,
      action: 'create',
      before: null,
      after: created,
      reason: input.reason,
    });
    return created;
  });
}

async function lockExclusion(tx: TriageTx, huntId: string, id: string): Promise<CustomExclusion> {
  const [row] = await tx
    .select()
    .from(customExclusions)
    .where(and(eq(customExclusions.huntId, huntId), eq(customExclusions.id, id)))
    .for('update');
  if (!row)
    throw new ExclusionNotFoundError(
      `Hunt '${huntId}' has no custom exclusion '${id}'; it may have been removed.`,
    );
  return toExclusion(row);
}

export async function setExclusionEnabled(
  db: TriageDb,
  huntId: string,
  id: string,
  enabled: boolean,
  expectedVersion: number,
  actor: Actor,
  reason?: string,
): Promise<CustomExclusion> {
  return db.transaction(async (tx) => {
    const before = expectVersion(await lockExclusion(tx, huntId, id), expectedVersion, 'exclusion');
    if (before.enabled === enabled) return before; // nothing changes, so nothing to audit
    const [row] = await tx
      .update(customExclusions)
      .set({ enabled, ...nextVersion(customExclusions.version, actor) })
      .where(eq(customExclusions.id, id))
      .returning();
    const after = toExclusion(row as ExclusionRow);
    await auditChange(tx, {
      huntId,
      entity: 'exclusion',
      actor,
      action: enabled ? 'enable' : 'disable',
      before,
      after,
      reason: reason || null,
    });
    return after;
  });
}

export async function removeExclusion(
  db: TriageDb,
  huntId: string,
  id: string,
  reason: string,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockExclusion(tx, huntId, id);
    await tx.delete(customExclusions).where(eq(customExclusions.id, id));
    await auditChange(tx, {
      huntId,
      entity: 'exclusion',
      actor,
      action: 'remove',
      before,
      after: null,
      reason,
    });
  });
}
