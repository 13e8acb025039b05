// Approved RMM tools: the entity, its input schema and limits, and the pure matcher the sweep asks whether a
// tool's use on a device is approved. No I/O here, so the sweep, the page and the trends share one meaning.
//
// Scope grammar (matched on the device's DeviceName, without regard to case):
// - `all`: every device.
// - `pattern`: a glob over the whole DeviceName: `*` is any run of characters (none included), `?` exactly one
//   character, every other character stands for itself (`.`, `[`, `\` included). `jump-*` matches
//   `JUMP-01.corp.example`; `jump-0?` matches `jump-01` but not `jump-01.corp.example`.
// - `devices`: a list of names; an entry matches a DeviceName equal to it, or whose host part (before the
//   first dot) equals it, so `jump-01` matches `jump-01.corp.example`.
// An approval whose expiry has passed (expiresAt <= now) approves nothing.
import { z } from 'zod';
import { safeText } from '@/lib/safe-text';
import { type Actor, isoInstant, MAX_REASON_LENGTH } from './types';

/** Approvals the store holds in all: the matcher reads every one of them on each sweep. */
export const MAX_APPROVALS = 1_000;
/** Device names in one approval's list. */
export const MAX_APPROVAL_DEVICES = 500;
/** Characters in a device name pattern. */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_TOOL_LENGTH = 200;
export const MAX_OWNER_LENGTH = 200;
export const MAX_DEVICE_NAME_LENGTH = 300;

export const approvalScopes = ['all', 'pattern', 'devices'] as const;
export type ApprovalScope = (typeof approvalScopes)[number];

const required = (max: number, fix: string) =>
  safeText(`is required: ${fix}`)
    .trim()
    .min(1, `is required: ${fix}`)
    .max(max, `must be at most ${max} characters`);

const deviceName = safeText()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_DEVICE_NAME_LENGTH, `must be at most ${MAX_DEVICE_NAME_LENGTH} characters`);

const commonFields = {
  /** The tool's name as the catalog spells it (hunts' `tool`); matched without regard to case. */
  tool: required(MAX_TOOL_LENGTH, 'the tool, as the overview names it, e.g. AnyDesk'),
  reason: required(MAX_REASON_LENGTH, 'say why this use is approved'),
  /** Who answers for the approved use (a team or a person). */
  owner: required(MAX_OWNER_LENGTH, 'say who answers for this use, e.g. IT help desk'),
  /** After this instant the approval no longer approves anything. */
  expiresAt: isoInstant.optional(),
};

/** What a triager submits to approve a tool, and to change an approval. */
export const toolApprovalInputSchema = z.discriminatedUnion(
  'scope',
  [
    z.object({ ...commonFields, scope: z.literal('all') }),
    z.object({
      ...commonFields,
      scope: z.literal('pattern'),
      pattern: required(
        MAX_PATTERN_LENGTH,
        'a device name glob such as jump-* (* any characters, ? one character)',
      ),
    }),
    z.object({
      ...commonFields,
      scope: z.literal('devices'),
      devices: z
        .array(deviceName)
        .min(1, 'must name at least one device')
        .max(MAX_APPROVAL_DEVICES, `must name at most ${MAX_APPROVAL_DEVICES} devices`),
    }),
  ],
  { error: `must be one of: ${approvalScopes.join(', ')}` },
);
export type ToolApprovalInput = z.infer<typeof toolApprovalInputSchema>;

export type ToolApprovalScope =
  | { scope: 'all' }
  | { scope: 'pattern'; pattern: string }
  | { scope: 'devices'; devices: string[] };

export type ToolApproval = ToolApprovalInput & {
  id: string;
  version: number;
  createdBy: Actor;
  createdAt: string;
  updatedBy: Actor;
  updatedAt: string;
};

export function isApprovalExpired(approval: Pick<ToolApproval, 'expiresAt'>, now: Date): boolean {
  return approval.expiresAt !== undefined && Date.parse(approval.expiresAt) <= now.getTime();
}

/** The glob as an anchored, case-insensitive regular expression (linear: no nested quantifiers). */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'isu');
}

type DeviceTest = (name: string) => boolean;

function deviceTest(approval: ToolApprovalScope): DeviceTest {
  switch (approval.scope) {
    case 'all':
      return () => true;
    case 'pattern': {
      const regex = globToRegExp(approval.pattern);
      return (name) => regex.test(name);
    }
    case 'devices': {
      const names = new Set(approval.devices.map((d) => d.toLowerCase()));
      return (name) => {
        const lower = name.toLowerCase();
        const dot = lower.indexOf('.');
        return names.has(lower) || (dot > 0 && names.has(lower.slice(0, dot)));
      };
    }
  }
}

/**
 * The ids of the approvals in force at `now` that cover `tool` on `device`, in the order given (empty: not
 * approved). Built once per sweep: globs are compiled here, and a call costs one lookup by tool plus that tool's
 * approvals.
 */
export function approvingMatcher(
  approvals: readonly ToolApproval[],
  now: Date,
): (tool: string, device: { DeviceId: string; DeviceName: string }) => string[] {
  const byTool = new Map<string, { id: string; test: DeviceTest }[]>();
  for (const approval of approvals) {
    if (isApprovalExpired(approval, now)) continue;
    const key = approval.tool.toLowerCase();
    const tests = byTool.get(key) ?? [];
    tests.push({ id: approval.id, test: deviceTest(approval) });
    byTool.set(key, tests);
  }
  return (tool, device) =>
    byTool
      .get(tool.toLowerCase())
      ?.filter(({ test }) => test(device.DeviceName))
      .map(({ id }) => id) ?? [];
}

/** Whether `tool` on `device` is approved by any approval in force at `now`; see approvingMatcher. */
export function approvalMatcher(
  approvals: readonly ToolApproval[],
  now: Date,
): (tool: string, device: { DeviceId: string; DeviceName: string }) => boolean {
  const approving = approvingMatcher(approvals, now);
  return (tool, device) => approving(tool, device).length > 0;
}

/** How an approval reads in a list: "all devices", "jump-*", "3 devices". */
export function describeScope(approval: ToolApprovalScope): string {
  if (approval.scope === 'all') return 'all devices';
  if (approval.scope === 'pattern') return `devices named ${approval.pattern}`;
  return approval.devices.length === 1
    ? `device ${approval.devices[0]}`
    : `${approval.devices.length} devices`;
}
