import { z } from 'zod';
import { defineRoute } from '@/lib/api/route-handler';
import { listHunts } from '@/lib/hunts/hunt-service';

export const GET = defineRoute({ allow: ['Analyst', 'Triager', 'Manager'], query: z.object({}) }, async () =>
  listHunts(),
);
