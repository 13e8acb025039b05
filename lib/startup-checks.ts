// Checks run once when the web server starts (instrumentation.ts): a missing or malformed setting stops the
// process here, with a message naming it, instead of failing the first request that needs it.
import { authSettings, SettingsError, settings } from '@/lib/env';

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
