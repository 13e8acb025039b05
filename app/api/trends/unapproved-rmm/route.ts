import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { bearerToken } from '@/lib/auth/bearer-token';
import { DEFAULT_RANGE_DAYS, rangeSchema } from '@/lib/trends/trend-request';
import { unapprovedRmmTrend } from '@/lib/trends/unapproved-rmm-service';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: z.object({ range: rangeSchema.optional() }) },
  async ({ request, principal, query }) =>
    unapprovedRmmTrend({
      rangeDays: query.range ?? DEFAULT_RANGE_DAYS,
      signal: request.signal,
      caller: { id: principal.id, accessToken: bearerToken(request) },
    }),
);
