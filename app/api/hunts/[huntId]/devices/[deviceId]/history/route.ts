import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { verdictHistory } from '@/lib/triage/verdict-service';

export const GET = defineRoute(
  { allow: ['Analyst', 'Triager', 'Manager'], query: z.object({}) },
  async ({ params }) => verdictHistory(await configuredTriageDeps(), params.huntId ?? '', params.deviceId),
);
