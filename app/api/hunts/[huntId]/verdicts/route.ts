import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { bearerToken } from '@/lib/auth/bearer-token';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { actorOf } from '@/lib/triage/actor';
import { bulkVerdictBodySchema, listVerdicts, setVerdictsInBulk } from '@/lib/triage/verdict-service';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: z.object({}) },
  async ({ params }) => listVerdicts(await configuredTriageDeps(), params.huntId ?? ''),
);

export const POST = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: bulkVerdictBodySchema },
  async ({ request, principal, body, params }) =>
    setVerdictsInBulk(
      await configuredTriageDeps(),
      params.huntId ?? '',
      body,
      actorOf(principal),
      // On-behalf-of sources exchange the caller's own token; defineRoute has already verified it.
      { signal: request.signal, caller: { id: principal.id, accessToken: bearerToken(request) } },
    ),
);
