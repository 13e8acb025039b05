import { defineRoute } from '@/lib/api/route-handler';
import { configuredTriageDeps } from '@/lib/hunts/configured-triage-deps';
import { auditEntries, auditQuerySchema } from '@/lib/triage/audit-service';

export const GET = defineRoute(
  { allow: ['Triager', 'Manager'], query: auditQuerySchema },
  async ({ query }) => auditEntries(await configuredTriageDeps(), query),
);
