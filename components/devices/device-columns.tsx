// The devices table's columns: what each shows, how it sorts, what the text filter searches.
'use client';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTableColumnHeader } from '@/components/data-table/data-table-column-header';
import { DeviceTimelineCell } from '@/components/timeline/device-timeline-cell';
import { TimelineAxis } from '@/components/timeline/timeline-axis';
import type { TimeScale } from '@/components/timeline/timeline-scale';
import { formatCount } from '@/components/ui/format';
import type { HuntDevice } from '@/lib/hunts/hunt-run';
import { DeviceNameCell, UtcTimeCell } from './device-cells';
import { ReportsToggle } from './device-report-ids';
import type { DeviceColumnId } from './device-view-params';

/** A device as the table holds it: times parsed once, not on every sort comparison. */
export interface DeviceRow extends HuntDevice {
  firstSeenMs: number;
  lastSeenMs: number;
  /** The name folded for sorting, once per row rather than once per comparison. */
  sortName: string;
}

export function toDeviceRows(devices: readonly HuntDevice[]): DeviceRow[] {
  return devices.map((device) => ({
    ...device,
    firstSeenMs: Date.parse(device.firstSeen),
    lastSeenMs: Date.parse(device.lastSeen),
    sortName: device.deviceName.toLowerCase(),
  }));
}

/** A device id can come back under two names (a renamed host), so the key needs both. */
export function deviceRowId(row: DeviceRow): string {
  return `${row.deviceId}|${row.deviceName}`;
}

interface DeviceColumnContext {
  /** The run's shared time axis; null before the first result. */
  scale: TimeScale | null;
  /** Relative hints ("2h ago") are measured from the window's end, not the wall clock. */
  windowEndMs: number;
}

type DeviceColumn = ColumnDef<DeviceRow, number | string> & { id: DeviceColumnId };

export function createDeviceColumns({ scale, windowEndMs }: DeviceColumnContext): DeviceColumn[] {
  return [
    {
      id: 'device',
      accessorFn: (row) => row.sortName,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <DeviceNameCell name={row.original.deviceName} id={row.original.deviceId} />,
      size: 300,
      sortingFn: 'basic',
      enableHiding: false,
      meta: { label: 'Device', textFilter: (row) => [row.deviceName, row.deviceId] },
    },
    {
      id: 'firstSeen',
      accessorFn: (row) => row.firstSeenMs,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <UtcTimeCell ms={row.original.firstSeenMs} referenceMs={windowEndMs} />,
      size: 214,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label: 'First seen' },
    },
    {
      id: 'lastSeen',
      accessorFn: (row) => row.lastSeenMs,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <UtcTimeCell ms={row.original.lastSeenMs} referenceMs={windowEndMs} />,
      size: 214,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label: 'Last seen' },
    },
    {
      id: 'count',
      accessorFn: (row) => row.count,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => formatCount(row.original.count),
      size: 84,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label: 'Count', align: 'end' },
    },
    {
      id: 'reports',
      accessorFn: (row) => row.reportIds.length,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => (
        <ReportsToggle
          count={row.original.reportIds.length}
          expanded={row.getIsExpanded()}
          onToggle={() => row.toggleExpanded()}
        />
      ),
      size: 88,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label: 'Reports', align: 'end' },
    },
    {
      id: 'timeline',
      header: ({ column }) => (
        <DataTableColumnHeader column={column}>
          {scale ? <TimelineAxis scale={scale} /> : <div aria-hidden="true" className="h-4" />}
        </DataTableColumnHeader>
      ),
      cell: ({ row }) => (scale ? <DeviceTimelineCell device={row.original} scale={scale} /> : null),
      enableSorting: false,
      meta: { label: 'Timeline', grow: true },
    },
  ];
}
