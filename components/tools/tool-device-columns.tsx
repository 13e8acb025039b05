// A tool's devices table's columns: the device, the hunts that matched it (each a link to that hunt's devices
// page with the device open), the tables, its approval, what it counts as, first and last seen, count.
'use client';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { DataTableColumnHeader } from '@/components/data-table/data-table-column-header';
import { DeviceNameCell } from '@/components/devices/device-cells';
import { seenColumns } from '@/components/devices/seen-columns';
import { VERDICT_LABELS, VerdictBadge, VerdictIcon } from '@/components/triage/verdict-badge';
import { formatCount, formatUtcExact } from '@/components/ui/format';
import { verdictStatuses } from '@/lib/triage/types';
import type { ToolDeviceMatch, ToolDeviceRow } from './tool-device-rows';
import type { ToolDeviceColumnId } from './tool-devices-params';

/** Table names without the common prefix, as a chip reads them. */
const shortTable = (table: string) => table.replace(/^Device/, '').replace(/Events$/, '') || table;

function matchTitle(m: ToolDeviceMatch): string {
  return `${m.huntName} (${m.table}): ${formatCount(m.Count)} events, first ${formatUtcExact(m.FirstSeen)}, last ${formatUtcExact(m.LastSeen)}; ${VERDICT_LABELS[m.status]} there. Opens the device on the hunt's page.`;
}

function MatchLinks({ row }: { row: ToolDeviceRow }) {
  return (
    <ul className="flex min-w-0 items-center gap-1 overflow-hidden">
      {row.matches.map((m) => (
        <li key={m.hunt} className="min-w-0 shrink">
          <Link
            href={m.href}
            title={matchTitle(m)}
            aria-label={`${m.huntName}: ${formatCount(m.Count)} events, ${VERDICT_LABELS[m.status]}; open ${row.DeviceName} on this hunt`}
            // The link is the action; the row around it should not also take the click as "activate".
            onClick={(event) => event.stopPropagation()}
            className="inline-flex h-5 max-w-48 items-center gap-1 rounded border border-line bg-surface-2 px-1.5 text-xs hover:border-line-strong hover:underline focus-visible:outline-2 focus-visible:outline-accent"
          >
            <VerdictIcon status={m.status} />
            <span className="truncate">{m.huntLabel}</span>
            <span className="shrink-0 text-muted tabular-nums">{formatCount(m.Count)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function ApprovalCell({ row }: { row: ToolDeviceRow }) {
  if (!row.approved)
    return (
      <span className="inline-flex items-center rounded border border-danger/40 bg-danger-soft px-1.5 py-px font-medium text-danger text-xs">
        ⚑ Not approved
      </span>
    );
  const text = row.approvals.map((a) => a.text).join(' · ');
  return (
    <span className="flex min-w-0 items-center gap-1.5 text-muted text-xs" title={text || undefined}>
      <span className="shrink-0 rounded border border-line px-1.5 py-px font-medium">✓ Approved</span>
      <span className="truncate">{text}</span>
    </span>
  );
}

type ToolDeviceColumn = ColumnDef<ToolDeviceRow, number | string> & { id: ToolDeviceColumnId | 'tables' };

export function createToolDeviceColumns({ windowEndMs }: { windowEndMs: number }): ToolDeviceColumn[] {
  return [
    {
      id: 'device',
      accessorFn: (row) => row.sortName,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <DeviceNameCell name={row.original.DeviceName} id={row.original.DeviceId} />,
      size: 240,
      sortingFn: 'basic',
      meta: { label: 'Device', filterText: (row) => `${row.DeviceName} ${row.DeviceId}` },
    },
    {
      id: 'hunts',
      accessorFn: (row) => row.matches.length,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <MatchLinks row={row.original} />,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: {
        label: 'Matched by',
        grow: true,
        filterText: (row) => [...row.matches.map((m) => m.huntName), ...row.tables].join(', '),
      },
    },
    {
      id: 'tables',
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => (
        <span className="truncate text-muted text-xs" title={row.original.tables.join(', ')}>
          {row.original.tables.map(shortTable).join(', ')}
        </span>
      ),
      size: 170,
      enableSorting: false,
      meta: { label: 'Tables' },
    },
    {
      id: 'approval',
      // Flagged use first when sorted ascending.
      accessorFn: (row) => (row.approved ? 1 : 0),
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <ApprovalCell row={row.original} />,
      size: 230,
      sortingFn: 'basic',
      meta: { label: 'Approval', filterText: (row) => row.approvals.map((a) => a.text).join(', ') },
    },
    {
      id: 'verdict',
      // Unreviewed first, then as the statuses are ordered.
      accessorFn: (row) => verdictStatuses.indexOf(row.status),
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => (
        <span className="flex items-center gap-1.5">
          <VerdictBadge status={row.original.status} />
          <span className="truncate text-muted text-xs">
            {row.original.tables.map(shortTable).join(', ')}
          </span>
        </span>
      ),
      size: 200,
      sortingFn: 'basic',
      meta: {
        label: 'Verdict',
        filterText: (row) => [VERDICT_LABELS[row.status], ...row.tables].join(', '),
      },
    },
    ...seenColumns<ToolDeviceRow>({ windowEndMs, size: 214, searchable: false }),
    {
      id: 'count',
      accessorFn: (row) => row.Count,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => formatCount(row.original.Count),
      size: 84,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label: 'Count', align: 'end' },
    },
  ];
}
