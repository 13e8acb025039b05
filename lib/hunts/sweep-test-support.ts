// Test helpers for the sweep: what the sweep must equal, folded from runs of each hunt alone.
import type { Hunt } from './catalog';
import type { HuntRun } from './hunt-run';
import type { SweepTool } from './sweep';

/**
 * Per tool, its devices and days as the sweep reports them, computed from each hunt's own run: a device's count
 * is the sum over the tool's hunts, FirstSeen the earliest, LastSeen the latest, and its name the one of its
 * latest run row; each hunt's own figures for the device are its match. Approval is left out (false), as with no
 * isApproved callback.
 */
export function perToolOfRuns(
  hunts: readonly Hunt[],
  runs: readonly HuntRun[],
): Omit<SweepTool, 'approved'>[] {
  const tools = new Map<
    string,
    {
      devices: Map<string, SweepTool['devices'][number]>;
      days: Map<string, { ids: Set<string>; count: number }>;
    }
  >();
  runs.forEach((run, i) => {
    const hunt = hunts[i] as Hunt;
    if (!hunt.tool || !run.devices.length) return;
    const tool = tools.get(hunt.tool) ?? { devices: new Map(), days: new Map() };
    tools.set(hunt.tool, tool);
    for (const d of run.devices) {
      const known = tool.devices.get(d.deviceId);
      const table = hunt.tables[0] ?? '';
      const match = {
        hunt: hunt.id,
        table,
        FirstSeen: d.firstSeen,
        LastSeen: d.lastSeen,
        Count: d.count,
      };
      if (!known) {
        tool.devices.set(d.deviceId, {
          DeviceId: d.deviceId,
          DeviceName: d.deviceName,
          FirstSeen: d.firstSeen,
          LastSeen: d.lastSeen,
          Count: d.count,
          tables: [table],
          hunts: [hunt.id],
          matches: [match],
          approved: false,
        });
      } else {
        if (
          d.lastSeen > known.LastSeen ||
          (d.lastSeen === known.LastSeen && d.deviceName > known.DeviceName)
        ) {
          known.LastSeen = d.lastSeen;
          known.DeviceName = d.deviceName;
        }
        if (d.firstSeen < known.FirstSeen) known.FirstSeen = d.firstSeen;
        known.Count += d.count;
        known.tables = [...new Set([...known.tables, table])].sort();
        known.hunts = [...known.hunts, hunt.id].sort();
        known.matches = [...known.matches, match].sort((a, b) => a.hunt.localeCompare(b.hunt));
      }
      for (const a of d.activity) {
        const day = tool.days.get(a.day) ?? { ids: new Set<string>(), count: 0 };
        day.ids.add(d.deviceId);
        day.count += a.count;
        tool.days.set(a.day, day);
      }
    }
  });
  return [...tools].map(([tool, t]) => ({
    tool,
    devices: [...t.devices.values()].sort(
      (a, b) => b.LastSeen.localeCompare(a.LastSeen) || a.DeviceName.localeCompare(b.DeviceName),
    ),
    days: [...t.days]
      .map(([Day, d]) => ({ Day, Devices: d.ids.size, Count: d.count }))
      .sort((a, b) => a.Day.localeCompare(b.Day)),
  }));
}
