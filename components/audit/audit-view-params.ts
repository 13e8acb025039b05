// The audit page's filters as URL search params, so a link or a reload shows the same entries:
//   hunt=<id>  entity=verdict|exclusion|approval  from=YYYY-MM-DD  to=YYYY-MM-DD (UTC days, inclusive)
// Anything unrecognised is dropped rather than trusted, and the page says so.
import type { AuditEntry } from '@/lib/triage/types';

export interface AuditViewParams {
  hunt: string | null;
  entity: AuditEntry['entity'] | null;
  /** First UTC day shown, YYYY-MM-DD. */
  from: string | null;
  /** Last UTC day shown, YYYY-MM-DD. */
  to: string | null;
}

export const AUDIT_ENTITIES: readonly AuditEntry['entity'][] = ['verdict', 'exclusion', 'approval'];
const MAX_ID = 200;

/** A day the calendar has, YYYY-MM-DD, in the years the API accepts. */
export function isUtcDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text && text >= '1000';
}

export interface ParsedAuditView {
  params: AuditViewParams;
  /** The URL params that were dropped, for a notice. */
  dropped: string[];
}

export function parseAuditViewParams(search: { get: (name: string) => string | null }): ParsedAuditView {
  const dropped: string[] = [];
  const hunt = search.get('hunt')?.trim() || null;
  const entityText = search.get('entity')?.trim() || null;
  const entity = AUDIT_ENTITIES.find((e) => e === entityText) ?? null;
  if (entityText && !entity) dropped.push('entity');
  const day = (name: 'from' | 'to') => {
    const text = search.get(name)?.trim() || null;
    if (text && !isUtcDay(text)) dropped.push(name);
    return text && isUtcDay(text) ? text : null;
  };
  const from = day('from');
  let to = day('to');
  if (from && to && from > to) {
    dropped.push('to');
    to = null;
  }
  if (hunt && hunt.length > MAX_ID) dropped.push('hunt');
  return { params: { hunt: hunt && hunt.length <= MAX_ID ? hunt : null, entity, from, to }, dropped };
}

/** The search string for `params` (defaults left out), starting with `?` or empty. */
export function writeAuditViewParams(params: AuditViewParams): string {
  const search = new URLSearchParams();
  if (params.hunt) search.set('hunt', params.hunt);
  if (params.entity) search.set('entity', params.entity);
  if (params.from) search.set('from', params.from);
  if (params.to) search.set('to', params.to);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The API's filter for the view: whole UTC days, `to` inclusive to its last millisecond. */
export function auditFilterOf(params: AuditViewParams): {
  huntId?: string;
  entity?: AuditEntry['entity'];
  since?: string;
  until?: string;
} {
  return {
    ...(params.hunt ? { huntId: params.hunt } : {}),
    ...(params.entity ? { entity: params.entity } : {}),
    ...(params.from ? { since: `${params.from}T00:00:00.000Z` } : {}),
    ...(params.to ? { until: `${params.to}T23:59:59.999Z` } : {}),
  };
}
