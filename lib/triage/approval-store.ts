// Tool approvals: created, changed (with optimistic concurrency) and revoked, each change audited in the same
// transaction. A revoked approval is deleted; its last state stays in the audit log. Approvals span hunts, so
// their audit rows carry an empty hunt id.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { MAX_APPROVALS, type ToolApproval, type ToolApprovalInput } from './approvals';
import type { TriageDb, TriageTx } from './database';
import { TriageInputError } from './errors';
import { toolApprovals } from './schema';
import { type Actor, ApprovalNotFoundError } from './types';
import { auditChange, expectVersion, firstVersion, nextVersion } from './versioned-write';

type ApprovalRow = typeof toolApprovals.$inferSelect;

/** Approvals are not tied to a hunt; the audit log's hunt id is empty for them. */
export const APPROVAL_AUDIT_HUNT = '';

const AUDITED = { huntId: APPROVAL_AUDIT_HUNT, entity: 'approval' } as const;

function toApproval(row: ApprovalRow): ToolApproval {
  const common = {
    id: row.id,
    tool: row.tool,
    reason: row.reason,
    owner: row.owner,
    ...(row.expiresAt ? { expiresAt: row.expiresAt.toISOString() } : {}),
    version: row.version,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.toISOString(),
    updatedBy: { id: row.updatedById, name: row.updatedByName },
    updatedAt: row.updatedAt.toISOString(),
  };
  if (row.scope === 'pattern') return { ...common, scope: 'pattern', pattern: row.pattern ?? '' };
  if (row.scope === 'devices') return { ...common, scope: 'devices', devices: row.devices ?? [] };
  return { ...common, scope: 'all' };
}

function columns(input: ToolApprovalInput) {
  return {
    tool: input.tool,
    scope: input.scope,
    pattern: input.scope === 'pattern' ? input.pattern : null,
    devices: input.scope === 'devices' ? input.devices : null,
    reason: input.reason,
    owner: input.owner,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
  };
}

export async function readApprovals(db: TriageDb): Promise<ToolApproval[]> {
  const rows = await db
    .select()
    .from(toolApprovals)
    .orderBy(asc(sql`lower(${toolApprovals.tool})`), asc(toolApprovals.createdAt), asc(toolApprovals.id));
  return rows.map(toApproval);
}

/** Creations queue on a transaction-scoped lock, so two at once cannot both take the last free place. */
async function checkLimit(tx: TriageTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tool_approvals'))`);
  const [held] = await tx.select({ count: sql<number>`count(*)::int` }).from(toolApprovals);
  const count = Number(held?.count ?? 0);
  if (count >= MAX_APPROVALS)
    throw new TriageInputError(
      'tool',
      `cannot be approved: ${count} approvals are recorded, the most Huntboard keeps (${MAX_APPROVALS}); revoke approvals that are no longer needed, or widen one (a pattern or a list of up to 500 devices) instead of adding another`,
      'Approval limit reached',
      { limit: 'approvals', max: MAX_APPROVALS },
    );
}

export async function createApproval(
  db: TriageDb,
  input: ToolApprovalInput,
  actor: Actor,
): Promise<ToolApproval> {
  return db.transaction(async (tx) => {
    await checkLimit(tx);
    const [row] = await tx
      .insert(toolApprovals)
      .values({ id: randomUUID(), ...columns(input), ...firstVersion(actor) })
      .returning();
    const created = toApproval(row as ApprovalRow);
    await auditChange(tx, {
      ...AUDITED,
      actor,
      action: 'create',
      before: null,
      after: created,
      reason: input.reason,
    });
    return created;
  });
}

async function lockApproval(tx: TriageTx, id: string, expectedVersion: number): Promise<ToolApproval> {
  const [row] = await tx.select().from(toolApprovals).where(eq(toolApprovals.id, id)).for('update');
  if (!row) throw new ApprovalNotFoundError(`There is no tool approval '${id}'; it may have been revoked.`);
  return expectVersion(toApproval(row), expectedVersion, 'approval');
}

export async function updateApproval(
  db: TriageDb,
  id: string,
  input: ToolApprovalInput,
  expectedVersion: number,
  actor: Actor,
): Promise<ToolApproval> {
  return db.transaction(async (tx) => {
    const before = await lockApproval(tx, id, expectedVersion);
    const [row] = await tx
      .update(toolApprovals)
      .set({ ...columns(input), ...nextVersion(toolApprovals.version, actor) })
      .where(eq(toolApprovals.id, id))
      .returning();
    const after = toApproval(row as ApprovalRow);
    await auditChange(tx, { ...AUDITED, actor, action: 'update', before, after, reason: input.reason });
    return after;
  });
}

export async function revokeApproval(
  db: TriageDb,
  id: string,
  expectedVersion: number,
  reason: string,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockApproval(tx, id, expectedVersion);
    await tx.delete(toolApprovals).where(eq(toolApprovals.id, id));
    await auditChange(tx, { ...AUDITED, actor, action: 'remove', before, after: null, reason });
  });
}
