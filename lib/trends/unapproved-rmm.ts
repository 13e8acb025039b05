// Devices running unapproved RMM tools per UTC day, per tool: from the sweep's rows (one per hunt, device and
// day), a device counts on a day for a tool when one of the tool's hunts matched on it that day and the
// approvals in force now do not approve that tool on it. Days the source does not keep are null (unknown),
// not zero. Pure; the sweep service supplies the rows and the matcher.
import { z } from 'zod';

export const unapprovedRmmTrendSchema = z.object({
  range: z.object({ start: z.string(), end: z.string(), days: z.number().int().positive() }),
  sourceCalls: z.number().int().nonnegative(),
  /** Every UTC day of the range, oldest first. */
  days: z.array(z.string()),
  /** Tools with at least one unapproved device in the range, most devices first. */
  tools: z.array(
    z.object({
      tool: z.string(),
      /** Distinct unapproved devices over the range. */
      devices: z.number().int().nonnegative(),
      /** Per day of `days`: unapproved devices, or null where the source keeps no data. */
      perDay: z.array(z.number().int().nonnegative().nullable()),
    }),
  ),
});
export type UnapprovedRmmTrend = z.infer<typeof unapprovedRmmTrendSchema>;

export interface SweepDayRow {
  huntId: string;
  deviceId: string;
  deviceName: string;
  /** YYYY-MM-DD */
  day: string;
}

export function unapprovedRmmSeries(
  rows: readonly SweepDayRow[],
  toolOfHunt: ReadonlyMap<string, string>,
  isApproved: (tool: string, device: { DeviceId: string; DeviceName: string }) => boolean,
  days: readonly string[],
  sourceDays: readonly string[],
): UnapprovedRmmTrend['tools'] {
  const index = new Map(days.map((d, i) => [d, i]));
  const known = new Set(sourceDays);
  const tools = new Map<string, { all: Set<string>; perDay: Set<string>[] }>();
  for (const row of rows) {
    const tool = toolOfHunt.get(row.huntId);
    const at = index.get(row.day);
    if (tool === undefined || at === undefined) continue;
    if (isApproved(tool, { DeviceId: row.deviceId, DeviceName: row.deviceName })) continue;
    const acc = tools.get(tool) ?? { all: new Set(), perDay: days.map(() => new Set<string>()) };
    acc.all.add(row.deviceId);
    acc.perDay[at]?.add(row.deviceId);
    tools.set(tool, acc);
  }
  return [...tools]
    .map(([tool, acc]) => ({
      tool,
      devices: acc.all.size,
      perDay: acc.perDay.map((set, i) => (known.has(days[i] ?? '') ? set.size : null)),
    }))
    .sort((a, b) => b.devices - a.devices || a.tool.localeCompare(b.tool));
}

/** One tool's series as rows for its chart and table: the day and its unapproved devices (null: unknown). */
export function unapprovedRmmRows(trend: UnapprovedRmmTrend, tool: UnapprovedRmmTrend['tools'][number]) {
  return trend.days.map((day, i) => ({ day, devices: tool.perDay[i] ?? null }));
}
