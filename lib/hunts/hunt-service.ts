// The app's hunts: the catalog and the configured source, loaded once per process.
import 'server-only';
import { type Clock, fixedClock, systemClock } from '@/lib/clock';
import { settings } from '@/lib/env';
import { composeHunt } from '@/lib/kql/compose';
import { kqlString } from '@/lib/kql/literal';
import { openConfiguredSource } from '@/lib/sources/configured-source';
import { type Caller, SourceTimeoutError } from '@/lib/sources/types';
import { customExclusionPredicate, isActive } from '@/lib/triage/custom-exclusion-predicate';
import { openConfiguredStore } from '@/lib/triage/open-store';
import { isExclusionField } from '@/lib/triage/types';
import {
  type CatalogRead,
  catalogFingerprint,
  type Hunt,
  huntSummary,
  mainTable,
  readCatalog,
} from './catalog';
import { deviceEvidence } from './device-evidence';
import type { DeviceEvidence } from './device-evidence-result';
import type { CatalogProblemSummary, HuntRun, HuntSummary } from './hunt-run';
import { snapshotsBySweep } from './record-sweep';
import { type CustomPredicate, findHunt, runHunt } from './run-hunt';
import { MAX_LOOKBACK_MS } from './run-request';
import { snapshotOf } from './run-snapshot';

interface CatalogState {
  read: Promise<CatalogRead>;
  /** The files the read saw; taken before reading, so a change during the read is noticed next time. */
  fingerprint: Promise<string>;
  checkedAt: number;
}

let catalog: CatalogState | undefined;

/** How often, at most, a request looks for changed, added or removed catalog files (a stat per file). */
const RECHECK_MS = 10_000;

function catalogPaths(): string[] {
  const { HUNTBOARD_HUNTS_DIR, HUNTBOARD_CATALOG } = settings();
  return [HUNTBOARD_HUNTS_DIR, ...HUNTBOARD_CATALOG];
}

/**
 * The built-in catalog folder plus HUNTBOARD_CATALOG's, read once and again after its files change (noticed on
 * the first request 10 s after the last look, which still answers from the previous read); problems are
 * logged and returned, not thrown.
 */
function catalogRead(): Promise<CatalogRead> {
  const now = Date.now();
  const current = catalog;
  if (current && now - current.checkedAt > RECHECK_MS) {
    current.checkedAt = now;
    void Promise.all([catalogFingerprint(catalogPaths()), current.fingerprint])
      .then(([fresh, old]) => {
        if (fresh !== old && catalog === current) catalog = undefined;
      })
      .catch(() => {});
  }
  if (!catalog) {
    const paths = catalogPaths();
    const fingerprint = catalogFingerprint(paths);
    const read = fingerprint
      .then(() => readCatalog(paths))
      .then((r) => {
        for (const p of r.problems) console.error(`Catalog: ${p.file}:${p.line}:${p.column}: ${p.message}`);
        return r;
      });
    const state: CatalogState = { read, fingerprint, checkedAt: now };
    catalog = state;
    read.catch(() => {
      if (catalog === state) catalog = undefined; // an unreadable folder is tried again on the next request
    });
  }
  return catalog.read;
}

async function hunts(): Promise<Hunt[]> {
  return (await catalogRead()).hunts;
}

/** The catalog's hunts as loaded (the sweep reads them all). */
export function catalogHunts(): Promise<Hunt[]> {
  return hunts();
}

function clock(): Clock {
  const pinned = settings().HUNTBOARD_NOW;
  return pinned ? fixedClock(pinned) : systemClock;
}

/**
 * Runs `work` under the query time limit (HUNTBOARD_QUERY_TIMEOUT_MS) as well as the caller's signal; running
 * out of time becomes SourceTimeoutError (504) saying that `what` did not finish.
 */
export async function withQueryTimeout<T>(
  what: string,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeoutMs = settings().HUNTBOARD_QUERY_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    return await work(signal ? AbortSignal.any([signal, timeout]) : timeout);
  } catch (error) {
    if (timeout.aborted) throw new SourceTimeoutError(`${what} did not finish within ${timeoutMs / 1000} s.`);
    throw error;
  }
}

/** The catalog's hunt with this id; throws HuntNotFoundError. */
export async function huntById(huntId: string): Promise<Hunt> {
  return findHunt(await hunts(), huntId);
}

/** "Now" for every run: the pinned instant or the system clock. */
export function runClock(): Clock {
  return clock();
}

/**
 * The triagers' custom exclusions that apply to a hunt at `now` (switched on, not expired), as predicates.
 * Every run, evidence list and trend applies the same ones. One whose field the hunt's main table no longer
 * has (the hunt file changed its table since) cannot apply: it is left out and logged, never guessed at.
 */
