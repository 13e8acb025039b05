// The browser's call for the audit log: one page of entries, newest first, and the cursor of the next.
import { z } from 'zod';
import type { AuditEntry } from '@/lib/triage/types';
import { apiGet } from './api-client';
import { auditEntrySchema } from './triage-api';

const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), next: z.string().nullable() });

export interface AuditPageRequest {
  huntId?: string;
  entity?: AuditEntry['entity'];
  /** ISO 8601 instants, inclusive. */
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
}

export function fetchAuditPage(
  request: AuditPageRequest,
  signal?: AbortSignal,
): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const query = new URLSearchParams({ order: 'desc', limit: String(request.limit) });
  for (const key of ['huntId', 'entity', 'since', 'until', 'cursor'] as const) {
    const value = request[key];
    if (value) query.set(key, value);
  }
  return apiGet(`/api/audit?${query}`, auditPageSchema, { signal });
}
