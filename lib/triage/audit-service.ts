// The audit log as the API offers it: who changed which verdict, exclusion or tool approval, when, from what
// to what, and why, a page at a time.
import 'server-only';
import { z } from 'zod';
import { safeText } from '@/lib/safe-text';
import type { TriageDeps } from './triage-deps';
import { type AuditEntry, isoInstant } from './types';

/** Entries per page when the request does not say. */
export const DEFAULT_AUDIT_PAGE = 100;
/** The most entries one page may hold. */
export const MAX_AUDIT_PAGE = 500;

const id = safeText().trim().min(1).max(200, 'must be at most 200 characters');

/** GET /api/audit?huntId=&entity=&entityId=&actorId=&since=&until=&order=&limit=&cursor= */
export const auditQuerySchema = z
  .object({
    huntId: id.optional(),
    entity: z
      .enum(['verdict', 'exclusion', 'approval'], { error: 'must be verdict, exclusion or approval' })
      .optional(),
    /** A device id (verdicts) or an exclusion id. */
    entityId: id.optional(),
    /** Who made the change. */
    actorId: id.optional(),
    since: isoInstant.optional(),
    until: isoInstant.optional(),
    order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('asc'),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${MAX_AUDIT_PAGE}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, `must be a whole number from 1 to ${MAX_AUDIT_PAGE}`)
          .max(MAX_AUDIT_PAGE, `must be at most ${MAX_AUDIT_PAGE}`),
      )
      .default(DEFAULT_AUDIT_PAGE),
    /** The `next` of the previous page. */
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, 'must be the next value of a previous page')
      .transform(Number)
      .optional(),
  })
  .refine(
    (q) => q.since === undefined || q.until === undefined || Date.parse(q.since) <= Date.parse(q.until),
    {
      path: ['until'],
      message: 'must not be before since',
    },
  );
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditPage {
  entries: AuditEntry[];
  /** The cursor of the next page; null on the last page. */
  next: string | null;
}

export async function auditEntries(deps: TriageDeps, query: AuditQuery): Promise<AuditPage> {
  const { limit, cursor, ...filter } = query;
  // One more than asked says whether another page follows without a second count query.
  const rows = await deps.store.audit({ ...filter, after: cursor, limit: limit + 1 });
  const entries = rows.slice(0, limit);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > limit && last ? String(last.id) : null };
}
