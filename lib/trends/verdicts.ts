// Triage over time, replayed from the verdict entries of the audit log: each device's status at any instant
// (a Benign verdict past its review date counts as unreviewed again; no verdict is unreviewed), the verdicts
// set per day, and how long devices waited from their first flag to their first verdict.
import { z } from 'zod';
import { type AuditEntry, type VerdictStatus, verdictStatuses } from '@/lib/triage/types';
import { DAY_MS, dayStartMs, utcDay } from './trend-window';

export interface VerdictChange {
  deviceId: string;
  atMs: number;
  status: VerdictStatus;
  /** For Benign: when it needs review again. */
  reviewAfterMs: number | null;
}

export type VerdictMix = Record<VerdictStatus, number>;

/** The part of a stored Verdict (the audit entry's `after`) that the replay reads. */
const afterSchema = z.object({
  status: z.enum(verdictStatuses),
  reviewAfter: z.string().nullish(),
});

const emptyMix = (): VerdictMix => ({ unreviewed: 0, benign: 0, suspicious: 0, malicious: 0 });

/** Each device's verdict changes, oldest first; an entry without a readable verdict resets to unreviewed. */
export function verdictChanges(entries: readonly AuditEntry[]): Map<string, VerdictChange[]> {
  const byDevice = new Map<string, VerdictChange[]>();
  const ordered = entries
    .filter((e) => e.entity === 'verdict' && Number.isFinite(Date.parse(e.at)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
  for (const entry of ordered) {
    const after = afterSchema.safeParse(entry.after);
    const reviewAfterMs =
      after.success && after.data.reviewAfter ? Date.parse(after.data.reviewAfter) : Number.NaN;
    const change: VerdictChange = {
      deviceId: entry.entityId,
      atMs: Date.parse(entry.at),
      status: after.success ? after.data.status : 'unreviewed',
      reviewAfterMs: Number.isFinite(reviewAfterMs) ? reviewAfterMs : null,
    };
    const list = byDevice.get(change.deviceId) ?? [];
    list.push(change);
    byDevice.set(change.deviceId, list);
  }
  return byDevice;
}

/** A device's status at `atMs`, given its changes oldest first. */
export function statusAt(changes: readonly VerdictChange[] | undefined, atMs: number): VerdictStatus {
  let current: VerdictChange | undefined;
  for (const change of changes ?? []) {
    if (change.atMs > atMs) break;
    current = change;
  }
  if (!current) return 'unreviewed';
  if (current.status === 'benign' && current.reviewAfterMs !== null && current.reviewAfterMs <= atMs) {
    return 'unreviewed';
  }
  return current.status;
}

/** How many of `deviceIds` had each status at `atMs`. */
export function verdictMix(
  deviceIds: Iterable<string>,
  changes: ReadonlyMap<string, readonly VerdictChange[]>,
  atMs: number,
): VerdictMix {
  const mix = emptyMix();
  for (const id of new Set(deviceIds)) mix[statusAt(changes.get(id), atMs)] += 1;
  return mix;
}

const isDecision = (change: VerdictChange) => change.status !== 'unreviewed';

/** Verdicts set (Benign, Suspicious or Malicious) per UTC day, for the given days. */
export function verdictsSetPerDay(
  changes: ReadonlyMap<string, readonly VerdictChange[]>,
  days: readonly string[],
): Map<string, number> {
  const counts = new Map(days.map((day) => [day, 0]));
  for (const list of changes.values()) {
    for (const change of list) {
      if (!isDecision(change)) continue;
      const day = utcDay(change.atMs);
      const n = counts.get(day);
      if (n !== undefined) counts.set(day, n + 1);
    }
  }
  return counts;
}

/** Each device's first Benign, Suspicious or Malicious verdict. */
export function firstVerdicts(changes: ReadonlyMap<string, readonly VerdictChange[]>): Map<string, number> {
  const first = new Map<string, number>();
  for (const [deviceId, list] of changes) {
    const decision = list.find(isDecision);
    if (decision) first.set(deviceId, decision.atMs);
  }
  return first;
}

export interface VerdictDelay {
  deviceId: string;
  /** The UTC day of the first verdict. */
  day: string;
  ms: number;
}

/**
 * Time from each device's first flag to its first verdict. Devices whose first flag is unknown, or known only
 * after their verdict (the flag lies before the data Huntboard can see), are left out rather than guessed.
 */
export function verdictDelays(
  firstVerdict: ReadonlyMap<string, number>,
  firstFlagMs: ReadonlyMap<string, number>,
): VerdictDelay[] {
  const delays: VerdictDelay[] = [];
  for (const [deviceId, verdictMs] of firstVerdict) {
    const flagMs = firstFlagMs.get(deviceId);
    if (flagMs === undefined || flagMs > verdictMs) continue;
    delays.push({ deviceId, day: utcDay(verdictMs), ms: verdictMs - flagMs });
  }
  return delays.sort((a, b) => a.day.localeCompare(b.day) || (a.deviceId < b.deviceId ? -1 : 1));
}

/** The median, the mean of the middle two for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The last instant of a UTC day that has happened by `nowMs`: the status a day "ends" with. */
export function endOfDayMs(day: string, nowMs: number): number {
  return Math.min(dayStartMs(day) + DAY_MS - 1, nowMs);
}
