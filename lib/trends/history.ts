// Trends beyond the source's retention, from the device rows that hunt runs recorded (RunSnapshot): for each
// day, the run whose window covered it best, and for each device the earliest matched event any run saw.
// Only runs on the same source with exactly the same exclusions count: others counted different events.
import type { RunSnapshot } from '@/lib/triage/types';
import { DAY_MS, dayStartMs } from './trend-window';

export interface HistoryDevice {
  deviceName: string;
  events: number;
}

export interface HistoryDay {
  day: string;
  /** Matched events on this day per device id. */
  devices: Map<string, HistoryDevice>;
  /** The chosen run's window covered only part of the day. */
  partial: boolean;
  /** When the chosen run ran (ISO 8601). */
  ranAt: string;
}

export interface History {
  /** The requested days some run covered; days no run covered are absent. */
  days: Map<string, HistoryDay>;
  /** Earliest matched event per device id (ISO 8601) in any run that counts. */
  firstSeen: Map<string, string>;
  /** Runs that count. */
  used: number;
  /** Runs left out because they ran on another source or with other exclusions. */
  ignored: number;
}

export interface HistoryOptions {
  /** The days wanted (YYYY-MM-DD). */
  days: readonly string[];
  /** The exclusions in effect; only runs with exactly these count. */
  exclusions: readonly string[];
  sourceId: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** Milliseconds of `day` inside the run's window (bounds inclusive, as `between` reads them). */
function coverage(snapshot: RunSnapshot, day: string): number {
  const start = dayStartMs(day);
  const from = Math.max(start, Date.parse(snapshot.windowStart));
  const to = Math.min(start + DAY_MS, Date.parse(snapshot.windowEnd) + 1);
  return Number.isFinite(from) && Number.isFinite(to) ? Math.max(0, to - from) : 0;
}

export function historyFromSnapshots(snapshots: readonly RunSnapshot[], options: HistoryOptions): History {
  const usable = snapshots.filter(
    (s) => s.sourceId === options.sourceId && sameSet(s.exclusions, options.exclusions),
  );

  const firstSeen = new Map<string, string>();
  for (const snapshot of usable) {
    for (const device of snapshot.devices) {
      const known = firstSeen.get(device.deviceId);
      if (Date.parse(device.firstSeen) < (known === undefined ? Infinity : Date.parse(known))) {
        firstSeen.set(device.deviceId, new Date(device.firstSeen).toISOString());
      }
    }
  }

  const days = new Map<string, HistoryDay>();
  for (const day of options.days) {
    let best: { snapshot: RunSnapshot; covered: number } | undefined;
    for (const snapshot of usable) {
      const covered = coverage(snapshot, day);
      if (covered === 0) continue;
      // The fullest coverage wins; between equals, the latest run (it saw late-arriving events too).
      if (
        !best ||
        covered > best.covered ||
        (covered === best.covered && snapshot.ranAt > best.snapshot.ranAt)
      ) {
        best = { snapshot, covered };
      }
    }
    if (!best) continue;
    const devices = new Map<string, HistoryDevice>();
    for (const device of best.snapshot.devices) {
      const events = device.activity.filter((a) => a.day === day).reduce((sum, a) => sum + a.count, 0);
      if (events === 0) continue;
      // One device may have several rows (the hunt groups by name too): their events add up.
      const known = devices.get(device.deviceId);
      devices.set(device.deviceId, {
        deviceName: known?.deviceName ?? device.deviceName,
        events: (known?.events ?? 0) + events,
      });
    }
    days.set(day, { day, devices, partial: best.covered < DAY_MS, ranAt: best.snapshot.ranAt });
  }

  return { days, firstSeen, used: usable.length, ignored: snapshots.length - usable.length };
}
