// The fleet trend of unapproved RMM use as the app runs it: one sweep (lib/hunts/sweep.ts) of every hunt that
// names a tool over the range's days the source keeps, judged by the approvals in force now.
import 'server-only';
import type { Hunt } from '@/lib/hunts/catalog';
import { catalogHunts, runClock, withQueryTimeout } from '@/lib/hunts/hunt-service';
import { SweepLimitError, sweepHunts } from '@/lib/hunts/sweep';
import { openConfiguredSource } from '@/lib/sources/configured-source';
import type { Caller } from '@/lib/sources/types';
import { currentApprovalMatcher } from '@/lib/triage/approval-service';
import { openConfiguredStore } from '@/lib/triage/open-store';
import { trendWindow } from './trend-window';
import { type UnapprovedRmmTrend, unapprovedRmmSeries } from './unapproved-rmm';

/**
 * Devices running unapproved RMM tools per UTC day, per tool, over `rangeDays` whole UTC days (today
 * included): one sweep over the days the source keeps, judged by the approvals in force now.
 */
export async function unapprovedRmmTrend({
  rangeDays,
  signal,
  caller,
}: {
  rangeDays: number;
  signal?: AbortSignal;
  caller?: Caller;
}): Promise<UnapprovedRmmTrend> {
  const [hunts, source, store] = await Promise.all([
    catalogHunts(),
    openConfiguredSource(),
    openConfiguredStore(),
  ]);
  const clock = runClock();
  const now = clock.now();
  const window = trendWindow(now, rangeDays);
  const isApproved = await currentApprovalMatcher({ store, clock });
  const toolHunts = hunts.filter((h): h is Hunt & { tool: string } => h.tool !== null);
  if (!toolHunts.length) throw new SweepLimitError('No hunt names a tool.');
  // The tool's first spelling names it, as the sweep does.
  const names = new Map<string, string>();
  for (const h of toolHunts) if (!names.has(h.tool.toLowerCase())) names.set(h.tool.toLowerCase(), h.tool);
  const toolOfHunt = new Map(toolHunts.map((h) => [h.id, names.get(h.tool.toLowerCase()) ?? h.tool]));
  const swept = await withQueryTimeout('The sweep', signal, (combined) =>
    sweepHunts({
      hunts: toolHunts,
      source,
      now,
      lookbackMs: window.sourceLookbackMs,
      signal: combined,
      ...(caller ? { caller } : {}),
    }),
  );
  return {
    range: { start: window.start.toISOString(), end: now.toISOString(), days: rangeDays },
    sourceCalls: swept.sourceCalls,
    days: window.days,
    tools: unapprovedRmmSeries(swept.rows, toolOfHunt, isApproved, window.days, window.sourceDays),
  };
}
