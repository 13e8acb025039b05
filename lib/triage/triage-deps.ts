// What the triage services need from outside: the store, the hunt catalog (which hunts exist and the tables
// they read), the telemetry source (to tell which devices a hunt flags) and the clock. The hunts layer wires
// the configured ones (lib/hunts/configured-triage-deps.ts); tests pass their own.
import type { Clock } from '@/lib/clock';
import type { Caller } from '@/lib/sources/types';
import type { TriageStore } from './types';

/** What triage needs to know of a hunt: the registry tables its query reads, the first being its main table. */
export interface TriageHunt {
  tables: readonly string[];
}

export interface TriageDeps {
  store: TriageStore;
  /** The hunt; throws HuntNotFoundError (404) for an id the catalog does not have. */
  requireHunt(huntId: string): Promise<TriageHunt>;
  /** The subset of `deviceIds` the hunt flags; throws HuntNotFoundError for an unknown hunt. */
  flaggedDevices(
    huntId: string,
    deviceIds: readonly string[],
    signal?: AbortSignal,
    caller?: Caller,
  ): Promise<ReadonlySet<string>>;
  clock: Clock;
}
