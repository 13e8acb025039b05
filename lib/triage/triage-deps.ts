// What the triage services need from outside: the store, the hunt catalog, the telemetry source (to tell
// which devices a hunt flags) and the clock. Routes use the configured ones; tests pass their own.
import 'server-only';
import type { Clock } from '@/lib/clock';
import { flaggedDevices, huntById, runClock } from '@/lib/hunts/hunt-service';
import type { Caller } from '@/lib/sources/types';
import { openConfiguredStore } from './open-store';
import type { TriageStore } from './types';

export interface TriageDeps {
  store: TriageStore;
  /** Throws HuntNotFoundError (404) for an id the catalog does not have. */
  requireHunt(huntId: string): Promise<unknown>;
  /** The subset of `deviceIds` the hunt flags; throws HuntNotFoundError for an unknown hunt. */
  flaggedDevices(
    huntId: string,
    deviceIds: readonly string[],
    signal?: AbortSignal,
    caller?: Caller,
  ): Promise<ReadonlySet<string>>;
  clock: Clock;
}

export async function configuredTriageDeps(): Promise<TriageDeps> {
  return { store: await openConfiguredStore(), requireHunt: huntById, flaggedDevices, clock: runClock() };
}
