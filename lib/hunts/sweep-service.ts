// The fleet sweep as the app runs it: every catalog hunt that names a tool (or those of the tools asked for),
// against the configured source, with the approvals in force now deciding what is approved (and naming which
// approval covers each device), and the verdicts of each tool's hunts counted.
import 'server-only';
import { z } from 'zod';
import { safeText } from '@/lib/safe-text';
import { openConfiguredSource } from '@/lib/sources/configured-source';
import type { Caller } from '@/lib/sources/types';
import { currentApprovingMatcher } from '@/lib/triage/approval-service';
import { openConfiguredStore } from '@/lib/triage/open-store';
import { type FleetOverview, fleetOverview } from './fleet-overview';
import { catalogHunts, runClock, withQueryTimeout } from './hunt-service';
import { lookbackSchema } from './lookback';
import { runSweep } from './sweep';

/** The overview's window when none is asked for: long enough to tell what is new this week. */
export const DEFAULT_SWEEP_LOOKBACK_MS = 30 * 86_400_000;
/** Tools one request may name in `?tool=`. */
export const MAX_SWEEP_TOOLS = 100;

/** GET /api/sweep?lookback=30d&tool=AnyDesk,TeamViewer */
export const sweepQuerySchema = z.object({
  lookback: lookbackSchema.optional(),
  tool: safeText()
    .max(10_000, 'is too long; name at most 100 tools')
    .transform((text) => [
      ...new Set(
        text
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(200, 'must name tools of at most 200 characters each'))
        .min(1, 'must name at least one tool, e.g. AnyDesk')
        .max(MAX_SWEEP_TOOLS, `must name at most ${MAX_SWEEP_TOOLS} tools`),
    )
    .optional(),
});
export type SweepQuery = z.infer<typeof sweepQuerySchema>;

export async function sweepFleet({
  lookbackMs = DEFAULT_SWEEP_LOOKBACK_MS,
  tools,
  signal,
  caller,
}: {
  lookbackMs?: number;
  tools?: readonly string[];
  signal?: AbortSignal;
  caller?: Caller;
}): Promise<FleetOverview> {
  const [hunts, source, store] = await Promise.all([
    catalogHunts(),
    openConfiguredSource(),
    openConfiguredStore(),
  ]);
  const clock = runClock();
  const now = clock.now();
  const approving = await currentApprovingMatcher({ store, clock });
  const isApproved = (tool: string, device: { DeviceId: string; DeviceName: string }) =>
    approving(tool, device).length > 0;
  const started = performance.now();
  const sweep = await withQueryTimeout('The sweep', signal, (combined) =>
    runSweep({
      hunts,
      source,
      now,
      lookbackMs,
      isApproved,
      ...(tools ? { tools } : {}),
      signal: combined,
      ...(caller ? { caller } : {}),
    }),
  );
  const tookMs = Math.round(performance.now() - started);
  const seen = new Set(sweep.tools.map((t) => t.tool.toLowerCase()));
  const huntIds = hunts.filter((h) => h.tool !== null && seen.has(h.tool.toLowerCase())).map((h) => h.id);
  return fleetOverview(sweep, hunts, await store.verdictsOf(huntIds), now, tookMs, approving);
}
