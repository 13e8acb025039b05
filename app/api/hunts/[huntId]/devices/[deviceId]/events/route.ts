import { defineRoute } from '@/lib/api/route-handler';
import { bearerToken } from '@/lib/auth/bearer-token';
import { deviceEvidenceQuerySchema } from '@/lib/hunts/device-evidence-result';
import { deviceEvidenceById } from '@/lib/hunts/hunt-service';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: deviceEvidenceQuerySchema },
  async ({ request, principal, query, params }) =>
    deviceEvidenceById(params.huntId ?? '', params.deviceId ?? '', {
      lookbackMs: query.lookback,
      exclude: query.exclude,
      limit: query.limit,
      signal: request.signal,
      // On-behalf-of sources exchange the caller's own token; defineRoute has already verified it.
      caller: { id: principal.id, accessToken: bearerToken(request) },
    }),
);
