// A hunt (the seed hunt unless told) through the compiled command line (`npm run hunt`), on the same data and "now" as the e2e server: the oracle for the pages.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { E2E_ENV } from '../playwright.config';

export const SEED_HUNT = 'a2d8dde6-007d-4bea-964d-97bb81006849';

export interface CliDevice {
  deviceId: string;
  deviceName: string;
  lastSeen: string;
  /** Why the device is flagged (lib/signals); the command line's JSON carries the run's signals too. */
  signals?: { ids: string[]; parents: string[]; parentCommandLines: string[]; accounts: string[] };
}

export async function cliHunt(
  options: { huntId?: string; lookback?: string; exclude?: string } = {},
): Promise<CliDevice[]> {
  const huntId = options.huntId ?? SEED_HUNT;
  const args = ['bin/huntboard.mjs', 'hunt', huntId, '--now', E2E_ENV.HUNTBOARD_NOW, '--format', 'json'];
  if (options.lookback) args.push('--lookback', options.lookback);
  if (options.exclude) args.push('--exclude', options.exclude);
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: { ...process.env, ...E2E_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as { devices: CliDevice[] }).devices;
}
