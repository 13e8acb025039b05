// Verdicts as the API offers them: the request schemas, and the checks that need the clock, the catalog or
// the telemetry source (a review date in the past, an unknown hunt, a device the hunt never flagged) before
// anything reaches the store. Every check passes before the first write; the store does the rest atomically.
import 'server-only';
import { z } from 'zod';
import { safeText } from '@/lib/safe-text';
import type { Caller } from '@/lib/sources/types';
import { TriageInputError } from './errors';
import type { TriageDeps } from './triage-deps';
import {
  type Actor,
  type AuditEntry,
  MAX_BULK,
  MAX_VERSION,
  type SetVerdict,
  type Verdict,
  type VerdictInput,
  verdictInputSchema,
} from './types';

/** How far back a device must have been flagged for a verdict on it to be accepted. */
export const FLAGGED_WITHIN = '180 days';

export const deviceIdSchema = safeText()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters; send the DeviceId as the hunt reports it');
const deviceNameSchema = safeText('is required: send the device name the hunt reports')
  .trim()
  .min(1, 'is required: send the device name the hunt reports')
  .max(255, 'must be at most 255 characters');
const expectedVersionSchema = z
  .number({ error: 'is required: send the version you loaded, 0 when the device had no verdict' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(MAX_VERSION, `must be at most ${MAX_VERSION}: send the version you loaded`);

/** PUT …/devices/{deviceId}/verdict */
export const setVerdictBodySchema = z.intersection(
  z.object({ expectedVersion: expectedVersionSchema, deviceName: deviceNameSchema }),
  verdictInputSchema,
);
export type SetVerdictBody = z.infer<typeof setVerdictBodySchema>;

/** POST …/verdicts: one verdict for many devices, all or nothing. */
export const bulkVerdictBodySchema = z.object({
  devices: z
    .array(
      z.object({
        deviceId: deviceIdSchema,
        deviceName: deviceNameSchema,
        expectedVersion: expectedVersionSchema,
      }),
      { error: 'must be a list of { deviceId, deviceName, expectedVersion }' },
    )
    .min(1, 'must list at least one device')
    .max(MAX_BULK, `must list at most ${MAX_BULK} devices; split the change into several requests`)
    .superRefine((devices, ctx) => {
      const seen = new Set<string>();
      devices.forEach((d, i) => {
        if (seen.has(d.deviceId))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'deviceId'],
            message: `lists '${d.deviceId}' twice; list each device once`,
          });
        seen.add(d.deviceId);
      });
    }),
  verdict: verdictInputSchema,
});
export type BulkVerdictBody = z.infer<typeof bulkVerdictBodySchema>;

/** How the device check reaches the telemetry source: the request's signal, and the caller for on-behalf-of sources. */
export interface SourceCall {
  signal?: AbortSignal;
  caller?: Caller;
}

/** A verdict as the list shows it: `reviewDue` when a Benign verdict's review date has passed. */
export type ListedVerdict = Verdict & { reviewDue: boolean };

function checkReviewAfter(input: VerdictInput, now: Date, field: string): void {
  if (input.status !== 'benign' || !input.reviewAfter) return;
  if (Date.parse(input.reviewAfter) <= now.getTime())
    throw new TriageInputError(
      field,
      `must be in the future (it is now ${now.toISOString()}); leave it out for no review date`,
    );
}

function parseDeviceId(deviceId: string | undefined): string {
  const parsed = deviceIdSchema.safeParse(deviceId ?? '');
  if (!parsed.success)
    throw new TriageInputError('deviceId', parsed.error.issues[0]?.message ?? 'is invalid');
  return parsed.data;
}

/** Refuses the whole request when any device is one the hunt never flagged. */
async function checkFlagged(
  deps: TriageDeps,
  huntId: string,
  deviceIds: readonly string[],
  fieldOf: (index: number) => string,
  { signal, caller }: SourceCall,
): Promise<void> {
  const flagged = await deps.flaggedDevices(huntId, deviceIds, signal, caller);
  const unknown = deviceIds.filter((id) => !flagged.has(id));
  const [first] = unknown;
  if (first === undefined) return;
  const which =
    unknown.length === 1
      ? `'${first}' is not a device`
      : `'${first}' and ${unknown.length - 1} more are not devices`;
  throw new TriageInputError(
    fieldOf(deviceIds.indexOf(first)),
    `${which} this hunt flagged in the last ${FLAGGED_WITHIN}; check the device id${unknown.length === 1 ? '' : 's'}`,
    'Unknown device',
    { unknownDevices: unknown },
  );
}

export async function listVerdicts(deps: TriageDeps, huntId: string): Promise<{ verdicts: ListedVerdict[] }> {
  await deps.requireHunt(huntId);
  const now = deps.clock.now().getTime();
  const verdicts = await deps.store.verdicts(huntId);
  return {
    verdicts: verdicts.map((v) => ({
      ...v,
      reviewDue: v.status === 'benign' && v.reviewAfter !== null && Date.parse(v.reviewAfter) <= now,
    })),
  };
}

export async function setDeviceVerdict(
  deps: TriageDeps,
  huntId: string,
  rawDeviceId: string | undefined,
  body: SetVerdictBody,
  actor: Actor,
  call: SourceCall = {},
): Promise<Verdict> {
  const deviceId = parseDeviceId(rawDeviceId);
  const { expectedVersion, deviceName, ...input } = body;
  await deps.requireHunt(huntId);
  checkReviewAfter(input, deps.clock.now(), 'reviewAfter');
  await checkFlagged(deps, huntId, [deviceId], () => 'deviceId', call);
  return deps.store.setVerdict({ huntId, deviceId, deviceName, expectedVersion, input }, actor);
}

export async function setVerdictsInBulk(
  deps: TriageDeps,
  huntId: string,
  body: BulkVerdictBody,
  actor: Actor,
  call: SourceCall = {},
): Promise<{ verdicts: Verdict[] }> {
  await deps.requireHunt(huntId);
  checkReviewAfter(body.verdict, deps.clock.now(), 'verdict.reviewAfter');
  const ids = body.devices.map((d) => d.deviceId);
  await checkFlagged(deps, huntId, ids, (i) => `devices.${i}.deviceId`, call);
  const changes: SetVerdict[] = body.devices.map((d) => ({
    huntId,
    deviceId: d.deviceId,
    deviceName: d.deviceName,
    expectedVersion: d.expectedVersion,
    input: body.verdict,
  }));
  return { verdicts: await deps.store.setVerdicts(changes, actor) };
}

/** Every change to one device's verdict in a hunt, oldest first. */
export async function verdictHistory(
  deps: TriageDeps,
  huntId: string,
  rawDeviceId: string | undefined,
): Promise<{ entries: AuditEntry[] }> {
  const deviceId = parseDeviceId(rawDeviceId);
  await deps.requireHunt(huntId);
  return { entries: await deps.store.audit({ huntId, entity: 'verdict', entityId: deviceId }) };
}
