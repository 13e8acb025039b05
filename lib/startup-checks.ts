// Checks run once when the web server starts (instrumentation.ts): a missing or malformed setting stops the
// process here, with a message naming it, instead of failing the first request that needs it.
import { authSettings, SettingsError, settings } from '@/lib/env';
import { parseKql } from '@/lib/kql/parse';
import { openConfiguredSource } from '@/lib/sources/configured-source';

export function checkSettingsOrExit(): void {
  try {
    settings();
    authSettings();
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`\nHuntboard cannot start. ${error.message}\nSee docs/auth.md for the sign-in settings.\n`);
    process.exit(1);
  }
}

/**
 * Loads the Kusto parser (about a second on first use) and opens the telemetry source in the background,
 * so that the first analyst to run a hunt does not wait for them. Failures surface on that first run.
 */
export function warmUp(): void {
  setImmediate(() => {
    try {
      parseKql('DeviceProcessEvents | take 1');
    } catch {
      // the first hunt run reports it
    }
    openConfiguredSource().catch(() => {});
  });
}
