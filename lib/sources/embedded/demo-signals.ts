// The facts the demo's ground truth records for each labelled event, under the names the why-flagged signals
// use: what a triager would point at to tell abuse from IT work. Computed from the generated events themselves,
// so a signal implementation can be checked against them.
import { SHELL_LIKE_PARENTS as SHELL_LIKE_PARENT_LIST, type SignalId } from '@/lib/signals/definitions';
import type { StoryKind, StoryTable } from './demo-tool-story';

export { SIGNAL_IDS, type SignalId } from '@/lib/signals/definitions';

/** Parents that mean a person or a document started the tool: the signals' own list. */
export const SHELL_LIKE_PARENTS: ReadonlySet<string> = new Set(SHELL_LIKE_PARENT_LIST);

const USER_WRITABLE = /^c:\\(users|programdata|windows\\temp)\\|\\(appdata|temp|downloads)\\/i;

/** The per-event facts: the image's parent, where it ran from, and whether it was renamed. */
export function eventSignals(event: {
  parentFileName: string;
  folderPath: string;
  fileName: string;
  originalFileName: string;
}): SignalId[] {
  const signals: SignalId[] = [];
  if (SHELL_LIKE_PARENTS.has(event.parentFileName.toLowerCase())) signals.push('shell-parent');
  if (USER_WRITABLE.test(event.folderPath)) signals.push('user-writable-path');
  if (event.originalFileName !== '' && event.fileName.toLowerCase() !== event.originalFileName.toLowerCase())
    signals.push('renamed-binary');
  return signals;
}

/** A labelled event as the fleet-wide facts need it. */
export interface SignalSubject {
  tool: string;
  table: StoryTable;
  kind: StoryKind;
  /** `tool`: the tool's own process, connection or file; `child`: a process the tool started. */
  subject: 'tool' | 'child';
  deviceId: string;
  timeMs: number;
  /** `domain\name` of the account that ran the tool ('' where the table has none). */
  account: string;
  signals: SignalId[];
}

/** The default hunt window the `new-device` fact is measured against. */
export const NEW_DEVICE_DAYS = 5;
/** An account is only unusual next to one that runs the tool on at least this many devices. */
const USUAL_ACCOUNT_DEVICES = 3;

/**
 * Adds the fleet-wide facts in place, per tool and table, over the tool's own events (look-alikes aside):
 * `new-device` when the device's first such event falls in the last NEW_DEVICE_DAYS days before `nowMs`;
 * `unusual-account` when the account runs the tool on this device only, while the tool's most common account
 * runs it on USUAL_ACCOUNT_DEVICES devices or more.
 */
export function addFleetSignals(events: readonly SignalSubject[], nowMs: number): void {
  const groups = new Map<string, SignalSubject[]>();
  for (const e of events) {
    if (e.kind === 'near-miss' || e.subject !== 'tool') continue;
    const key = `${e.tool}\u0000${e.table}`;
    const group = groups.get(key) ?? [];
    group.push(e);
    groups.set(key, group);
  }
  const newFrom = nowMs - NEW_DEVICE_DAYS * 86_400_000;
  for (const group of groups.values()) {
    const firstSeen = new Map<string, number>();
    const devicesByAccount = new Map<string, Set<string>>();
    for (const e of group) {
      firstSeen.set(e.deviceId, Math.min(firstSeen.get(e.deviceId) ?? Number.POSITIVE_INFINITY, e.timeMs));
      if (e.account === '') continue;
      const devices = devicesByAccount.get(e.account) ?? new Set<string>();
      devices.add(e.deviceId);
      devicesByAccount.set(e.account, devices);
    }
    const widest = Math.max(0, ...[...devicesByAccount.values()].map((d) => d.size));
    for (const e of group) {
      if ((firstSeen.get(e.deviceId) ?? 0) >= newFrom) e.signals.push('new-device');
      if (widest >= USUAL_ACCOUNT_DEVICES && e.account !== '' && devicesByAccount.get(e.account)?.size === 1)
        e.signals.push('unusual-account');
    }
  }
}
