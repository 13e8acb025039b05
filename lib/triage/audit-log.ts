// The audit log: appended to in the same transaction as the change it records, read in id order. There is
// no update or delete here, and the database refuses them too (migration 0001).
import 'server-only';
import { and, asc, desc, eq, gt, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { TriageDb, TriageTx } from './database';
import { auditLog } from './schema';
import type { Actor, AuditEntry } from './types';

export interface AuditRecord {
  actor: Actor;
  huntId: string;
  entity: AuditEntry['entity'];
  entityId: string;
  action: AuditEntry['action'];
  before: unknown;
  after: unknown;
  reason: string | null;
}

export async function appendAudit(tx: TriageTx, records: readonly AuditRecord[]): Promise<void> {
  if (!records.length) return;
  await tx.insert(auditLog).values(
    records.map((r) => ({
      actorId: r.actor.id,
      actorName: r.actor.name,
      huntId: r.huntId,
      entity: r.entity,
      entityId: r.entityId,
      action: r.action,
      before: r.before ?? null,
      after: r.after ?? null,
      reason: r.reason,
    })),
  );
}

export interface AuditFilter {
  huntId?: string;
  entity?: AuditEntry['entity'];
  entityId?: string;
  /** Who made the change (the actor's id). */
  actorId?: string;
  /** ISO 8601; entries at or after it. */
  since?: string;
  /** ISO 8601; entries at or before it. */
  until?: string;
  /** Oldest first (the default) or newest first. */
  order?: 'asc' | 'desc';
  /** Entries after this id in the chosen order: the cursor of a page. */
  after?: number;
  /** At most this many entries; all when absent. */
  limit?: number;
}

export async function readAudit(db: TriageDb, filter: AuditFilter): Promise<AuditEntry[]> {
  const conditions: SQL[] = [];
  if (filter.huntId !== undefined) conditions.push(eq(auditLog.huntId, filter.huntId));
  if (filter.entity !== undefined) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId !== undefined) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actorId !== undefined) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.since !== undefined) conditions.push(gte(auditLog.at, new Date(filter.since)));
  if (filter.until !== undefined) conditions.push(lte(auditLog.at, new Date(filter.until)));
  const newestFirst = filter.order === 'desc';
  if (filter.after !== undefined)
    conditions.push(newestFirst ? lt(auditLog.id, filter.after) : gt(auditLog.id, filter.after));
  const query = db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(newestFirst ? desc(auditLog.id) : asc(auditLog.id));
  const rows = await (filter.limit === undefined ? query : query.limit(filter.limit));
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actorId, name: row.actorName },
    huntId: row.huntId,
    entity: row.entity as AuditEntry['entity'],
    entityId: row.entityId,
    action: row.action as AuditEntry['action'],
    before: row.before,
    after: row.after,
    reason: row.reason,
  }));
}
