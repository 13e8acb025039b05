import { defineRoute } from '@/lib/api/route-handler';
import { runHuntById } from '@/lib/hunts/hunt-service';
import { runHuntQuerySchema } from '@/lib/hunts/run-request';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: runHuntQuerySchema },
  async ({ request, query, params }) =>
    runHuntById(params.huntId ?? '', {
      lookbackMs: query.lookback,
      exclude: query.exclude,
      signal: request.signal,
    }),
);
