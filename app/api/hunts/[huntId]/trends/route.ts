import { defineRoute } from '@/lib/api/route-handler';
import { bearerToken } from '@/lib/auth/bearer-token';
import { trendQuerySchema } from '@/lib/trends/trend-request';
import { trendsById } from '@/lib/trends/trend-service';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: trendQuerySchema },
  async ({ request, principal, query, params }) =>
    trendsById(params.huntId ?? '', {
      rangeDays: query.range,
      exclude: query.exclude,
      signal: request.signal,
      // On-behalf-of sources exchange the caller's own token; defineRoute has already verified it.
      caller: { id: principal.id, accessToken: bearerToken(request) },
    }),
);
