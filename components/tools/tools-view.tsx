// The RMM overview: every tool seen in the window, unapproved use first, with the sweep's cost and freshness,
// the tool × device view, and (for triagers) approving, changing and revoking. Data comes from the sweep and
// the approvals hooks; this file only lays them out.
'use client';
import { useState } from 'react';
import { useHasRole } from '@/components/auth/use-sign-in-state';
import { RunProblem } from '@/components/hunts/run-problem';
import { Button } from '@/components/ui/button';
import { formatLookback, plural } from '@/components/ui/format';
import { RefreshIcon } from '@/components/ui/icons';
import { useNow } from '@/components/ui/use-now';
import type { OverviewTool } from '@/lib/hunts/fleet-overview';
import { ApprovalDialog, type ApprovalTarget } from './approval-dialog';
import { ApprovalList } from './approval-list';
import { OverviewWindowSelect } from './overview-window-select';
import { SweepStatus } from './sweep-status';
import { ToolDeviceMatrix } from './tool-device-matrix';
import { ToolTable } from './tool-table';
import { useApprovals } from './use-approvals';
import { useFleetSweep } from './use-fleet-sweep';
import { useToolsViewParams } from './use-tools-view-params';

function SkeletonRows() {
  return (
    <div aria-hidden="true" className="flex flex-col gap-1.5 p-2">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
        <div key={i} className="h-7 animate-pulse rounded bg-skeleton" />
      ))}
    </div>
  );
}

export function ToolsView() {
  const [{ lookback, invalid }, setLookback] = useToolsViewParams();
  const sweep = useFleetSweep(lookback);
  const approvals = useApprovals();
  const canApprove = useHasRole(['Triager']);
  const [approving, setApproving] = useState<OverviewTool | null>(null);
  // By id, so a reload after someone else's change hands the dialog the version now on record.
  const [editingId, setEditingId] = useState<string | null>(null);
  const nowMs = useNow(30_000);
  const { overview } = sweep;
  const running = sweep.status === 'running';

  const toolDevices = (tool: string) =>
    overview?.tools.find((t) => t.tool.toLowerCase() === tool.toLowerCase())?.devices ?? [];
  const editing = approvals.approvals?.find((a) => a.id === editingId) ?? null;
  const target: ApprovalTarget | null = editing
    ? { tool: editing.tool, devices: toolDevices(editing.tool), approval: editing }
    : approving
      ? { tool: approving.tool, devices: approving.devices }
      : null;
  // Saved or refused, the change makes the approvals and the sweep load again (the query cache's rule).
  const save = (input: Parameters<typeof approvals.approve>[0]) =>
    editing ? approvals.update(editing, input) : approvals.approve(input);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-line border-b bg-surface px-4 py-2 text-[13px]">
        <h1 className="font-semibold text-[15px]">RMM tools</h1>
        <OverviewWindowSelect lookback={lookback} onChange={setLookback} />
        <SweepStatus sweep={sweep} />
        {overview && (
          <span className="text-muted tabular-nums">
            {plural(overview.sourceCalls, 'source call')} · {plural(overview.tools.length, 'tool')}
          </span>
        )}
        <Button onClick={sweep.sweepAgain} disabled={running}>
          <RefreshIcon size={13} /> Sweep again
        </Button>
      </header>
      <div className="relative min-h-0 flex-1 overflow-auto" aria-busy={running}>
        {invalid && (
          <p role="status" className="mx-4 mt-3 rounded-md bg-warning-soft px-3 py-2 text-warning text-xs">
            The window '{invalid.slice(0, 40)}' in the link is not valid; showing the last{' '}
            {formatLookback(lookback)}.
          </p>
        )}
        {sweep.error && (
          <div className="mx-4 mt-3">
            <RunProblem
              problem={sweep.error}
              staleSince={overview?.window.end ?? null}
              onRetry={sweep.sweepAgain}
            />
          </div>
        )}
        {overview?.truncated && (
          <p role="status" className="mx-4 mt-3 rounded-md bg-warning-soft px-3 py-2 text-warning text-xs">
            The source stopped at its row limit: some devices or days may be missing. A shorter window shows
            all.
          </p>
        )}
        <section aria-labelledby="tools-heading" className="px-4 py-3">
          <h2 id="tools-heading" className="sr-only">
            Tools seen in the window
          </h2>
          {!overview && running && <SkeletonRows />}
          {overview && overview.tools.length === 0 && (
            <p className="rounded-md border border-line bg-surface px-3 py-4 text-muted">
              No RMM tool was seen in the last {formatLookback(overview.window.lookback)}. Widen the window,
              or check that the source holds the device tables the catalog's hunts read.
            </p>
          )}
          {overview && overview.tools.length > 0 && (
            <div className={running ? 'opacity-60' : ''}>
              <ToolTable
                overview={overview}
                approvals={approvals.approvals ?? []}
                nowMs={nowMs}
                canApprove={canApprove}
                onApprove={setApproving}
              />
            </div>
          )}
        </section>
        {overview && overview.tools.length > 0 && (
          <section aria-labelledby="matrix-heading" className="px-4 py-3">
            <h2 id="matrix-heading" className="mb-1 font-semibold">
              Tools by device
            </h2>
            <ToolDeviceMatrix tools={overview.tools} />
          </section>
        )}
        <section aria-labelledby="approvals-heading" className="px-4 py-3">
          <h2 id="approvals-heading" className="mb-1 font-semibold">
            Approvals
          </h2>
          {approvals.error && (
            <p role="alert" className="text-danger text-xs">
              Could not load the approvals: {approvals.error.detail}
            </p>
          )}
          {approvals.approvals === null && !approvals.error && <SkeletonRows />}
          {approvals.approvals && (
            <ApprovalList
              approvals={approvals.approvals}
              canChange={canApprove}
              onEdit={(approval) => setEditingId(approval.id)}
              onRevoke={approvals.revoke}
            />
          )}
        </section>
      </div>
      <ApprovalDialog
        key={editing ? `edit ${editing.id}` : approving ? `approve ${approving.tool}` : 'closed'}
        target={target}
        now={new Date(nowMs)}
        onClose={() => {
          setApproving(null);
          setEditingId(null);
        }}
        onSave={save}
      />
    </div>
  );
}
