// The app's trends: one hunt's series on the configured source, with the triage store's recorded runs and
// verdict history, under the same time limit as a hunt run.
import 'server-only';
import { activeCustomExclusions, huntById, runClock, withQueryTimeout } from '@/lib/hunts/hunt-service';
import { openConfiguredSource } from '@/lib/sources/configured-source';
import type { Caller } from '@/lib/sources/types';
import { openConfiguredStore } from '@/lib/triage/open-store';
import { runTrends, type TriageRecords } from './run-trends';
import type { TrendReport } from './trend-report';
import { DEFAULT_RANGE_DAYS } from './trend-request';

/** Runs recorded in [from, to] and the hunt's verdict entries, from the configured triage store. */
export async function loadTriageRecords(huntId: string, from: Date, to: Date): Promise<TriageRecords> {
  const store = await openConfiguredStore();
  const [snapshots, verdictAudit] = await Promise.all([
    store.snapshots(huntId, from.toISOString(), to.toISOString()),
    store.audit({ huntId, entity: 'verdict' }),
  ]);
  return { snapshots, verdictAudit };
}

export async function trendsById(
  huntId: string,
  {
    rangeDays,
    exclude,
    signal,
    caller,
  }: { rangeDays?: number; exclude?: readonly string[]; signal?: AbortSignal; caller?: Caller },
): Promise<TrendReport> {
  const hunt = await huntById(huntId);
  const source = await openConfiguredSource();
  return withQueryTimeout('The trends', signal, async (combined) => {
    const now = runClock().now();
    return runTrends({
      hunt,
      source,
      now,
      custom: await activeCustomExclusions(hunt, now),
      caller,
      rangeDays: rangeDays ?? DEFAULT_RANGE_DAYS,
      exclude,
      loadTriage: loadTriageRecords,
      signal: combined,
    });
  });
}
