// Custom exclusions as the API offers them: the request schemas, the checks that need the clock or the
// catalog (an expiry in the past, an unknown hunt), and whether each listed exclusion has expired.
import 'server-only';
import { z } from 'zod';
import { safeText } from '@/lib/safe-text';
import { mainTable } from '@/lib/tables/registry';
import { TriageInputError } from './errors';
import type { TriageDeps } from './triage-deps';
import {
  type Actor,
  type CustomExclusion,
  type CustomExclusionInput,
  customExclusionInputSchema,
  ExclusionNotFoundError,
  exclusionFieldProblem,
  isExclusionField,
  MAX_REASON_LENGTH,
  MAX_VERSION,
} from './types';

const reasonSchema = (fix: string) =>
  safeText(`is required: ${fix}`)
    .trim()
    .min(1, `is required: ${fix}`)
    .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`);

/** POST …/exclusions/custom; the field is checked against the hunt's main table by createCustomExclusion. */
export const createExclusionBodySchema = customExclusionInputSchema;

/** PATCH …/exclusions/custom/{id} */
export const setExclusionEnabledBodySchema = z.object({
  enabled: z.boolean({ error: 'is required: true to switch the exclusion on, false to switch it off' }),
  expectedVersion: z
    .number({ error: 'is required: send the version you loaded' })
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(MAX_VERSION, `must be at most ${MAX_VERSION}: send the version you loaded`),
  /** Switching changes everyone's results, so it is said why, like a creation or a removal. */
  reason: reasonSchema('say why you switch it, for everyone whose results change'),
});
export type SetExclusionEnabledBody = z.infer<typeof setExclusionEnabledBodySchema>;

/** DELETE …/exclusions/custom/{id} */
export const removeExclusionBodySchema = z.object({
  reason: reasonSchema('say why the exclusion is no longer needed'),
});
export type RemoveExclusionBody = z.infer<typeof removeExclusionBodySchema>;

/** An exclusion as the list shows it: `expired` once its expiry has passed (it no longer applies). */
export type ListedExclusion = CustomExclusion & { expired: boolean };

export function isExpired(exclusion: Pick<CustomExclusion, 'expiresAt'>, now: Date): boolean {
  return exclusion.expiresAt !== undefined && Date.parse(exclusion.expiresAt) <= now.getTime();
}

// Ids are UUIDs; anything else cannot name an exclusion (and must not reach a uuid column).
const exclusionIdSchema = z.uuid();

function parseExclusionId(huntId: string, id: string | undefined): string {
  const parsed = exclusionIdSchema.safeParse(id ?? '');
  if (!parsed.success)
    throw new ExclusionNotFoundError(`Hunt '${huntId}' has no custom exclusion '${id ?? ''}'.`);
  return parsed.data.toLowerCase();
}

export async function listCustomExclusions(
  deps: TriageDeps,
  huntId: string,
): Promise<{ exclusions: ListedExclusion[] }> {
  await deps.requireHunt(huntId);
  const now = deps.clock.now();
  const exclusions = await deps.store.customExclusions(huntId);
  return { exclusions: exclusions.map((e) => ({ ...e, expired: isExpired(e, now) })) };
}

export async function createCustomExclusion(
  deps: TriageDeps,
  huntId: string,
  input: CustomExclusionInput,
  actor: Actor,
): Promise<CustomExclusion> {
  const table = mainTable((await deps.requireHunt(huntId)).tables);
  if (!isExclusionField(input.field, table))
    throw new TriageInputError('field', exclusionFieldProblem(table));
  const now = deps.clock.now();
  if (isExpired(input, now))
    throw new TriageInputError(
      'expiresAt',
      `must be in the future (it is now ${now.toISOString()}); leave it out for an exclusion that does not expire`,
    );
  return deps.store.createCustomExclusion(huntId, input, actor);
}

export async function setCustomExclusionEnabled(
  deps: TriageDeps,
  huntId: string,
  rawId: string | undefined,
  body: SetExclusionEnabledBody,
  actor: Actor,
): Promise<CustomExclusion> {
  await deps.requireHunt(huntId);
  const id = parseExclusionId(huntId, rawId);
  return deps.store.setCustomExclusionEnabled(
    huntId,
    id,
    body.enabled,
    body.expectedVersion,
    actor,
    body.reason,
  );
}

export async function removeCustomExclusion(
  deps: TriageDeps,
  huntId: string,
  rawId: string | undefined,
  body: RemoveExclusionBody,
  actor: Actor,
): Promise<void> {
  await deps.requireHunt(huntId);
  const id = parseExclusionId(huntId, rawId);
  await deps.store.removeCustomExclusion(huntId, id, body.reason, actor);
}
