// Before the e2e server starts, in the run's fresh triage database: a Benign verdict set through the store (so
// it has its audit entry), then dated back to before the device's last activity. The store stamps verdicts
// with the database's clock, and the demo's activity ends at the pinned "now", which lies in the past; only
// a verdict dated earlier lets a spec see "new activity since verdict" on a running server.
import { and, eq } from 'drizzle-orm';
import { settings } from '@/lib/env';
import { loadCatalog } from '@/lib/hunts/catalog';
import { findHunt, runHunt } from '@/lib/hunts/run-hunt';
import { SEED_HUNT_ID as SEED_HUNT } from '@/lib/hunts/test-support';
import { DEMO_USERS } from '@/lib/identity-provider/demo-users';
import { openConfiguredSource } from '@/lib/sources/configured-source';
import { configuredStoreLocation, openTriageDatabase } from '@/lib/triage/open-store';
import { verdicts } from '@/lib/triage/schema';
import { createTriageStore } from '@/lib/triage/store';
import { SEEDED_REASON, seededDevice, seededSetAt } from './triage-seed';

async function main() {
  if (!settings().HUNTBOARD_TRIAGE_DIR)
    throw new Error('HUNTBOARD_TRIAGE_DIR must name the run’s own folder');
  // The hunt as the server will run it on this empty database (no custom exclusions), without recording it.
  const hunt = findHunt(await loadCatalog(settings().HUNTBOARD_HUNTS_DIR), SEED_HUNT);
  const now = settings().HUNTBOARD_NOW ?? new Date();
  const run = await runHunt({ hunt, source: await openConfiguredSource(), now });
  const device = seededDevice(run.devices);
  const database = await openTriageDatabase(configuredStoreLocation(settings()));
  const store = createTriageStore(database);
  try {
    const triager = DEMO_USERS.find((user) => user.login === 'triager');
    if (!triager) throw new Error('the demo has no triager');
    await store.setVerdict(
      {
        huntId: SEED_HUNT,
        deviceId: device.deviceId,
        deviceName: device.deviceName,
        expectedVersion: 0,
        input: { status: 'benign', reason: SEEDED_REASON },
      },
      { id: triager.oid, name: triager.name },
    );
    await database.db
      .update(verdicts)
      .set({ setAt: seededSetAt(device.lastSeen) })
      .where(and(eq(verdicts.huntId, SEED_HUNT), eq(verdicts.deviceId, device.deviceId)));
    console.log(`Seeded a Benign verdict on ${device.deviceName}, dated before its last activity.`);
  } finally {
    await store.close();
  }
}

main().then(
  // The telemetry source stays open in this process; nothing else is left to do.
  () => process.exit(0),
  (error: unknown) => {
    console.error('seed-triage:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