export async function activeCustomExclusions(
  hunt: Pick<Hunt, 'id' | 'tables'>,
  now: Date,
): Promise<CustomPredicate[]> {
  const store = await openConfiguredStore();
  const table = mainTable(hunt);
  const predicates: CustomPredicate[] = [];
  for (const exclusion of await store.customExclusions(hunt.id)) {
    if (!isActive(exclusion, now)) continue;
    if (!isExclusionField(exclusion.field, table)) {
      console.warn(
        `Custom exclusion ${exclusion.id} of ${hunt.id} tests ${exclusion.field}, which ${table?.name ?? 'the hunt'} does not have; it is not applied.`,
      );
      continue;
    }
    predicates.push({ id: exclusion.id, predicate: customExclusionPredicate(exclusion, table) });
  }
  return predicates;
}

/** Keeps a run for trends beyond the source's retention; a failure is logged, the run still answers. */
async function recordRun(run: HuntRun): Promise<void> {
  try {
    await (await openConfiguredStore()).recordSnapshot(snapshotOf(run));
  } catch (error) {
    console.error(
      `Could not record the run of ${run.hunt.id}: ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** The catalog's hunts and the files that did not load (each with its file, line, column and cause). */
export async function listHunts(): Promise<{ hunts: HuntSummary[]; problems: CatalogProblemSummary[] }> {
  const { hunts, problems } = await catalogRead();
  return { hunts: hunts.map(huntSummary), problems };
}

export async function runHuntById(
  huntId: string,
  {
    lookbackMs,
    exclude,
    signal,
    caller,
  }: { lookbackMs?: number; exclude?: readonly string[]; signal?: AbortSignal; caller?: Caller },
): Promise<HuntRun> {
  const hunt = findHunt(await hunts(), huntId);
  const source = await openConfiguredSource();
  return withQueryTimeout('The hunt', signal, async (combined) => {
    const now = clock().now();
    const custom = await activeCustomExclusions(hunt, now);
    const run = await runHunt({ hunt, source, now, lookbackMs, exclude, custom, signal: combined, caller });
    await recordRun(run);
    return run;
  });
}

/** One device's events in a hunt's window, with the same exclusions a run applies; see device-evidence.ts. */
export async function deviceEvidenceById(
  huntId: string,
  deviceId: string,
  {
    lookbackMs,
    exclude,
    custom,
    limit,
    signal,
    caller,
  }: {
    lookbackMs?: number;
    exclude?: readonly string[];
    /** The custom exclusions the run applies; the evidence must apply the same. */
    custom?: readonly CustomPredicate[];
    limit?: number;
    signal?: AbortSignal;
    caller?: Caller;
  },
): Promise<DeviceEvidence> {
  const hunt = findHunt(await hunts(), huntId);
  const source = await openConfiguredSource();
  return withQueryTimeout("The device's events", signal, async (combined) => {
    const now = clock().now();
    return deviceEvidence({
      hunt,
      source,
      now,
      deviceId,
      lookbackMs,
      exclude,
      custom: custom ?? (await activeCustomExclusions(hunt, now)),
      limit,
      signal: combined,
      caller,
    });
  });
}

/**
 * Which of `deviceIds` the hunt flags at all, over the longest lookback (180 days) and without exclusions:
 * a verdict may only be given to a device the hunt found. The ids reach the KQL only as string literals.
 */
export async function flaggedDevices(
  huntId: string,
  deviceIds: readonly string[],
  signal?: AbortSignal,
  caller?: Caller,
): Promise<Set<string>> {
  const hunt = findHunt(await hunts(), huntId);
  if (!deviceIds.length) return new Set();
  const { events } = composeHunt(hunt.query, { lookbackMs: MAX_LOOKBACK_MS });
  const kql = `${events}\n| where DeviceId in (${[...new Set(deviceIds)].map(kqlString).join(', ')})\n| summarize by DeviceId`;
  const source = await openConfiguredSource();
  return withQueryTimeout('Checking the devices', signal, async (combined) => {
    const result = await source.run(kql, { now: clock().now(), signal: combined, caller });
    return new Set(result.rows.map((row) => String(row.DeviceId)));
  });
}

/**
 * Records every hunt of the catalog over its own window with the custom exclusions in effect (no optional
 * rules), as a run of each would, from one sweep (one source query per table): what the scheduled recording
 * does every HUNTBOARD_RECORD_INTERVAL_MINUTES. Returns how many hunts it recorded.
 */
export async function recordAllHunts(): Promise<number> {
  const [all, source, store] = await Promise.all([hunts(), openConfiguredSource(), openConfiguredStore()]);
  const { snapshots, skipped } = await withQueryTimeout('The recording sweep', undefined, (signal) => {
    const now = clock().now();
    return snapshotsBySweep({
      hunts: all,
      source,
      now,
      exclusionsFor: (hunt) => activeCustomExclusions(hunt, now),
      signal,
    });
  });
  for (const id of skipped)
    console.error(`Recording: the hunt ${id} has no window of its own; it is not recorded.`);
  for (const snapshot of snapshots) await store.recordSnapshot(snapshot);
  return snapshots.length;
}
