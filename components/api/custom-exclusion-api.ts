// The browser's calls for triagers' custom exclusions: list (with whether each has expired), create, switch
// on or off, and remove with a reason. Every answer is validated before the page uses it.
import { z } from 'zod';
import { type CustomExclusionInput, exclusionOperators } from '@/lib/triage/types';
import { apiGet, apiSend } from './api-client';

const actorSchema = z.object({ id: z.string(), name: z.string() });

export const customExclusionViewSchema = z.object({
  id: z.string(),
  huntId: z.string(),
  field: z.string(),
  operator: z.enum(exclusionOperators),
  values: z.array(z.string()),
  deviceId: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  deviceName: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  reason: z.string(),
  expiresAt: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  enabled: z.boolean(),
  version: z.number().int(),
  createdBy: actorSchema,
  createdAt: z.string(),
  updatedBy: actorSchema,
  updatedAt: z.string(),
  expired: z.boolean(),
});
export type CustomExclusionView = z.infer<typeof customExclusionViewSchema>;

const base = (huntId: string) => `/api/hunts/${encodeURIComponent(huntId)}/exclusions/custom`;

export async function fetchCustomExclusions(
  huntId: string,
  signal?: AbortSignal,
): Promise<CustomExclusionView[]> {
  const body = await apiGet(base(huntId), z.object({ exclusions: z.array(customExclusionViewSchema) }), {
    signal,
  });
  return body.exclusions;
}

export function createCustomExclusion(huntId: string, input: CustomExclusionInput): Promise<unknown> {
  return apiSend('POST', base(huntId), z.unknown(), { body: input });
}

export function setCustomExclusionEnabled(
  huntId: string,
  exclusion: Pick<CustomExclusionView, 'id' | 'version'>,
  enabled: boolean,
  reason: string,
): Promise<unknown> {
  return apiSend('PATCH', `${base(huntId)}/${encodeURIComponent(exclusion.id)}`, z.unknown(), {
    body: { enabled, expectedVersion: exclusion.version, reason },
  });
}

export function removeCustomExclusion(huntId: string, id: string, reason: string): Promise<unknown> {
  return apiSend('DELETE', `${base(huntId)}/${encodeURIComponent(id)}`, z.unknown(), { body: { reason } });
}
