// A hunt run as the store keeps it for trends beyond the source's retention: when it ran, on which source,
// over which window and with which exclusions, and its device rows with their per-day activity.
import type { RunSnapshot } from '@/lib/triage/types';
import type { HuntRun } from './hunt-run';

export function snapshotOf(run: HuntRun): RunSnapshot {
  return {
    huntId: run.hunt.id,
    sourceId: run.source.id,
    ranAt: run.ranAt,
    windowStart: run.window.start,
    windowEnd: run.window.end,
    exclusions: [
      ...run.exclusions.filter((e) => e.enabled).map((e) => e.id),
      ...run.customExclusions.map((e) => `custom:${e.id}`),
    ].sort(),
    devices: run.devices.map((d) => ({
      deviceId: d.deviceId,
      deviceName: d.deviceName,
      firstSeen: d.firstSeen,
      lastSeen: d.lastSeen,
      count: d.count,
      activity: d.activity.map((a) => ({ day: a.day, count: a.count })),
    })),
  };
}
