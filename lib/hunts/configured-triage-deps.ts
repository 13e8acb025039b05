// The triage services' dependencies as the app runs them: the configured store, this catalog, the configured
// source and the run clock. It lives with the hunts, which triage must not import.
import 'server-only';
import { openConfiguredStore } from '@/lib/triage/open-store';
import type { TriageDeps } from '@/lib/triage/triage-deps';
import { flaggedDevices, huntById, runClock } from './hunt-service';

export async function configuredTriageDeps(): Promise<TriageDeps> {
  return { store: await openConfiguredStore(), requireHunt: huntById, flaggedDevices, clock: runClock() };
}
