// The browser's calls for verdicts: a hunt's verdicts, setting one device's or many at once (each write names
// the version it was based on), and a device's history. Every answer is validated before the page uses it.
import { z } from 'zod';
import { type AuditEntry, type Verdict, type VerdictInput, verdictStatuses } from '@/lib/triage/types';
import { apiGet, apiSend } from './api-client';

const actorSchema = z.object({ id: z.string(), name: z.string() });

export const verdictSchema = z.object({
  huntId: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  status: z.enum(verdictStatuses),
  reason: z.string().nullable(),
  scenario: z.string().nullable(),
  reviewAfter: z.string().nullable(),
  reference: z.string().nullable(),
  version: z.number().int().positive(),
  setBy: actorSchema,
  setAt: z.string(),
}) satisfies z.ZodType<Verdict>;

export const auditEntrySchema = z
  .object({
    id: z.union([z.number(), z.string()]).transform(Number),
    at: z.string(),
    actor: actorSchema,
    huntId: z.string(),
    entity: z.enum(['verdict', 'exclusion', 'approval']),
    entityId: z.string(),
    action: z.enum(['set', 'create', 'update', 'enable', 'disable', 'remove']),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
  })
  .transform((entry): AuditEntry => ({ ...entry, before: entry.before ?? null, after: entry.after ?? null }));

const verdictsSchema = z.object({ verdicts: z.array(verdictSchema) });
const historySchema = z.object({ entries: z.array(auditEntrySchema) });

const huntPath = (huntId: string) => `/api/hunts/${encodeURIComponent(huntId)}`;
const devicePath = (huntId: string, deviceId: string) =>
  `${huntPath(huntId)}/devices/${encodeURIComponent(deviceId)}`;

export async function fetchVerdicts(huntId: string, signal?: AbortSignal): Promise<Verdict[]> {
  return (await apiGet(`${huntPath(huntId)}/verdicts`, verdictsSchema, { signal })).verdicts;
}

/** One device's target: which device, and the verdict version the triager saw (0: none). */
export interface VerdictTarget {
  deviceId: string;
  deviceName: string;
  expectedVersion: number;
}

export function putVerdict(huntId: string, target: VerdictTarget, input: VerdictInput): Promise<Verdict> {
  return apiSend('PUT', `${devicePath(huntId, target.deviceId)}/verdict`, verdictSchema, {
    body: { expectedVersion: target.expectedVersion, deviceName: target.deviceName, ...input },
  });
}

/** All or nothing: one stale version and none is written (409). */
export async function postVerdicts(
  huntId: string,
  devices: readonly VerdictTarget[],
  verdict: VerdictInput,
): Promise<Verdict[]> {
  return (
    await apiSend('POST', `${huntPath(huntId)}/verdicts`, verdictsSchema, { body: { devices, verdict } })
  ).verdicts;
}

/** Every change of the device's verdict, oldest first. */
export async function fetchVerdictHistory(
  huntId: string,
  deviceId: string,
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  return (await apiGet(`${devicePath(huntId, deviceId)}/history`, historySchema, { signal })).entries;
}
