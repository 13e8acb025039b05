// The devices table's columns: what each shows, how it sorts, what the text filter searches.
'use client';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTableColumnHeader } from '@/components/data-table/data-table-column-header';
import { DeviceTimelineCell } from '@/components/timeline/device-timeline-cell';
import { TimelineAxis } from '@/components/timeline/timeline-axis';
import type { TimeScale } from '@/components/timeline/timeline-scale';
import { lapseReason, VERDICT_LABELS } from '@/components/triage/verdict-badge';
import { formatCount } from '@/components/ui/format';
import type { HuntDevice } from '@/lib/hunts/hunt-run';
import { signalDefinition } from '@/lib/signals/definitions';
import { type ReviewState, reviewState } from '@/lib/triage/needs-review';
import { type Verdict, verdictStatuses } from '@/lib/triage/types';
import { DeviceNameCell } from './device-cells';
import { DeviceFieldCell } from './device-field-cell';
import { type DeviceField, fieldSortKey, fieldText } from './device-fields';
import { ReportsToggle } from './device-report-ids';
import { ParentCell, SignalChips, signalSortKey } from './device-signals';
import { SelectRowCell, SelectShownHeader, VerdictCell } from './device-verdict-cell';
import type { DeviceColumnId } from './device-view-params';
import { seenColumns } from './seen-columns';

/** A device as the table holds it: times parsed once, not on every sort comparison. */
export interface DeviceRow extends HuntDevice {
  firstSeenMs: number;
  lastSeenMs: number;
  /** The name folded for sorting, once per row rather than once per comparison. */
  sortName: string;
  /** Its verdict and what it counts as now (unreviewed while verdicts are unknown). */
  review: ReviewState;
  /** More signals first, then the most recent: computed once per row. */
  signalKey: number;
  /** The first parent, folded for sorting ('' when none). */
  sortParent: string;
}

export function toDeviceRows(
  devices: readonly HuntDevice[],
  verdicts: ReadonlyMap<string, Verdict> | null = null,
  nowMs = Date.now(),
): DeviceRow[] {
  return devices.map((device) => {
    const lastSeenMs = Date.parse(device.lastSeen);
    return {
      ...device,
      firstSeenMs: Date.parse(device.firstSeen),
      lastSeenMs,
      sortName: device.deviceName.toLowerCase(),
      review: reviewState(verdicts?.get(device.deviceId), lastSeenMs, nowMs),
      signalKey: signalSortKey(device.signals, lastSeenMs),
      sortParent: device.signals?.parents[0]?.toLowerCase() ?? '',
    };
  });
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
  /** Whether the verdicts are known; until then the verdict column shows a dash. */
  verdictsLoaded: boolean;
  /** Triagers: opens the verdict form for a row. Absent: verdicts are read-only and rows are not selectable. */
  onEditVerdict?: (row: DeviceRow) => void;
  /** The run's optional field columns (device-fields.ts), shown before the timeline when a person asks. */
  fields?: readonly DeviceField[];
}

/** The verdict facet: what a device counts as now (a lapsed Benign verdict counts as unreviewed). */
const VERDICT_FACETS = {
  options: verdictStatuses.map((status) => ({ value: status, label: VERDICT_LABELS[status] })),
  value: (row: DeviceRow) => row.review.status,
};

type DeviceColumn = ColumnDef<DeviceRow, number | string> & { id: DeviceColumnId };
type FieldColumn = ColumnDef<DeviceRow, number | string> & { id: string };

/** A count as its cell shows it ("1,234"); below 1,000 without the number formatter, which costs more. */
const countText = (n: number) => (n < 1000 ? String(n) : formatCount(n));

/** The verdict as its badge shows it: the recorded verdict and, when it lapsed, why. */
function verdictText(row: DeviceRow): string {
  const label = VERDICT_LABELS[row.review.verdict?.status ?? 'unreviewed'];
  const lapse = lapseReason(row.review);
  return lapse ? `${label} ${lapse}` : label;
}

export function createDeviceColumns({
  scale,
  windowEndMs,
  verdictsLoaded,
  onEditVerdict,
  fields = [],
}: DeviceColumnContext): (DeviceColumn | FieldColumn)[] {
  const select: DeviceColumn[] = onEditVerdict
    ? [
        {
          id: 'select',
          header: ({ table }) => <SelectShownHeader table={table} />,
          cell: ({ row }) => <SelectRowCell row={row} label={row.original.deviceName} />,
          size: 32,
          enableSorting: false,
          enableHiding: false,
          meta: { label: 'Select' },
        },
      ]
    : [];
  return [
    ...select,
    {
      id: 'device',
      accessorFn: (row) => row.sortName,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => (
        <DeviceNameCell
          name={row.original.deviceName}
          id={row.original.deviceId}
          devicePage={row.original.devicePage}
        />
      ),
      size: 190,
      sortingFn: 'basic',
      enableHiding: false,
      meta: { label: 'Device', filterText: (row) => `${row.deviceName} ${row.deviceId}` },
    },
    {
      id: 'signals',
      accessorFn: (row) => row.signalKey,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <SignalChips signals={row.original.signals} />,
      size: 272,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: {
        label: 'Signals',
        filterText: (row) => row.signals?.ids.map((id) => signalDefinition(id).label).join(', ') ?? '',
      },
    },
    {
      id: 'parent',
      accessorFn: (row) => row.sortParent,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <ParentCell signals={row.original.signals} />,
      size: 130,
      sortingFn: 'basic',
      meta: { label: 'Parent', filterText: (row) => row.signals?.parents.join(', ') ?? '' },
    },
    {
      id: 'verdict',
      // Sorts in the statuses' order (unreviewed first), by what each device counts as now.
      accessorFn: (row) => verdictStatuses.indexOf(row.review.status),
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => (
        <VerdictCell
          state={row.original.review}
          deviceName={row.original.deviceName}
          loaded={verdictsLoaded}
          onEdit={onEditVerdict ? () => onEditVerdict(row.original) : undefined}
        />
      ),
      size: 112,
      sortingFn: 'basic',
      meta: {
        label: 'Verdict',
        facets: VERDICT_FACETS,
        filterText: verdictsLoaded ? verdictText : undefined,
      },
    },
    ...seenColumns<DeviceRow>({ windowEndMs, size: 104, searchable: true }),
    {
      id: 'count',
      accessorFn: (row) => row.count,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => formatCount(row.original.count),
      size: 76,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label: 'Count', align: 'end', filterText: (row) => countText(row.count) },
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
      size: 76,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label: 'Reports', align: 'end', filterText: (row) => countText(row.reportIds.length) },
    },
    ...fields.map((field): FieldColumn => {
      const values = field.values;
      return {
        id: field.id,
        accessorFn: (row) => fieldSortKey(field, values(row)),
        header: ({ column }) => <DataTableColumnHeader column={column} />,
        cell: ({ row }) => (
          <DeviceFieldCell field={field} values={values(row.original)} referenceMs={windowEndMs} />
        ),
        size: field.kind === 'time' ? 214 : field.mono ? 260 : 180,
        sortingFn: 'basic',
        // Numbers and instants start with the largest and latest, as the fixed count and time columns do.
        sortDescFirst: field.kind !== 'text',
        meta: {
          label: field.label,
          group: field.group,
          align: field.kind === 'number' ? 'end' : undefined,
          filterText: (row) => fieldText(field, values(row)),
        },
      };
    }),
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
