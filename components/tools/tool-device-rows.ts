// A tool's devices as its page lists them: one row per device any of the tool's hunts matched, each match named
// by its hunt and leading to that hunt's devices page with the device's evidence open; the approvals that cover
// the device, by their description. Pure, so the page's reshaping is tested without a browser.
import type { OverviewDevice, OverviewMatch, OverviewTool } from '@/lib/hunts/fleet-overview';
import { describeScope, type ToolApproval } from '@/lib/triage/approvals';
import type { VerdictStatus } from '@/lib/triage/types';

export interface ToolDeviceMatch extends OverviewMatch {
  huntName: string;
  /** The name without the tool's (all a tool's hunts share it): "network connections". */
  huntLabel: string;
  firstSeenMs: number;
  lastSeenMs: number;
  /** The hunt's devices page, this device's evidence open, in the same window. */
  href: string;
}

export interface ToolDeviceRow extends Omit<OverviewDevice, 'matches'> {
  /** Most recent first, then by hunt name. */
  matches: ToolDeviceMatch[];
  firstSeenMs: number;
  lastSeenMs: number;
  /** Folded once for sorting and filtering. */
  sortName: string;
  /** The approvals that cover it, as the page says them; an id the list does not hold yet is left out. */
  approvals: { id: string; text: string }[];
}

/**
 * The devices page of one hunt with one device's evidence open. A device whose Benign verdict holds is hidden
 * by the page's default view (Needs review), so the link asks for every device then.
 */
export function huntDeviceHref({
  hunt,
  deviceId,
  lookback,
  status,
}: {
  hunt: string;
  deviceId: string;
  lookback: string;
  status: VerdictStatus;
}): string {
  const params = new URLSearchParams({ hunt, lookback, device: deviceId });
  if (status === 'benign') params.set('view', 'all');
  return `/devices?${params}`;
}

export function approvalText(
  approval: Pick<ToolApproval, 'scope' | 'owner'> & Partial<ToolApproval>,
): string {
  return `${describeScope(approval as ToolApproval)}; owner ${approval.owner}`;
}

/**
 * A hunt's name as a chip among the same tool's hunts says it: what follows the tool's name and its separators
 * ("RMM tool - AnyDesk - network connections" gives "network connections"); the whole name when the tool's is
 * not in it or nothing follows.
 */
export function huntLabel(name: string, tool: string): string {
  const at = name.toLowerCase().indexOf(tool.toLowerCase());
  if (at < 0 || tool === '') return name;
  const rest = name.slice(at + tool.length).replace(/^[\s\-–—:·|/]+/u, '');
  return rest || name;
}

export function toolDeviceRows(
  tool: Pick<OverviewTool, 'tool' | 'devices' | 'hunts'>,
  lookback: string,
  approvals: readonly ToolApproval[] = [],
): ToolDeviceRow[] {
  const huntNames = new Map(tool.hunts.map((h) => [h.id, h.name]));
  const approvalsById = new Map(approvals.map((a) => [a.id, a]));
  return tool.devices.map((device) => {
    const matches = device.matches
      .map(
        (m): ToolDeviceMatch => ({
          ...m,
          huntName: huntNames.get(m.hunt) ?? m.hunt,
          huntLabel: huntLabel(huntNames.get(m.hunt) ?? m.hunt, tool.tool),
          firstSeenMs: Date.parse(m.FirstSeen),
          lastSeenMs: Date.parse(m.LastSeen),
          href: huntDeviceHref({ hunt: m.hunt, deviceId: device.DeviceId, lookback, status: m.status }),
        }),
      )
      .sort((a, b) => b.lastSeenMs - a.lastSeenMs || a.huntName.localeCompare(b.huntName));
    return {
      ...device,
      matches,
      firstSeenMs: Date.parse(device.FirstSeen),
      lastSeenMs: Date.parse(device.LastSeen),
      sortName: device.DeviceName.toLowerCase(),
      approvals: device.approvedBy.flatMap((id) => {
        const approval = approvalsById.get(id);
        return approval ? [{ id, text: approvalText(approval) }] : [];
      }),
    };
  });
}

/** Where Enter on a row leads: the hunt that saw the device last. */
export function primaryMatch(row: Pick<ToolDeviceRow, 'matches'>): ToolDeviceMatch | undefined {
  return row.matches[0];
}
