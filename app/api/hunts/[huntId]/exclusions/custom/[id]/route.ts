import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { actorOf } from '@/lib/triage/actor';
import {
  removeCustomExclusion,
  removeExclusionBodySchema,
  setCustomExclusionEnabled,
  setExclusionEnabledBodySchema,
} from '@/lib/triage/exclusion-service';

export const PATCH = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: setExclusionEnabledBodySchema },
  async ({ principal, body, params }) =>
    setCustomExclusionEnabled(
      await configuredTriageDeps(),
      params.huntId ?? '',
      params.id,
      body,
      actorOf(principal),
    ),
);

export const DELETE = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: removeExclusionBodySchema, status: 204 },
  async ({ principal, body, params }) =>
    removeCustomExclusion(
      await configuredTriageDeps(),
      params.huntId ?? '',
      params.id,
      body,
      actorOf(principal),
    ),
);
