// The RMM overview's figures, folded from a sweep: per tool whether its use is approved (all, part or none of
// its devices), how many of its devices have a verdict in any of its hunts, which devices are new this week,
// and the hunts that lead to its devices. Pure: the service supplies the sweep, the hunts and the verdicts.
import type { Verdict } from '@/lib/triage/types';
import type { Hunt } from './catalog';
import type { SweepDevice, SweepResult, SweepTool } from './sweep';

const DAY_MS = 86_400_000;
/** "New this week": first seen in the 7 days before now. */
export const NEW_WITHIN_MS = 7 * DAY_MS;

export type ToolApprovalState = 'approved' | 'partly' | 'unapproved';

export interface OverviewDevice extends SweepDevice {
  /** A verdict other than unreviewed is recorded for it in at least one of the tool's hunts. */
  reviewed: boolean;
  /** First seen in the last 7 days; null when the window is 7 days or shorter (it cannot tell). */
  isNew: boolean | null;
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

/** Device ids with a verdict other than unreviewed, per hunt id. */
function reviewedByHunt(verdicts: readonly Verdict[]): Map<string, Set<string>> {
  const byHunt = new Map<string, Set<string>>();
  for (const v of verdicts) {
    if (v.status === 'unreviewed') continue;
    const set = byHunt.get(v.huntId) ?? new Set<string>();
    set.add(v.deviceId);
    byHunt.set(v.huntId, set);
  }
  return byHunt;
}

export function fleetOverview(
  sweep: SweepResult,
  hunts: readonly Hunt[],
  verdicts: readonly Verdict[],
  now: Date,
  tookMs: number,
): FleetOverview {
  const reviewed = reviewedByHunt(verdicts);
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
    const devices = tool.devices.map((d) => ({
      ...d,
      reviewed: ids.some((id) => reviewed.get(id)?.has(d.DeviceId)),
      isNew: canTellNew ? Date.parse(d.FirstSeen) >= newSince : null,
    }));
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
