// One tool's devices: every device where any of the tool's hunts matched in the window, from a sweep of the
// tool's hunts alone (one source call per table), with what each hunt found there, the approvals that cover
// it and what it counts as; each match leads to its hunt's devices page with the device open.
'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import type { DataTableHandle } from '@/components/data-table/data-table';
import { RunProblem } from '@/components/hunts/run-problem';
import { Button, Kbd } from '@/components/ui/button';
import { formatLookback, plural } from '@/components/ui/format';
import { RefreshIcon } from '@/components/ui/icons';
import { type ShortcutHelp, ShortcutsDialog } from '@/components/ui/shortcuts-dialog';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { ApprovalBadge } from './approval-badge';
import { OverviewWindowSelect } from './overview-window-select';
import { SweepStatus } from './sweep-status';
import { primaryMatch, toolDeviceRows } from './tool-device-rows';
import { ToolDeviceTable } from './tool-device-table';
import { writeToolDevicesParams } from './tool-devices-params';
import { useApprovals } from './use-approvals';
import { useFleetSweep } from './use-fleet-sweep';
import { useToolDevicesParams } from './use-tool-devices-params';

const SHORTCUTS: ShortcutHelp[] = [
  { keys: ['j', 'k'], description: 'Next or previous device' },
  { keys: ['Enter'], description: 'Open the device on the hunt that saw it last' },
  { keys: ['/'], description: 'Filter devices' },
  { keys: ['Esc'], description: 'Leave the filter, or clear the active row' },
  { keys: ['?'], description: 'Show these shortcuts' },
];

export function ToolDevicesView({ tool }: { tool: string }) {
  const [params, setParams] = useToolDevicesParams();
  const { lookback } = params;
  const sweep = useFleetSweep(lookback, tool);
  const approvals = useApprovals();
  const router = useRouter();
  const tableRef = useRef<DataTableHandle>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const { overview } = sweep;
  const running = sweep.status === 'running';
  const found = overview?.tools.find((t) => t.tool.toLowerCase() === tool.toLowerCase()) ?? null;
  const rows = useMemo(
    () =>
      overview
        ? found
          ? toolDeviceRows(found, overview.window.lookback, approvals.approvals ?? [])
          : []
        : null,
    [overview, found, approvals.approvals],
  );
  const name = found?.tool ?? tool;

  useHotkeys({
    '/': (event) => {
      event.preventDefault();
      filterRef.current?.focus();
      filterRef.current?.select();
    },
    '?': () => setHelpOpen(true),
  });

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-line border-b bg-surface px-4 py-2 text-[13px]">
        <nav aria-label="Breadcrumb" className="text-muted">
          <Link
            href={`/tools${writeToolDevicesParams('', { lookback })}`}
            className="hover:text-fg hover:underline"
          >
            RMM tools
          </Link>
          <span aria-hidden="true"> / </span>
        </nav>
        <h1 className="font-semibold text-[15px]">{name}</h1>
        {found && (
          <ApprovalBadge
            state={found.approval}
            approved={found.approvedDevices}
            total={found.devices.length}
          />
        )}
        <OverviewWindowSelect lookback={lookback} onChange={(next) => setParams({ lookback: next })} />
        <SweepStatus sweep={sweep} />
        {overview && (
          <span className="text-muted tabular-nums">
            {plural(overview.sourceCalls, 'source call')}
            {found ? ` · ${plural(found.hunts.length, 'hunt')}` : ''}
          </span>
        )}
        <Button onClick={sweep.sweepAgain} disabled={running}>
          <RefreshIcon size={13} /> Sweep again
        </Button>
        <button
          type="button"
          onClick={() => setHelpOpen(true)}
          className="ml-auto text-muted text-xs hover:text-fg"
          aria-label="Keyboard shortcuts"
        >
          <Kbd>?</Kbd>
        </button>
      </header>
      {params.invalidLookback && (
        <p role="status" className="mx-4 mt-3 rounded-md bg-warning-soft px-3 py-2 text-warning text-xs">
          The window '{params.invalidLookback.slice(0, 40)}' in the link is not valid; showing the last{' '}
          {formatLookback(lookback)}.
        </p>
      )}
      {sweep.error && (
        <RunProblem
          problem={sweep.error}
          staleSince={overview?.window.end ?? null}
          onRetry={sweep.sweepAgain}
        />
      )}
      {overview?.truncated && (
        <p role="status" className="mx-4 mt-3 rounded-md bg-warning-soft px-3 py-2 text-warning text-xs">
          The source stopped at its row limit: some devices may be missing. A shorter window shows all.
        </p>
      )}
      {approvals.error && (
        <p role="status" className="mx-4 mt-3 text-warning text-xs">
          Could not load the approvals ({approvals.error.detail}); approved devices are marked, without their
          approval.
        </p>
      )}
      <ToolDeviceTable
        rows={rows}
        windowEndMs={overview ? Date.parse(overview.window.end) : 0}
        loading={running && rows === null}
        busy={running && rows !== null}
        stale={!sweep.current || sweep.status === 'failed'}
        view={params}
        onViewChange={setParams}
        onOpen={(row) => {
          const match = primaryMatch(row);
          if (match) router.push(match.href);
        }}
        tableRef={tableRef}
        filterRef={filterRef}
        renderEmpty={({ filtered, clearFilter }) =>
          !overview ? (
            <p className="text-muted">
              {sweep.status === 'cancelled'
                ? 'The sweep was cancelled. Sweep again to list the devices.'
                : 'No devices to show: the sweep did not answer (see above).'}
            </p>
          ) : filtered ? (
            <p className="text-muted">
              No device matches the filter.{' '}
              <button type="button" className="text-accent hover:underline" onClick={clearFilter}>
                Clear the filter
              </button>
            </p>
          ) : (
            <p className="text-muted">
              No device ran {name} in the last {formatLookback(overview?.window.lookback ?? lookback)}: none
              of its hunts matched. Widen the window, or go back to the{' '}
              <Link href="/tools" className="text-accent hover:underline">
                RMM tools
              </Link>
              .
            </p>
          )
        }
      />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={SHORTCUTS} />
    </div>
  );
}
