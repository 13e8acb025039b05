import { defineRoute } from '@/lib/api/route-handler';
import { bearerToken } from '@/lib/auth/bearer-token';
import { runHuntById } from '@/lib/hunts/hunt-service';
import { runHuntQuerySchema } from '@/lib/hunts/run-request';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: runHuntQuerySchema },
  async ({ request, principal, query, params }) =>
    runHuntById(params.huntId ?? '', {
      lookbackMs: query.lookback,
      exclude: query.exclude,
      signal: request.signal,
      // On-behalf-of sources exchange the caller's own token; defineRoute has already verified it.
      caller: { id: principal.id, accessToken: bearerToken(request) },
    }),
);
