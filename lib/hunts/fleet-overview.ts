// The RMM overview's figures, folded from a sweep: per tool whether its use is approved (all, part or none of
// its devices, and by which approvals), how many of its devices have a verdict in any of its hunts, what each
// device counts as now in each of its hunts, which devices are new this week, and the hunts that lead to its
// devices. Pure: the service supplies the sweep, the hunts, the verdicts and which approvals cover a device.
import { reviewState } from '@/lib/triage/needs-review';
import type { Verdict, VerdictStatus } from '@/lib/triage/types';
import type { Hunt } from './catalog';
import type { SweepDevice, SweepMatch, SweepResult, SweepTool } from './sweep';

const DAY_MS = 86_400_000;
/** "New this week": first seen in the 7 days before now. */
export const NEW_WITHIN_MS = 7 * DAY_MS;

export type ToolApprovalState = 'approved' | 'partly' | 'unapproved';

export interface OverviewMatch extends SweepMatch {
  /** What the device counts as now in this hunt (a Benign verdict lapses with new activity or its review date). */
  status: VerdictStatus;
}

export interface OverviewDevice extends Omit<SweepDevice, 'matches'> {
  matches: OverviewMatch[];
  /** The gravest of what it counts as in each of its hunts: malicious, suspicious, unreviewed, then benign. */
  status: VerdictStatus;
  /** Ids of the approvals in force that cover the tool on it; empty when its use is not approved. */
  approvedBy: string[];
  /** A verdict other than unreviewed is recorded for it in at least one of the tool's hunts. */
  reviewed: boolean;
  /** First seen in the last 7 days; null when the window is 7 days or shorter (it cannot tell). */
  isNew: boolean | null;
}

/** Which approvals cover a tool on a device (approvingMatcher of lib/triage/approvals). */
export type ApprovingLookup = (tool: string, device: { DeviceId: string; DeviceName: string }) => string[];

/** Gravest first: a device flagged in any hunt stays flagged; Benign only when every hunt says so. */
const GRAVITY: readonly VerdictStatus[] = ['malicious', 'suspicious', 'unreviewed', 'benign'];

export function gravest(statuses: readonly VerdictStatus[]): VerdictStatus {
  return GRAVITY.find((s) => statuses.includes(s)) ?? 'unreviewed';
}

export interface OverviewTool extends Omit<SweepTool, 'devices'> {
  devices: OverviewDevice[];
  approval: ToolApprovalState;
  approvedDevices: number;
  reviewedDevices: number;
  /** Devices first seen in the last 7 days; null when the window cannot tell. */
  newDevices: number | null;
  /** The tool itself first seen in the last 7 days; null when the window cannot tell. */
  isNew: boolean | null;
  /** ISO 8601: the earliest and latest of its devices. */
  firstSeen: string;
  lastSeen: string;
  /** The tool's hunts in the catalog (the first leads to its devices), by name. */
  hunts: { id: string; name: string }[];
}

export interface FleetOverview {
  window: SweepResult['window'];
  sourceCalls: number;
  /** Wall-clock time of the sweep in milliseconds. */
  tookMs: number;
  truncated: boolean;
  tools: OverviewTool[];
}

export function approvalState(devices: readonly Pick<SweepDevice, 'approved'>[]): ToolApprovalState {
  const approved = devices.filter((d) => d.approved).length;
  if (approved === 0) return 'unapproved';
  return approved === devices.length ? 'approved' : 'partly';
}

/** Verdicts by hunt id and device id. */
function verdictIndex(verdicts: readonly Verdict[]): Map<string, Map<string, Verdict>> {
  const byHunt = new Map<string, Map<string, Verdict>>();
  for (const v of verdicts) {
    const devices = byHunt.get(v.huntId) ?? new Map<string, Verdict>();
    devices.set(v.deviceId, v);
    byHunt.set(v.huntId, devices);
  }
  return byHunt;
}

export function fleetOverview(
  sweep: SweepResult,
  hunts: readonly Hunt[],
  verdicts: readonly Verdict[],
  now: Date,
  tookMs: number,
  approving: ApprovingLookup = () => [],
): FleetOverview {
  const verdictOf = verdictIndex(verdicts);
  const reviewed = (huntId: string, deviceId: string) => {
    const status = verdictOf.get(huntId)?.get(deviceId)?.status;
    return status !== undefined && status !== 'unreviewed';
  };
  const windowMs = Date.parse(sweep.window.end) - Date.parse(sweep.window.start);
  const canTellNew = windowMs > NEW_WITHIN_MS;
  const newSince = now.getTime() - NEW_WITHIN_MS;
  const huntsOf = new Map<string, { id: string; name: string }[]>();
  for (const h of hunts) {
    if (h.tool === null) continue;
    const key = h.tool.toLowerCase();
    huntsOf.set(key, [...(huntsOf.get(key) ?? []), { id: h.id, name: h.name }]);
  }
  const tools = sweep.tools.map((tool): OverviewTool => {
    const toolHunts = (huntsOf.get(tool.tool.toLowerCase()) ?? []).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    const ids = toolHunts.map((h) => h.id);
    const devices = tool.devices.map((d): OverviewDevice => {
      const matches = d.matches.map((m) => ({
        ...m,
        status: reviewState(verdictOf.get(m.hunt)?.get(d.DeviceId), Date.parse(m.LastSeen), now.getTime())
          .status,
      }));
      return {
        ...d,
        matches,
        status: gravest(matches.map((m) => m.status)),
        approvedBy: d.approved ? approving(tool.tool, d) : [],
        reviewed: ids.some((id) => reviewed(id, d.DeviceId)),
        isNew: canTellNew ? Date.parse(d.FirstSeen) >= newSince : null,
      };
    });
    // ISO 8601 UTC strings of one format sort as the instants they name.
    const firstSeen = devices.map((d) => d.FirstSeen).sort()[0] ?? sweep.window.end;
    const lastSeen =
      devices
        .map((d) => d.LastSeen)
        .sort()
        .at(-1) ?? sweep.window.start;
    return {
      ...tool,
      devices,
      approval: approvalState(devices),
      approvedDevices: devices.filter((d) => d.approved).length,
      reviewedDevices: devices.filter((d) => d.reviewed).length,
      newDevices: canTellNew ? devices.filter((d) => d.isNew).length : null,
      isNew: canTellNew ? Date.parse(firstSeen) >= newSince : null,
      firstSeen,
      lastSeen,
      hunts: toolHunts,
    };
  });
  return { window: sweep.window, sourceCalls: sweep.sourceCalls, tookMs, truncated: sweep.truncated, tools };
}

/** Every UTC day of the window, oldest first, with the tool's devices that day (0 where it was not seen). */
export function dailyDevices(
  days: readonly { Day: string; Devices: number }[],
  window: { start: string; end: string },
): { day: string; devices: number }[] {
  const byDay = new Map(days.map((d) => [d.Day, d.Devices]));
  const out: { day: string; devices: number }[] = [];
  const start = new Date(window.start);
  const first = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const end = Date.parse(window.end);
  // A window of at most 180 days: at most 181 entries.
  for (let t = first; t <= end; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, devices: byDay.get(day) ?? 0 });
  }
  return out;
}
