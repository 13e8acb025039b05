import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { bearerToken } from '@/lib/auth/bearer-token';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { actorOf } from '@/lib/triage/actor';
import { setDeviceVerdict, setVerdictBodySchema } from '@/lib/triage/verdict-service';

export const PUT = defineRoute(
  { allow: ['Triager'], query: z.object({}), body: setVerdictBodySchema },
  async ({ request, principal, body, params }) =>
    setDeviceVerdict(
      await configuredTriageDeps(),
      params.huntId ?? '',
      params.deviceId,
      body,
      actorOf(principal),
      // On-behalf-of sources exchange the caller's own token; defineRoute has already verified it.
      { signal: request.signal, caller: { id: principal.id, accessToken: bearerToken(request) } },
    ),
);
