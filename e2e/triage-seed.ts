// What e2e/seed-triage.ts puts in each run's triage database before the server starts, shared with the specs
// that check it: a Benign verdict on the hunt's most recently seen device, dated before that device's last
// activity, as if it had been given earlier and the device had been active again since.
import type { CliDevice } from './cli-hunt';

export const SEEDED_REASON = 'Seeded: the server team’s jump host';

/** The newest activity comes first in the hunt's output; that device gets the overtaken verdict. */
export function seededDevice<T extends Pick<CliDevice, 'lastSeen'>>(devices: readonly T[]): T {
  const device = devices[0];
  if (!device) throw new Error('the hunt found no devices to seed a verdict for');
  return device;
}

/** The seeded verdict's time: an hour before the device was last seen. */
export function seededSetAt(lastSeen: string): Date {
  return new Date(Date.parse(lastSeen) - 3_600_000);
}
