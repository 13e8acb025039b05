// Verdicts as the devices page holds them: one per device, merged as writes come back, the targets of a
// write (with the version each was based on), the conflicts a 409 reports, and audit entries in words.
import { type VerdictTarget, verdictSchema } from '@/components/api/triage-api';
import { type AuditEntry, type Verdict, type VerdictStatus, verdictStatuses } from '@/lib/triage/types';

export type VerdictIndex = ReadonlyMap<string, Verdict>;

export function indexVerdicts(verdicts: readonly Verdict[]): Map<string, Verdict> {
  return mergeVerdicts(new Map(), verdicts);
}

/** Applies newer verdicts; an answer that arrives late never replaces a later version. */
export function mergeVerdicts(index: VerdictIndex, updates: readonly Verdict[]): Map<string, Verdict> {
  const next = new Map(index);
  for (const verdict of updates) {
    const known = next.get(verdict.deviceId);
    if (!known || known.version <= verdict.version) next.set(verdict.deviceId, verdict);
  }
  return next;
}

/** What a write names for each device: the version on screen, 0 when the device has no verdict yet. */
export function verdictTargets(
  devices: readonly { deviceId: string; deviceName: string }[],
  index: VerdictIndex,
): VerdictTarget[] {
  const seen = new Set<string>();
  const targets: VerdictTarget[] = [];
  for (const { deviceId, deviceName } of devices) {
    if (seen.has(deviceId)) continue; // a renamed host is one device
    seen.add(deviceId);
    targets.push({ deviceId, deviceName, expectedVersion: index.get(deviceId)?.version ?? 0 });
  }
  return targets;
}

export interface VerdictConflict {
  deviceId: string;
  /** What the store holds now; null when the device has no verdict. */
  current: Verdict | null;
}

function readVerdict(value: unknown): Verdict | null | undefined {
  if (value === null) return null;
  const parsed = verdictSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The conflicts a 409 reports in its `current` member: one verdict (or null) for a single write, a list for a
 * bulk write (verdicts, nulls, or `{ deviceId, current }` pairs). `targets` are the devices the write named:
 * a lone null belongs to the only target. Anything unreadable is left out.
 */
export function readConflicts(
  extensions: Readonly<Record<string, unknown>>,
  targets: readonly VerdictTarget[],
): VerdictConflict[] {
  const raw = extensions.conflicts ?? extensions.current;
  const items = Array.isArray(raw) ? raw : [raw];
  const conflicts: VerdictConflict[] = [];
  items.forEach((item, index) => {
    const pair = typeof item === 'object' && item !== null && 'deviceId' in item && !('version' in item);
    const value = pair ? ((item as { current?: unknown }).current ?? null) : item;
    const current = readVerdict(value);
    if (current === undefined) return;
    const deviceId =
      current?.deviceId ??
      (pair ? String((item as { deviceId: unknown }).deviceId) : undefined) ??
      (items.length === 1 && targets.length === 1 ? targets[0]?.deviceId : targets[index]?.deviceId);
    if (deviceId !== undefined) conflicts.push({ deviceId, current });
  });
  return conflicts;
}

/** The same write again, based on what the store holds now for each conflicting device. */
export function retryTargets(
  targets: readonly VerdictTarget[],
  conflicts: readonly VerdictConflict[],
): VerdictTarget[] {
  const versions = new Map(conflicts.map((c) => [c.deviceId, c.current?.version ?? 0]));
  return targets.map((t) => ({ ...t, expectedVersion: versions.get(t.deviceId) ?? t.expectedVersion }));
}

export interface VerdictChange {
  from: VerdictStatus | null;
  to: VerdictStatus | null;
  reason: string | null;
  scenario: string | null;
  reviewAfter: string | null;
  reference: string | null;
}

function statusOf(value: unknown): VerdictStatus | null {
  const status =
    typeof value === 'object' && value !== null ? (value as { status?: unknown }).status : undefined;
  return (verdictStatuses as readonly unknown[]).includes(status) ? (status as VerdictStatus) : null;
}

function field(value: unknown, name: string): string | null {
  const v =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' && v !== '' ? v : null;
}

/** An audit entry of a verdict as a change from one status to another, with what came with the new one. */
export function describeChange(entry: AuditEntry): VerdictChange {
  return {
    from: statusOf(entry.before),
    to: statusOf(entry.after),
    reason: entry.reason ?? field(entry.after, 'reason'),
    scenario: field(entry.after, 'scenario'),
    reviewAfter: field(entry.after, 'reviewAfter'),
    reference: field(entry.after, 'reference'),
  };
}
