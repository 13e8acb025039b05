// The approval form's draft as the person types it, turned into the API's input (validated with the same
// schema the route uses), and which of the tool's devices it would stop flagging.
import {
  type ApprovalScope,
  approvalMatcher,
  type ToolApproval,
  type ToolApprovalInput,
  toolApprovalInputSchema,
} from '@/lib/triage/approvals';

export interface ApprovalDraft {
  scope: ApprovalScope;
  pattern: string;
  /** One device name per line (commas also separate). */
  devices: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD (UTC); empty: no expiry. */
  expires: string;
}

export const EMPTY_DRAFT: ApprovalDraft = {
  scope: 'all',
  pattern: '',
  devices: '',
  reason: '',
  owner: '',
  expires: '',
};

export function draftInput(tool: string, draft: ApprovalDraft) {
  const base = {
    tool,
    reason: draft.reason,
    owner: draft.owner,
    // The approval ends at the start of the chosen UTC day.
    ...(draft.expires ? { expiresAt: `${draft.expires}T00:00:00Z` } : {}),
  };
  const scoped =
    draft.scope === 'pattern'
      ? { ...base, scope: 'pattern', pattern: draft.pattern }
      : draft.scope === 'devices'
        ? {
            ...base,
            scope: 'devices',
            devices: draft.devices
              .split(/[\n,]/)
              .map((d) => d.trim())
              .filter(Boolean),
          }
        : { ...base, scope: 'all' };
  return toolApprovalInputSchema.safeParse(scoped);
}

/** The device names the draft's scope would approve, judged as the sweep will judge them at `now`. */
export function devicesApprovedBy(
  input: ToolApprovalInput,
  devices: readonly { DeviceId: string; DeviceName: string }[],
  now: Date,
): string[] {
  const draft = { ...input, id: 'draft', version: 1 } as ToolApproval;
  const approves = approvalMatcher([draft], now);
  return devices.filter((d) => approves(input.tool, d)).map((d) => d.DeviceName);
}
