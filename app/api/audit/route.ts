import { defineRoute } from '@/lib/api/route-handler';
import { auditEntries, auditQuerySchema } from '@/lib/triage/audit-service';
import { configuredTriageDeps } from '@/lib/triage/triage-deps';

export const GET = defineRoute(
  { allow: ['Triager', 'Manager'], query: auditQuerySchema },
  async ({ query }) => auditEntries(await configuredTriageDeps(), query),
);
