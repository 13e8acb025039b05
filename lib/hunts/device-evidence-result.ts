// The shape of one device's evidence as the API returns it and the evidence panel reads it, and the
// query parameters that ask for it (the run's window and exclusions, plus a cap).
import { z } from 'zod';
import { excludeSchema, lookbackSchema } from './run-request';

/** Newest events shown when the caller names no limit. */
export const DEFAULT_EVIDENCE_LIMIT = 100;
/** The most events one answer carries; the total is always counted in full. */
export const MAX_EVIDENCE_LIMIT = 1_000;

export const deviceEvidenceQuerySchema = z.object({
  lookback: lookbackSchema.optional(),
  exclude: excludeSchema.optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_EVIDENCE_LIMIT}`)
    .max(MAX_EVIDENCE_LIMIT, `must be between 1 and ${MAX_EVIDENCE_LIMIT}`)
    .optional(),
});

/**
 * One value of an event: strings as they are (absent: ''), datetimes as ISO 8601 UTC, longs and ints as numbers
 * (beyond 2^53 as strings, e.g. ReportIds), bools as booleans, dynamic values as JSON text; null when absent.
 */
export const evidenceCellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One event: the hunt's main table's evidence columns by name (see `columns`). */
export const evidenceEventSchema = z.record(z.string(), evidenceCellSchema);

export const evidenceColumnSchema = z.object({
  name: z.string(),
  type: z.enum(['string', 'long', 'int', 'bool', 'datetime', 'dynamic']),
});

export const deviceEvidenceSchema = z.object({
  huntId: z.string(),
  deviceId: z.string(),
  window: z.object({ start: z.string(), end: z.string(), lookback: z.string() }),
  /** The hunt's main table (lib/tables/) and its evidence columns, in the order the panel shows them. */
  table: z.string(),
  columns: z.array(evidenceColumnSchema),
  /** Ids of the exclusions applied: the hunt's rules in its order, then custom exclusions. */
  exclusions: z.array(z.string()),
  /** The newest events first, at most `limit`. */
  events: z.array(evidenceEventSchema),
  /** How many events are in `events`, and how many the device has in the window after exclusions. */
  shown: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  /** The exact KQL that ran: the events and their count. */
  kql: z.object({ events: z.string(), count: z.string() }),
  truncated: z.boolean(),
});

export type EvidenceEvent = z.infer<typeof evidenceEventSchema>;
export type EvidenceCell = z.infer<typeof evidenceCellSchema>;
export type EvidenceColumn = z.infer<typeof evidenceColumnSchema>;
export type DeviceEvidence = z.infer<typeof deviceEvidenceSchema>;
export type DeviceEvidenceQuery = z.infer<typeof deviceEvidenceQuerySchema>;
