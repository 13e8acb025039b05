// The approval form's draft as the person types it, turned into the API's input (validated with the same
// schema the route uses), the draft of an approval on record (to change it), which of the tool's devices it
// would stop flagging, and what a change does to the devices the approval covers.
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
  /** The recorded expiry of the approval being changed: kept to the millisecond while `expires` names its day. */
  recordedExpiresAt?: string;
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
    // The approval ends at the start of the chosen UTC day, or when it was recorded to end on that day.
    ...(draft.expires
      ? {
          expiresAt:
            draft.recordedExpiresAt?.slice(0, 10) === draft.expires
              ? draft.recordedExpiresAt
              : `${draft.expires}T00:00:00Z`,
        }
      : {}),
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

/** The form filled in with an approval on record, to change it. */
export function draftOf(approval: ToolApproval): ApprovalDraft {
  return {
    scope: approval.scope,
    pattern: approval.scope === 'pattern' ? approval.pattern : '',
    devices: approval.scope === 'devices' ? approval.devices.join('\n') : '',
    reason: approval.reason,
    owner: approval.owner,
    expires: approval.expiresAt?.slice(0, 10) ?? '',
    ...(approval.expiresAt ? { recordedExpiresAt: approval.expiresAt } : {}),
  };
}

/**
 * What changing an approval does to the devices seen in the window, judged at `now`: the ones it starts to
 * cover (no longer flagged by this approval's doing) and the ones it stops covering (flagged again unless
 * another approval covers them).
 */
export function approvalChangeEffect(
  before: ToolApproval,
  after: ToolApprovalInput,
  devices: readonly { DeviceId: string; DeviceName: string }[],
  now: Date,
): { covers: string[]; uncovers: string[] } {
  const was = new Set(devicesApprovedBy(before, devices, now));
  const will = new Set(devicesApprovedBy(after, devices, now));
  return {
    covers: [...will].filter((d) => !was.has(d)),
    uncovers: [...was].filter((d) => !will.has(d)),
  };
}
