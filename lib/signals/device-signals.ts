// Reads the signals query's rows (compose-signals.ts) into each device's signals and the facts behind them.
// Per-event signals were counted on the source; the fleet-wide ones (new device, unusual account) are decided
// here from the per-device rows, since they compare devices with each other.
import type { Cell, QueryResult } from '@/lib/sources/types';
import { EVENT_SIGNAL_COLUMNS, SIGNAL_COLUMNS, type SignalsQuery } from './compose-signals';
import { isShellLikeParent, type SignalId, USUAL_ACCOUNT_DEVICES } from './definitions';

export interface DeviceSignals {
  /** The signals the device carries, in SIGNALS' order. */
  ids: SignalId[];
  /** Parent images in the window, shell-like ones first, then by name. */
  parents: string[];
  parentCommandLines: string[];
  /** `domain\name` of the accounts in the window. */
  accounts: string[];
  folders: string[];
  fileNames: string[];
  originalFileNames: string[];
  /** The device's first event of the hunt in the signals' history (ISO 8601 UTC). */
  firstEvent: string;
}

/** Signals per device id, for the devices with events in the window. */
export function deviceSignals(
  result: QueryResult,
  query: SignalsQuery,
  now: Date,
): Map<string, DeviceSignals> {
  const C = SIGNAL_COLUMNS;
  const windowStart = now.getTime() - query.windowMs;
  const devicesByAccount = new Map<string, Set<string>>();
  for (const row of result.rows) {
    const id = text(row.DeviceId ?? row.deviceId ?? null);
    for (const account of strings(row[C.fleetAccounts])) {
      const devices = devicesByAccount.get(account) ?? new Set<string>();
      devices.add(id);
      devicesByAccount.set(account, devices);
    }
  }
  const widest = Math.max(0, ...[...devicesByAccount.values()].map((d) => d.size));

  const out = new Map<string, DeviceSignals>();
  for (const row of result.rows) {
    if (number(row[C.windowEvents]) === 0) continue;
    const deviceId = text(row.DeviceId ?? row.deviceId ?? null);
    const firstEvent = time(row[C.firstEvent]);
    const accounts = strings(row[C.accounts]).sort();
    const ids = query.signals.filter((signal) => {
      const counted = EVENT_SIGNAL_COLUMNS[signal];
      if (counted !== undefined) return number(row[counted]) > 0;
      if (signal === 'new-device') return firstEvent !== undefined && firstEvent.getTime() >= windowStart;
      // unusual-account
      return widest >= USUAL_ACCOUNT_DEVICES && accounts.some((a) => devicesByAccount.get(a)?.size === 1);
    });
    out.set(deviceId, {
      ids,
      parents: strings(row[C.parents]).sort(
        (a, b) => Number(isShellLikeParent(b)) - Number(isShellLikeParent(a)) || a.localeCompare(b),
      ),
      parentCommandLines: strings(row[C.parentCommandLines]).sort(),
      accounts,
      folders: strings(row[C.folders]).sort(),
      fileNames: strings(row[C.fileNames]).sort(),
      originalFileNames: strings(row[C.originalFileNames]).sort(),
      firstEvent: firstEvent?.toISOString() ?? '',
    });
  }
  return out;
}

function text(v: Cell | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function number(v: Cell | undefined): number {
  return typeof v === 'number' || typeof v === 'bigint' ? Number(v) : 0;
}

function time(v: Cell | undefined): Date | undefined {
  if (v instanceof Date) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  return undefined;
}

/** A set column as sources return it: an array, or its JSON text; empty values are left out. */
function strings(v: Cell | undefined): string[] {
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return [...new Set(list.filter((x): x is string => typeof x === 'string' && x !== ''))];
}
