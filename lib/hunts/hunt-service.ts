// The app's hunts: the catalog and the configured source, loaded once per process.
import 'server-only';
import { type Clock, fixedClock, systemClock } from '@/lib/clock';
import { settings } from '@/lib/env';
import { openConfiguredSource } from '@/lib/sources/configured-source';
import { SourceTimeoutError } from '@/lib/sources/types';
import { type Hunt, loadCatalog } from './catalog';
import type { HuntRun, HuntSummary } from './hunt-run';
import { findHunt, runHunt } from './run-hunt';

let catalog: Promise<Hunt[]> | undefined;

function hunts(): Promise<Hunt[]> {
  catalog ??= loadCatalog(settings().HUNTBOARD_HUNTS_DIR).catch((error) => {
    catalog = undefined; // a fixed file should be picked up on the next request
    throw error;
  });
  return catalog;
}

function clock(): Clock {
  const pinned = settings().HUNTBOARD_NOW;
  return pinned ? fixedClock(pinned) : systemClock;
}

export async function listHunts(): Promise<HuntSummary[]> {
  return (await hunts()).map((h) => ({
    id: h.id,
    name: h.name,
    description: h.description,
    tactics: h.tactics,
    techniques: h.relevantTechniques,
  }));
}

export async function runHuntById(
  huntId: string,
  { lookbackMs, exclude, signal }: { lookbackMs?: number; exclude?: readonly string[]; signal?: AbortSignal },
): Promise<HuntRun> {
  const hunt = findHunt(await hunts(), huntId);
  const source = await openConfiguredSource();
  const timeoutMs = settings().HUNTBOARD_QUERY_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    return await runHunt({ hunt, source, now: clock().now(), lookbackMs, exclude, signal: combined });
  } catch (error) {
    if (timeout.aborted)
      throw new SourceTimeoutError(`The hunt did not finish within ${timeoutMs / 1000} s.`);
    throw error;
  }
}
