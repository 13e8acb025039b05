// Combines what the source answered (the series queries), what recorded runs hold (history) and the verdict
// audit log into one row per day of the range, range totals and the top devices. Pure: every input is data.
import type { AuditEntry } from '@/lib/triage/types';
import type { History } from './history';
import {
  byEventsThenId,
  type DailyRow,
  type DeviceDayRow,
  type DeviceTotal,
  type NewDevicesRow,
} from './source-series';
import type { TopDevice, TrendDay, TrendTotals } from './trend-report';
import { dayStartMs, type TrendWindow, utcDay } from './trend-window';
import {
  endOfDayMs,
  firstVerdicts,
  median,
  verdictChanges,
  verdictDelays,
  verdictMix,
  verdictsSetPerDay,
} from './verdicts';

export interface SeriesInputs {
  window: TrendWindow;
  /** Per day over the range's source days. */
  daily: readonly DailyRow[];
  /** New devices per day over the source's whole retention. */
  newDevices: readonly NewDevicesRow[];
  /** Per device and day over the source's whole retention. */
  deviceDays: readonly DeviceDayRow[];
  /** The source's top devices over the range's source days. */
  topDevices: readonly DeviceTotal[];
  topCount: number;
  history: History;
  /** The hunt's verdict entries from the audit log. */
  verdictAudit: readonly AuditEntry[];
}

export interface TrendSeries {
  days: TrendDay[];
  totals: TrendTotals;
  topDevices: TopDevice[];
}

const sum = (values: readonly (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

export function buildTrendSeries(inputs: SeriesInputs): TrendSeries {
  const { window, history } = inputs;
  const nowMs = window.now.getTime();
  const today = utcDay(nowMs);
  const sourceDays = new Set(window.sourceDays);
  const retentionStart = nowMs - window.retentionLookbackMs;

  // Devices flagged per source day (for the verdict mix) and each device's first flag in all visible data.
  const sourceDevicesByDay = new Map<string, Set<string>>();
  const firstFlagMs = new Map<string, number>();
  for (const row of inputs.deviceDays) {
    const seen = Date.parse(row.firstSeen);
    if (seen < (firstFlagMs.get(row.deviceId) ?? Infinity)) firstFlagMs.set(row.deviceId, seen);
    if (!sourceDays.has(row.day)) continue;
    const set = sourceDevicesByDay.get(row.day) ?? new Set<string>();
    set.add(row.deviceId);
    sourceDevicesByDay.set(row.day, set);
  }
  const sourceFirstDay = new Map([...firstFlagMs].map(([id, ms]) => [id, utcDay(ms)]));
  for (const [id, iso] of history.firstSeen) {
    const ms = Date.parse(iso);
    if (ms < (firstFlagMs.get(id) ?? Infinity)) firstFlagMs.set(id, ms);
  }

  // A device the source first sees on day D is not new on D if a recorded run saw it earlier.
  const seenBefore = new Map<string, number>();
  for (const [id, day] of sourceFirstDay) {
    const historyMs = history.firstSeen.has(id) ? Date.parse(history.firstSeen.get(id) as string) : Infinity;
    if (historyMs < dayStartMs(day)) seenBefore.set(day, (seenBefore.get(day) ?? 0) + 1);
  }

  // Before the first day with any data nothing is known, so that day cannot tell new devices from returning ones.
  const firstHistoryDay = window.historyDays.find((day) => history.days.has(day));
  const knownSince = firstHistoryDay ?? utcDay(retentionStart);

  const daily = new Map(inputs.daily.map((row) => [row.day, row]));
  const fresh = new Map(inputs.newDevices.map((row) => [row.day, row.newDevices]));
  const changes = verdictChanges(inputs.verdictAudit);
  const setPerDay = verdictsSetPerDay(changes, window.days);
  const delays = verdictDelays(firstVerdicts(changes), firstFlagMs).filter((d) => setPerDay.has(d.day));

  const flaggedInRange = new Set<string>();
  const days: TrendDay[] = window.days.map((day) => {
    const triage = {
      verdictsSet: setPerDay.get(day) ?? 0,
      medianMsToVerdict: median(delays.filter((d) => d.day === day).map((d) => d.ms)),
      verdictsMeasured: delays.filter((d) => d.day === day).length,
    };
    let flagged: Set<string>;
    let base: Pick<TrendDay, 'origin' | 'partial' | 'events' | 'devices' | 'newDevices'>;
    if (sourceDays.has(day)) {
      const row = daily.get(day);
      flagged = sourceDevicesByDay.get(day) ?? new Set();
      base = {
        origin: 'source',
        partial: day === today,
        events: row?.events ?? 0,
        devices: row?.devices ?? 0,
        newDevices:
          day <= knownSince ? null : Math.max(0, (fresh.get(day) ?? 0) - (seenBefore.get(day) ?? 0)),
      };
    } else {
      const recorded = history.days.get(day);
      if (!recorded) {
        return {
          day,
          origin: 'none',
          partial: false,
          events: null,
          devices: null,
          newDevices: null,
          unreviewed: null,
          benign: null,
          suspicious: null,
          malicious: null,
          ...triage,
        };
      }
      flagged = new Set(recorded.devices.keys());
      let newDevices = 0;
      for (const ms of firstFlagMs.values()) if (utcDay(ms) === day) newDevices += 1;
      base = {
        origin: 'history',
        partial: recorded.partial,
        events: sum([...recorded.devices.values()].map((d) => d.events)),
        devices: flagged.size,
        newDevices: day <= knownSince ? null : newDevices,
      };
    }
    for (const id of flagged) flaggedInRange.add(id);
    return { day, ...base, ...verdictMix(flagged, changes, endOfDayMs(day, nowMs)), ...triage };
  });

  const totals: TrendTotals = {
    events: sum(days.map((d) => d.events)),
    devices: flaggedInRange.size,
    newDevices: sum(days.map((d) => d.newDevices)),
    verdictsSet: sum(days.map((d) => d.verdictsSet)),
    medianMsToVerdict: median(delays.map((d) => d.ms)),
    verdictsMeasured: delays.length,
    unreviewedNow: verdictMix(flaggedInRange, changes, nowMs).unreviewed,
  };

  return { days, totals, topDevices: topDevices(inputs, days) };
}

/** The source's own ranking when it answered the whole range; otherwise source and history added up here. */
function topDevices(inputs: SeriesInputs, days: readonly TrendDay[]): TopDevice[] {
  if (!days.some((d) => d.origin === 'history')) return inputs.topDevices.slice(0, inputs.topCount);
  const totals = new Map<string, DeviceTotal>();
  const add = (deviceId: string, deviceName: string, events: number) => {
    const key = `${deviceId}\u0000${deviceName}`;
    const known = totals.get(key);
    totals.set(key, { deviceId, deviceName, events: (known?.events ?? 0) + events });
  };
  const sourceDays = new Set(inputs.window.sourceDays);
  for (const row of inputs.deviceDays)
    if (sourceDays.has(row.day)) add(row.deviceId, row.deviceName, row.events);
  for (const day of inputs.window.historyDays) {
    for (const [id, device] of inputs.history.days.get(day)?.devices ?? [])
      add(id, device.deviceName, device.events);
  }
  return [...totals.values()].sort(byEventsThenId).slice(0, inputs.topCount);
}
