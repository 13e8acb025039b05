// The devices table: one hunt run's devices with the view (sort, filter, hidden columns) held by
// the caller (the URL), a shared timeline axis, the toolbar, and row navigation.
'use client';
import {
  type ColumnDef,
  type ExpandedState,
  getCoreRowModel,
  type OnChangeFn,
  type Row,
  type SortingState,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import { type ReactNode, type Ref, useDeferredValue, useMemo, useRef, useState } from 'react';
import { DataTable, type DataTableHandle } from '@/components/data-table/data-table';
import { textFilterOptions } from '@/components/data-table/data-table-meta';
import { flatFilteredRowModel, flatSortedRowModel } from '@/components/data-table/data-table-row-models';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { DataTableViewOptions } from '@/components/data-table/data-table-view-options';
import { timelineGridStyle } from '@/components/timeline/device-timeline-cell';
import { createTimeScale } from '@/components/timeline/timeline-scale';
import { TimelineTooltipProvider } from '@/components/timeline/timeline-tooltip';
import type { HuntRun } from '@/lib/hunts/hunt-run';
import { createDeviceColumns, type DeviceRow, deviceRowId, toDeviceRows } from './device-columns';
import { ReportIdsDetail } from './device-report-ids';
import { DEFAULT_SORT, type DeviceColumnId, type DeviceViewParams } from './device-view-params';

export interface DeviceTableProps {
  /** The result to show (possibly stale); null before the first one arrives. */
  run: HuntRun | null;
  /** No result yet and one is on its way: skeleton rows. */
  loading: boolean;
  /** A newer result is on its way: the rows shown are dimmed. */
  busy: boolean;
  /** The result shown is out of date (a later run failed or was cancelled). */
  stale: boolean;
  view: Pick<DeviceViewParams, 'sort' | 'q' | 'hidden'>;
  onViewChange: (patch: Partial<DeviceViewParams>) => void;
  /** Enter or double click on a row; the evidence panel hooks in here. */
  onOpenDevice?: (device: DeviceRow) => void;
  /** What to show when no row is left; receives whether the text filter is the reason. */
  renderEmpty: (reason: { filtered: boolean; clearFilter: () => void }) => ReactNode;
  filterRef?: Ref<HTMLInputElement>;
  /** More controls at the right end of the toolbar. */
  toolbarEnd?: ReactNode;
}

export function DeviceTable({
  run,
  loading,
  busy,
  stale,
  view,
  onViewChange,
  onOpenDevice,
  renderEmpty,
  filterRef,
  toolbarEnd,
}: DeviceTableProps) {
  const tableRef = useRef<DataTableHandle>(null);
  const [activeRowId, setActiveRowId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ExpandedState>({});

  const data = useMemo(() => toDeviceRows(run?.devices ?? []), [run]);
  const scale = useMemo(() => (run ? createTimeScale(run.window, run.devices) : null), [run]);
  const windowEndMs = run ? Date.parse(run.window.end) : 0;
  const columns = useMemo(() => createDeviceColumns({ scale, windowEndMs }), [scale, windowEndMs]);
  const filterOptions = useMemo(
    () => textFilterOptions(columns as ColumnDef<DeviceRow, unknown>[]),
    [columns],
  );

  // TanStack recomputes sorted rows when these change identity, so keep them stable.
  const { id: sortId, desc: sortDesc } = view.sort;
  const sorting = useMemo<SortingState>(() => [{ id: sortId, desc: sortDesc }], [sortId, sortDesc]);
  const hiddenKey = view.hidden.join(',');
  const columnVisibility = useMemo<VisibilityState>(
    () =>
      Object.fromEntries(
        hiddenKey
          .split(',')
          .filter(Boolean)
          .map((id) => [id, false]),
      ),
    [hiddenKey],
  );
  // Filtering 50,000 rows should not hold up the keystroke that asked for it.
  const globalFilter = useDeferredValue(view.q);

  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater;
    const first = next[0];
    onViewChange({ sort: first ? { id: first.id as DeviceColumnId, desc: first.desc } : DEFAULT_SORT });
  };
  const onColumnVisibilityChange: OnChangeFn<VisibilityState> = (updater) => {
    const next = typeof updater === 'function' ? updater(columnVisibility) : updater;
    const hidden = Object.entries(next)
      .filter(([, visible]) => !visible)
      .map(([id]) => id as DeviceColumnId);
    onViewChange({ hidden });
  };

  const table = useReactTable<DeviceRow>({
    data,
    columns: columns as ColumnDef<DeviceRow, unknown>[],
    getRowId: deviceRowId,
    state: { sorting, globalFilter, columnVisibility, expanded },
    onSortingChange,
    onColumnVisibilityChange,
    onExpandedChange: setExpanded,
    getRowCanExpand: () => true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: flatFilteredRowModel(),
    getSortedRowModel: flatSortedRowModel(),
    ...filterOptions,
  });

  const total = table.getCoreRowModel().rows.length;
  const shown = table.getRowModel().rows.length;
  const clearFilter = () => onViewChange({ q: '' });

  return (
    <TimelineTooltipProvider>
      <div className="flex min-h-0 flex-1 flex-col" style={timelineGridStyle(scale)}>
        <DataTableToolbar
          value={view.q}
          onValueChange={(q) => onViewChange({ q })}
          onLeave={() => {
            if (shown > 0) tableRef.current?.focus();
            else (document.activeElement as HTMLElement | null)?.blur();
          }}
          inputRef={filterRef}
          label="Filter devices"
          placeholder="filter: host or id…"
          shown={run ? shown : null}
          total={run ? total : null}
        >
          <DataTableViewOptions table={table} />
          {toolbarEnd}
        </DataTableToolbar>
        <DataTable
          ref={tableRef}
          table={table}
          label="Devices"
          activeRowId={activeRowId}
          onActiveRowChange={setActiveRowId}
          onRowOpen={(row: Row<DeviceRow>) => onOpenDevice?.(row.original)}
          renderDetail={(row) => (
            <ReportIdsDetail deviceName={row.original.deviceName} reportIds={row.original.reportIds} />
          )}
          loading={loading}
          busy={busy}
          stale={stale}
          empty={renderEmpty({ filtered: total > 0, clearFilter })}
        />
      </div>
    </TimelineTooltipProvider>
  );
}
