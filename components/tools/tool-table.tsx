// The tools seen in the window, in two groups: unapproved (or partly approved) use first, then approved use,
// shown muted. Per tool: devices, new this week, first and last seen (UTC with a relative hint), a daily
// sparkline, its approval and how many of its devices have a verdict; the name leads to its devices page, every
// device any of its hunts matched.
'use client';
import Link from 'next/link';
import { ChartSparklineToolDays } from '@/components/charts/chart-sparkline-tool-days';
import { Button } from '@/components/ui/button';
import {
  formatCount,
  formatLookback,
  formatRelative,
  formatUtc,
  formatUtcExact,
} from '@/components/ui/format';
import { dailyDevices, type FleetOverview, type OverviewTool } from '@/lib/hunts/fleet-overview';
import type { ListedApproval } from '@/lib/triage/approval-service';
import { describeScope } from '@/lib/triage/approvals';
import { ApprovalBadge } from './approval-badge';
import { toolPageHref } from './tool-devices-params';

function Seen({ at, nowMs }: { at: string; nowMs: number }) {
  return (
    <span title={formatUtcExact(at)} className="whitespace-nowrap">
      <span className="tabular-nums">{formatUtc(at)}</span>{' '}
      <span className="text-muted">({formatRelative(Date.parse(at), nowMs)})</span>
    </span>
  );
}

function ApprovalNote({ approvals }: { approvals: readonly ListedApproval[] }) {
  if (!approvals.length) return null;
  return (
    <ul className="mt-0.5 text-muted text-xs">
      {approvals.map((a) => (
        <li key={a.id}>
          {describeScope(a)}: {a.reason}; owner {a.owner}
          {a.expiresAt ? `; until ${a.expiresAt.slice(0, 10)}` : ''}
          {a.expired ? ' (expired: flagged again)' : ''}
        </li>
      ))}
    </ul>
  );
}

function ToolRow({
  tool,
  overview,
  approvals,
  nowMs,
  canApprove,
  onApprove,
}: {
  tool: OverviewTool;
  overview: FleetOverview;
  approvals: readonly ListedApproval[];
  nowMs: number;
  canApprove: boolean;
  onApprove: (tool: OverviewTool) => void;
}) {
  const href = toolPageHref(tool.tool, overview.window.lookback);
  const muted = tool.approval === 'approved';
  return (
    <tr className={`border-line border-b align-top ${muted ? 'text-muted' : ''}`}>
      <th scope="row" className="px-2 py-1.5 text-left font-medium">
        <Link
          href={href}
          className="hover:underline"
          title={`Open ${tool.tool}'s devices: every device its ${tool.hunts.length === 1 ? 'hunt' : `${tool.hunts.length} hunts`} matched`}
        >
          {tool.tool}
        </Link>
        {tool.isNew && (
          <span className="ml-1.5 rounded bg-accent-soft px-1 py-px text-accent text-xs">new this week</span>
        )}
        <ApprovalNote approvals={approvals} />
      </th>
      <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(tool.devices.length)}</td>
      <td className="px-2 py-1.5 text-right tabular-nums" title="Devices first seen in the last 7 days">
        {tool.newDevices === null ? (
          <span title="Widen the window beyond 7 days to tell">—</span>
        ) : (
          tool.newDevices
        )}
      </td>
      <td className="px-2 py-1.5">
        <Seen at={tool.firstSeen} nowMs={nowMs} />
      </td>
      <td className="px-2 py-1.5">
        <Seen at={tool.lastSeen} nowMs={nowMs} />
      </td>
      <td className="px-2 py-1.5">
        <ChartSparklineToolDays
          tool={tool.tool}
          days={dailyDevices(tool.days, overview.window)}
          rangeLabel={`last ${formatLookback(overview.window.lookback)}`}
        />
      </td>
      <td className="px-2 py-1.5">
        <ApprovalBadge state={tool.approval} approved={tool.approvedDevices} total={tool.devices.length} />
      </td>
      <td className="px-2 py-1.5 text-right tabular-nums">
        {tool.reviewedDevices} of {tool.devices.length}
      </td>
      {canApprove && (
        <td className="px-2 py-1.5 text-right">
          <Button variant="ghost" className="h-6 px-2 text-xs" onClick={() => onApprove(tool)}>
            Approve…
          </Button>
        </td>
      )}
    </tr>
  );
}

export function ToolTable({
  overview,
  approvals,
  nowMs,
  canApprove,
  onApprove,
}: {
  overview: FleetOverview;
  approvals: readonly ListedApproval[];
  nowMs: number;
  canApprove: boolean;
  onApprove: (tool: OverviewTool) => void;
}) {
  const groups: [string, OverviewTool[]][] = [
    ['Unapproved in use', overview.tools.filter((t) => t.approval !== 'approved')],
    ['Approved', overview.tools.filter((t) => t.approval === 'approved')],
  ];
  const approvalsOf = (tool: string) => approvals.filter((a) => a.tool.toLowerCase() === tool.toLowerCase());
  return (
    <table aria-label="RMM tools" className="w-full border-collapse text-[13px]">
      <thead className="sticky top-0 z-10 bg-surface text-muted text-xs">
        <tr className="border-line border-b">
          <th scope="col" className="px-2 py-1 text-left font-medium">
            Tool
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            Devices
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            New
          </th>
          <th scope="col" className="px-2 py-1 text-left font-medium">
            First seen
          </th>
          <th scope="col" className="px-2 py-1 text-left font-medium">
            Last seen
          </th>
          <th scope="col" className="px-2 py-1 text-left font-medium">
            Devices per day
          </th>
          <th scope="col" className="px-2 py-1 text-left font-medium">
            Approval
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            Reviewed
          </th>
          {canApprove && (
            <th scope="col" className="px-2 py-1">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      {groups.map(([title, tools]) =>
        tools.length ? (
          <tbody key={title}>
            <tr>
              <th
                scope="rowgroup"
                colSpan={canApprove ? 9 : 8}
                className="bg-surface-2 px-2 py-1 text-left font-semibold text-xs uppercase tracking-wide"
              >
                {title} ({tools.length})
              </th>
            </tr>
            {tools.map((tool) => (
              <ToolRow
                key={tool.tool}
                tool={tool}
                overview={overview}
                approvals={approvalsOf(tool.tool)}
                nowMs={nowMs}
                canApprove={canApprove}
                onApprove={onApprove}
              />
            ))}
          </tbody>
        ) : null,
      )}
    </table>
  );
}
