// What the scheduled recording keeps for trends (docs/trends.md): every hunt's device rows over its own window,
// with the custom exclusions in effect, as a run of the hunt would record them, but from one sweep: one source
// query per table instead of one run per hunt. Each hunt's rows come from the sweep's hunt ids.

import type { Caller, TelemetrySource } from '@/lib/sources/types';
import type { RunSnapshot } from '@/lib/triage/types';
import type { Hunt } from './catalog';
import type { CustomPredicate } from './run-hunt';
import { devicesByHunt, sweepHunts } from './sweep';

export interface RecordBySweepOptions {
  hunts: readonly Hunt[];
  source: TelemetrySource;
  now: Date;
  /** The custom exclusions in effect for a hunt, as its runs apply them. */
  exclusionsFor(hunt: Hunt): Promise<readonly CustomPredicate[]>;
  signal?: AbortSignal;
  caller?: Caller;
}

export interface RecordedSweep {
  snapshots: RunSnapshot[];
  sourceCalls: number;
  /** Hunts without a window of their own, which a run could not record either. */
  skipped: string[];
}

/** The snapshots to record, one per hunt, from one sweep over the longest of the hunts' own windows. */
export async function snapshotsBySweep(options: RecordBySweepOptions): Promise<RecordedSweep> {
  const { source, now } = options;
  const hunts = options.hunts.filter((h): h is Hunt & { lookbackMs: number } => h.lookbackMs !== null);
  const skipped = options.hunts.filter((h) => h.lookbackMs === null).map((h) => h.id);
  if (!hunts.length) return { snapshots: [], sourceCalls: 0, skipped };
  const exclusions = new Map<string, readonly CustomPredicate[]>();
  for (const hunt of hunts) exclusions.set(hunt.id, await options.exclusionsFor(hunt));
  const lookbackMs = Math.max(...hunts.map((h) => h.lookbackMs));
  const swept = await sweepHunts({
    hunts,
    source,
    now,
    lookbackMs,
    ownLookback: true,
    exclusions,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.caller ? { caller: options.caller } : {}),
  });
  const devices = devicesByHunt(swept.rows);
  const ranAt = new Date().toISOString();
  const snapshots = hunts.map(
    (hunt): RunSnapshot => ({
      huntId: hunt.id,
      sourceId: source.id,
      ranAt,
      windowStart: new Date(now.getTime() - hunt.lookbackMs).toISOString(),
      windowEnd: now.toISOString(),
      exclusions: (exclusions.get(hunt.id) ?? []).map((e) => `custom:${e.id}`).sort(),
      devices: (devices.get(hunt.id) ?? []).map((d) => ({
        deviceId: d.deviceId,
        deviceName: d.deviceName,
        firstSeen: d.firstSeen,
        lastSeen: d.lastSeen,
        count: d.count,
        activity: d.activity,
      })),
    }),
  );
  return { snapshots, sourceCalls: swept.sourceCalls, skipped };
}
