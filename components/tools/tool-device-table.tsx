// A tool's devices: every device any of its hunts matched in the window, with the toolbar's text filter and
// sort from the URL, row navigation (j/k, Enter opens the device on the hunt that saw it last).
'use client';
import { type ColumnDef, getCoreRowModel, type Row, useReactTable } from '@tanstack/react-table';
import { type ReactNode, type Ref, type RefObject, useDeferredValue, useMemo, useState } from 'react';
import { DataTable, type DataTableHandle } from '@/components/data-table/data-table';
import { flatFilteredRowModel, flatSortedRowModel } from '@/components/data-table/data-table-row-models';
import { useSortingState } from '@/components/data-table/use-sorting-state';
import { DevicesToolbar } from '@/components/devices/devices-toolbar';
import { createToolDeviceColumns } from './tool-device-columns';
import type { ToolDeviceRow } from './tool-device-rows';
import { DEFAULT_TOOL_DEVICE_SORT, type ToolDevicesParams } from './tool-devices-params';

export function ToolDeviceTable({
  rows,
  windowEndMs,
  loading,
  busy,
  stale,
  view,
  onViewChange,
  onOpen,
  renderEmpty,
  tableRef,
  filterRef,
}: {
  /** Null before the first sweep answers. */
  rows: ToolDeviceRow[] | null;
  windowEndMs: number;
  loading: boolean;
  busy: boolean;
  stale: boolean;
  view: Pick<ToolDevicesParams, 'sort' | 'q'>;
  onViewChange: (patch: Partial<Pick<ToolDevicesParams, 'sort' | 'q'>>) => void;
  onOpen: (row: ToolDeviceRow) => void;
  renderEmpty: (reason: { filtered: boolean; clearFilter: () => void }) => ReactNode;
  tableRef: RefObject<DataTableHandle | null>;
  filterRef?: Ref<HTMLInputElement>;
}) {
  const [activeRowId, setActiveRowId] = useState<string | null>(null);
  const columns = useMemo(() => createToolDeviceColumns({ windowEndMs }), [windowEndMs]);
  const { sorting, onSortingChange } = useSortingState(view.sort, DEFAULT_TOOL_DEVICE_SORT, (sort) =>
    onViewChange({ sort }),
  );
  const globalFilter = useDeferredValue(view.q);
  const data = useMemo(() => rows ?? [], [rows]);
  const table = useReactTable<ToolDeviceRow>({
    data,
    columns: columns as ColumnDef<ToolDeviceRow, unknown>[],
    getRowId: (row) => row.DeviceId,
    state: { sorting, globalFilter },
    onSortingChange,
    enableSortingRemoval: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: flatFilteredRowModel(),
    getSortedRowModel: flatSortedRowModel(),
  });
  const total = table.getCoreRowModel().rows.length;
  const shown = table.getRowModel().rows.length;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <DevicesToolbar
        q={view.q}
        onFilterChange={(q) => onViewChange({ q })}
        tableRef={tableRef}
        filterRef={filterRef}
        placeholder="filter: host, id, hunt, table, approval…"
        shown={rows ? shown : null}
        total={rows ? total : null}
      />
      <DataTable
        ref={tableRef}
        table={table}
        label="Tool devices"
        activeRowId={activeRowId}
        onActiveRowChange={setActiveRowId}
        onRowOpen={(row: Row<ToolDeviceRow>) => onOpen(row.original)}
        loading={loading}
        busy={busy}
        stale={stale}
        skeletonRows={10}
        empty={renderEmpty({ filtered: total > 0, clearFilter: () => onViewChange({ q: '' }) })}
      />
    </div>
  );
}
