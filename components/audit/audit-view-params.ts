// The audit page's filters as URL search params, so a link or a reload shows the same entries, declared once
// as a parser map (`auditViewParsers`):
//   hunt=<id>  entity=verdict|exclusion|approval  from=YYYY-MM-DD  to=YYYY-MM-DD (UTC days, inclusive)
// Anything unrecognised is dropped rather than trusted, and the page says so.
import { createLoader, createParser, createSerializer, parseAsStringLiteral } from 'nuqs';
import { parseAsHuntId } from '@/components/url-state/parsers';
import type { AuditEntry } from '@/lib/triage/types';

export interface AuditViewParams {
  hunt: string | null;
  entity: AuditEntry['entity'] | null;
  /** First UTC day shown, YYYY-MM-DD. */
  from: string | null;
  /** Last UTC day shown, YYYY-MM-DD. */
  to: string | null;
}

export const AUDIT_ENTITIES = [
  'verdict',
  'exclusion',
  'approval',
] as const satisfies readonly AuditEntry['entity'][];

/** A day the calendar has, YYYY-MM-DD, in the years the API accepts. */
export function isUtcDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text && text >= '1000';
}

const parseAsUtcDay = createParser({
  parse: (text) => (isUtcDay(text.trim()) ? text.trim() : null),
  serialize: (day: string) => day,
});

/** The audit page's URL state: each param's parser. */
export const auditViewParsers = {
  hunt: parseAsHuntId,
  entity: parseAsStringLiteral(AUDIT_ENTITIES),
  from: parseAsUtcDay,
  to: parseAsUtcDay,
};

const loadAuditViewParams = createLoader(auditViewParsers);
const serializeAuditViewParams = createSerializer(auditViewParsers);

export interface ParsedAuditView {
  params: AuditViewParams;
  /** The URL params that were dropped, for a notice. */
  dropped: string[];
}

/**
 * The view from what the parsers read (`values`) and the raw address: a param present but unreadable is
 * named in `dropped`, and a last day before the first day is dropped too.
 */
export function checkAuditView(
  values: AuditViewParams,
  search: { get: (name: string) => string | null },
): ParsedAuditView {
  const dropped = (['entity', 'from', 'to', 'hunt'] as const).filter(
    (name) => values[name] === null && (search.get(name)?.trim() ?? '') !== '',
  );
  const { from, to } = values;
  if (from && to && from > to) return { params: { ...values, to: null }, dropped: [...dropped, 'to'] };
  return { params: values, dropped };
}

export function parseAuditViewParams(search: URLSearchParams): ParsedAuditView {
  return checkAuditView(loadAuditViewParams(search), search);
}

/** The search string for `params` (defaults left out), starting with `?` or empty. */
export function writeAuditViewParams(params: AuditViewParams): string {
  return serializeAuditViewParams(params);
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
