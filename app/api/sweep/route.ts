import { defineRoute } from '@/lib/api/route-handler';
import { bearerToken } from '@/lib/auth/bearer-token';
import { sweepFleet, sweepQuerySchema } from '@/lib/hunts/sweep-service';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: sweepQuerySchema },
  async ({ request, principal, query }) =>
    sweepFleet({
      lookbackMs: query.lookback,
      tools: query.tool,
      signal: request.signal,
      caller: { id: principal.id, accessToken: bearerToken(request) },
    }),
);
