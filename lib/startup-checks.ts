// Checks run once when the web server starts (instrumentation.ts): a missing or malformed setting stops the
// process here, with a message naming it, instead of failing the first request that needs it.
import { authSettings, SettingsError, settings } from '@/lib/env';
import { recordAllHunts } from '@/lib/hunts/hunt-service';
import { startSchedule } from '@/lib/hunts/recording-schedule';
import { parseKql } from '@/lib/kql/parse';
import { openConfiguredSource } from '@/lib/sources/configured-source';
import { TABLE_NAMES } from '@/lib/tables/registry';
import { configuredStoreLocation, openConfiguredStore } from '@/lib/triage/open-store';

export function checkSettingsOrExit(): void {
  try {
    configuredStoreLocation(settings());
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
      parseKql(`${TABLE_NAMES[0]} | take 1`);
    } catch {
      // the first hunt run reports it
    }
    openConfiguredSource().catch(() => {});
    // The triage database is created (PGlite) or migrated now, not when the first verdict is saved; a
    // database that cannot be opened is reported here and again by the first request that needs it.
    openConfiguredStore().catch((error: unknown) =>
      console.error(`Triage database: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
}

/** With HUNTBOARD_RECORD_INTERVAL_MINUTES set, records every hunt's run on that interval. */
export function startRecording(): void {
  const minutes = settings().HUNTBOARD_RECORD_INTERVAL_MINUTES;
  if (minutes === 0) return;
  startSchedule(
    minutes * 60_000,
    async () => {
      const count = await recordAllHunts();
      console.log(`Recorded ${count} hunt run(s) for trends.`);
    },
    (error) =>
      console.error(`Recording hunt runs failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  console.log(`Recording every hunt's run every ${minutes} minute(s).`);
}
