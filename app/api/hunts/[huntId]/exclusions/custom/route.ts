import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { actorOf } from '@/lib/triage/actor';
import {
  createCustomExclusion,
  createExclusionBodySchema,
  listCustomExclusions,
} from '@/lib/triage/exclusion-service';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: z.object({}) },
  async ({ params }) => listCustomExclusions(await configuredTriageDeps(), params.huntId ?? ''),
);

export const POST = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: createExclusionBodySchema, status: 201 },
  async ({ principal, body, params }) =>
    createCustomExclusion(await configuredTriageDeps(), params.huntId ?? '', body, actorOf(principal)),
);
