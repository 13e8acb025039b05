// Typed calls for the fleet sweep and the approved tools.
import { z } from 'zod';
import type { FleetOverview } from '@/lib/hunts/fleet-overview';
import type { ListedApproval } from '@/lib/triage/approval-service';
import type { ToolApproval, ToolApprovalInput } from '@/lib/triage/approvals';
import { verdictStatuses } from '@/lib/triage/types';
import { apiGet, apiSend } from './api-client';

const count = z.number().int().nonnegative();
const verdictStatus = z.enum(verdictStatuses);

const deviceSchema = z.object({
  DeviceId: z.string(),
  DeviceName: z.string(),
  FirstSeen: z.string(),
  LastSeen: z.string(),
  Count: count,
  tables: z.array(z.string()),
  hunts: z.array(z.string()),
  matches: z.array(
    z.object({
      hunt: z.string(),
      table: z.string(),
      FirstSeen: z.string(),
      LastSeen: z.string(),
      Count: count,
      status: verdictStatus,
    }),
  ),
  status: verdictStatus,
  approved: z.boolean(),
  approvedBy: z.array(z.string()),
  reviewed: z.boolean(),
  isNew: z.boolean().nullable(),
});

const fleetOverviewSchema: z.ZodType<FleetOverview> = z.object({
  window: z.object({ start: z.string(), end: z.string(), lookback: z.string() }),
  sourceCalls: count,
  tookMs: z.number().nonnegative(),
  truncated: z.boolean(),
  tools: z.array(
    z.object({
      tool: z.string(),
      approved: z.boolean(),
      approval: z.enum(['approved', 'partly', 'unapproved']),
      approvedDevices: count,
      reviewedDevices: count,
      newDevices: count.nullable(),
      isNew: z.boolean().nullable(),
      firstSeen: z.string(),
      lastSeen: z.string(),
      hunts: z.array(z.object({ id: z.string(), name: z.string() })),
      days: z.array(z.object({ Day: z.string(), Devices: count, Count: count })),
      devices: z.array(deviceSchema),
    }),
  ),
});

/** The sweep of every tool, or of `tool` alone (one source call per table either way). */
export function fetchFleetOverview(options: {
  lookback: string;
  tool?: string;
  signal?: AbortSignal;
}): Promise<FleetOverview> {
  const params = new URLSearchParams({ lookback: options.lookback });
  if (options.tool !== undefined) params.set('tool', options.tool);
  return apiGet(`/api/sweep?${params}`, fleetOverviewSchema, { signal: options.signal });
}

const actorSchema = z.object({ id: z.string(), name: z.string() });
const approvalSchema = z
  .object({
    id: z.string(),
    tool: z.string(),
    scope: z.enum(['all', 'pattern', 'devices']),
    pattern: z.string().optional(),
    devices: z.array(z.string()).optional(),
    reason: z.string(),
    owner: z.string(),
    expiresAt: z.string().optional(),
    version: z.number().int(),
    createdBy: actorSchema,
    createdAt: z.string(),
    updatedBy: actorSchema,
    updatedAt: z.string(),
  })
  .transform((a) => a as ToolApproval);
const listedSchema = z.object({
  approvals: z.array(
    z.intersection(approvalSchema, z.object({ expired: z.boolean() })).transform((a) => a as ListedApproval),
  ),
});

export async function fetchApprovals(signal?: AbortSignal): Promise<ListedApproval[]> {
  return (await apiGet('/api/approvals', listedSchema, { signal })).approvals;
}

export function createApproval(input: ToolApprovalInput): Promise<ToolApproval> {
  return apiSend('POST', '/api/approvals', approvalSchema, { body: input });
}

export function updateApproval(
  approval: Pick<ToolApproval, 'id' | 'version'>,
  input: ToolApprovalInput,
): Promise<ToolApproval> {
  return apiSend('PATCH', `/api/approvals/${encodeURIComponent(approval.id)}`, approvalSchema, {
    body: { ...input, expectedVersion: approval.version },
  });
}

export async function revokeApproval(
  approval: Pick<ToolApproval, 'id' | 'version'>,
  reason: string,
): Promise<void> {
  await apiSend('DELETE', `/api/approvals/${encodeURIComponent(approval.id)}`, z.undefined(), {
    body: { expectedVersion: approval.version, reason },
  });
}
