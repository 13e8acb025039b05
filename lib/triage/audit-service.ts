// The audit log as the API offers it: who changed which verdict, exclusion or tool approval, when, from what to what, and why.
import 'server-only';
import { z } from 'zod';
import { safeText } from '@/lib/safe-text';
import type { TriageDeps } from './triage-deps';
import { type AuditEntry, isoInstant } from './types';

/** GET /api/audit?huntId=&entity=&entityId=&since= */
export const auditQuerySchema = z.object({
  huntId: safeText().trim().min(1).max(200, 'must be at most 200 characters').optional(),
  entity: z
    .enum(['verdict', 'exclusion', 'approval'], { error: 'must be verdict, exclusion or approval' })
    .optional(),
  /** A device id (verdicts) or an exclusion id. */
  entityId: safeText().trim().min(1).max(200, 'must be at most 200 characters').optional(),
  since: isoInstant.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export async function auditEntries(deps: TriageDeps, query: AuditQuery): Promise<{ entries: AuditEntry[] }> {
  return { entries: await deps.store.audit(query) };
}
