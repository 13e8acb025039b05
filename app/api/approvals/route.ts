import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { actorOf } from '@/lib/triage/actor';
import { createApprovalBodySchema, createToolApproval, listApprovals } from '@/lib/triage/approval-service';

export const GET = defineRoute({ allow: ['Analyst', 'Triager', 'Manager'], query: z.object({}) }, async () =>
  listApprovals(await configuredTriageDeps()),
);

export const POST = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: createApprovalBodySchema, status: 201 },
  async ({ principal, body }) => createToolApproval(await configuredTriageDeps(), body, actorOf(principal)),
);
