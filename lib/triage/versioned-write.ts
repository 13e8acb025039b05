// What every versioned, audited triage record's write shares (custom exclusions, tool approvals): the columns
// that say at which version and by whom a record was made and last changed, the check that a change is based
// on the version the store holds, and the audit entry written in the same transaction as the change.
import 'server-only';
import { type AnyColumn, sql } from 'drizzle-orm';
import { type AuditRecord, appendAudit } from './audit-log';
import type { TriageTx } from './database';
import { type Actor, VersionConflictError } from './types';

/** The columns of a record `actor` creates: its first version, made and last changed by them. */
export function firstVersion(actor: Actor) {
  return {
    version: 1,
    createdById: actor.id,
    createdByName: actor.name,
    updatedById: actor.id,
    updatedByName: actor.name,
  };
}

/** The columns a change by `actor` sets: the record's next version, last changed by them, now. */
export function nextVersion(version: AnyColumn, actor: Actor) {
  return {
    version: sql`${version} + 1`,
    updatedById: actor.id,
    updatedByName: actor.name,
    updatedAt: sql`now()`,
  };
}

/**
 * `current`, when a change based on `expectedVersion` may apply to it; otherwise a conflict that carries it,
 * so the person can review what is there now (`what`: "exclusion", "approval").
 */
export function expectVersion<T extends { version: number }>(
  current: T,
  expectedVersion: number,
  what: string,
): T {
  if (current.version !== expectedVersion)
    throw new VersionConflictError<T>(
      current,
      `Someone changed this ${what} since you loaded it; review the current value and try again.`,
    );
  return current;
}

type Audited = { id: string };
type Change = { before: null; after: Audited } | { before: Audited; after: Audited | null };

/** Records one change to a record in the audit log, under the record's id, in the transaction that makes it. */
export async function auditChange(
  tx: TriageTx,
  change: Omit<AuditRecord, 'entityId' | 'before' | 'after'> & Change,
): Promise<void> {
  const entityId = change.before === null ? change.after.id : change.before.id;
  await appendAudit(tx, [{ ...change, entityId }]);
}
