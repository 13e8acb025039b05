// Tool approvals as the API offers them: the request schemas, the checks that need the clock (a new approval's
// expiry in the past), whether each listed approval has expired, and the matchers over the approvals in force now.
import 'server-only';
import { z } from 'zod';
import { safeText } from '@/lib/safe-text';
import {
  approvalMatcher,
  approvingMatcher,
  isApprovalExpired,
  type ToolApproval,
  type ToolApprovalInput,
  toolApprovalInputSchema,
} from './approvals';
import { TriageInputError } from './errors';
import type { TriageDeps } from './triage-deps';
import { type Actor, ApprovalNotFoundError, MAX_REASON_LENGTH, MAX_VERSION } from './types';

const expectedVersion = z
  .number({ error: 'is required: send the version you loaded' })
  .int('must be a whole number')
  .min(1, 'must be 1 or more')
  .max(MAX_VERSION, `must be at most ${MAX_VERSION}: send the version you loaded`);

/** POST /api/approvals */
export const createApprovalBodySchema = toolApprovalInputSchema;

/** PATCH /api/approvals/{id}: the whole approval as it should be, and the version it was based on. */
export const updateApprovalBodySchema = z.intersection(
  toolApprovalInputSchema,
  z.object({ expectedVersion }),
);
export type UpdateApprovalBody = z.infer<typeof updateApprovalBodySchema>;

/** DELETE /api/approvals/{id} */
export const revokeApprovalBodySchema = z.object({
  expectedVersion,
  reason: safeText('is required: say why the approval ends')
    .trim()
    .min(1, 'is required: say why the approval ends')
    .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`),
});
export type RevokeApprovalBody = z.infer<typeof revokeApprovalBodySchema>;

/** An approval as the list shows it: `expired` once its expiry has passed (it approves nothing then). */
export type ListedApproval = ToolApproval & { expired: boolean };

type ApprovalDeps = Pick<TriageDeps, 'store' | 'clock'>;

const approvalIdSchema = z.uuid();

function parseApprovalId(id: string | undefined): string {
  const parsed = approvalIdSchema.safeParse(id ?? '');
  if (!parsed.success) throw new ApprovalNotFoundError(`There is no tool approval '${id ?? ''}'.`);
  return parsed.data.toLowerCase();
}

function checkExpiry(input: ToolApprovalInput, now: Date): void {
  if (isApprovalExpired(input, now))
    throw new TriageInputError(
      'expiresAt',
      `must be in the future (it is now ${now.toISOString()}); leave it out for an approval that does not expire`,
    );
}

export async function listApprovals(deps: ApprovalDeps): Promise<{ approvals: ListedApproval[] }> {
  const now = deps.clock.now();
  const approvals = await deps.store.toolApprovals();
  return { approvals: approvals.map((a) => ({ ...a, expired: isApprovalExpired(a, now) })) };
}

/** Whether a tool's use on a device is approved now, by the stored approvals. */
export async function currentApprovalMatcher(deps: ApprovalDeps) {
  return approvalMatcher(await deps.store.toolApprovals(), deps.clock.now());
}

/** Which stored approvals cover a tool's use on a device now (their ids; empty: not approved). */
export async function currentApprovingMatcher(deps: ApprovalDeps) {
  return approvingMatcher(await deps.store.toolApprovals(), deps.clock.now());
}

export async function createToolApproval(
  deps: ApprovalDeps,
  input: ToolApprovalInput,
  actor: Actor,
): Promise<ToolApproval> {
  checkExpiry(input, deps.clock.now());
  return deps.store.createToolApproval(input, actor);
}

export async function updateToolApproval(
  deps: ApprovalDeps,
  rawId: string | undefined,
  body: UpdateApprovalBody,
  actor: Actor,
): Promise<ToolApproval> {
  const id = parseApprovalId(rawId);
  // An expiry in the past is how an approval is ended while staying on record (listed as expired); revoking
  // deletes it. So a change may set one, unlike a new approval.
  const { expectedVersion: version, ...input } = body;
  return deps.store.updateToolApproval(id, input, version, actor);
}

export async function revokeToolApproval(
  deps: ApprovalDeps,
  rawId: string | undefined,
  body: RevokeApprovalBody,
  actor: Actor,
): Promise<void> {
  await deps.store.revokeToolApproval(parseApprovalId(rawId), body.expectedVersion, body.reason, actor);
}
