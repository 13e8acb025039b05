import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { actorOf } from '@/lib/triage/actor';
import {
  revokeApprovalBodySchema,
  revokeToolApproval,
  updateApprovalBodySchema,
  updateToolApproval,
} from '@/lib/triage/approval-service';

export const PATCH = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: updateApprovalBodySchema },
  async ({ principal, body, params }) =>
    updateToolApproval(await configuredTriageDeps(), params.id, body, actorOf(principal)),
);

export const DELETE = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: revokeApprovalBodySchema, status: 204 },
  async ({ principal, body, params }) =>
    revokeToolApproval(await configuredTriageDeps(), params.id, body, actorOf(principal)),
);
