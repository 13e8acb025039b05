// The devices table: one hunt run's devices with their verdicts, the view (Needs review or all, verdict
// filter, sort, text filter, hidden columns) held by the caller (the URL), a shared timeline axis, the
// toolbar, row navigation and, for triagers, row selection.
'use client';
import {
  type ColumnDef,
  type ColumnFiltersState,
  type ExpandedState,
  getCoreRowModel,
  type OnChangeFn,
  type Row,
  type RowSelectionState,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import {
  type ReactNode,
  type Ref,
  type RefObject,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { DataTable, type DataTableHandle } from '@/components/data-table/data-table';
import { DataTableFacetFilter } from '@/components/data-table/data-table-facet-filter';
import {
  flatFilteredRowModel,
  flatSearchTexts,
  flatSortedRowModel,
  readHiddenSearchText,
} from '@/components/data-table/data-table-row-models';
import { DataTableViewOptions } from '@/components/data-table/data-table-view-options';
import { useSortingState } from '@/components/data-table/use-sorting-state';
import { timelineGridStyle } from '@/components/timeline/device-timeline-cell';
import { createTimeScale } from '@/components/timeline/timeline-scale';
import { TimelineTooltipProvider } from '@/components/timeline/timeline-tooltip';
import type { VerdictIndex } from '@/components/triage/verdict-state';
import type { HuntRun } from '@/lib/hunts/hunt-run';
import { createDeviceColumns, type DeviceRow, deviceRowId, toDeviceRows } from './device-columns';
import { deviceFields, isFieldColumnId } from './device-fields';
import { ReportIdsDetail } from './device-report-ids';
import {
  DEFAULT_SORT,
  type DeviceColumnId,
  type DeviceListView,
  type DeviceViewParams,
  shownStatuses,
} from './device-view-params';
import { DevicesToolbar } from './devices-toolbar';
import { useShownFields } from './use-shown-fields';

/**
 * Columns that make way for the evidence panel, which shows the same facts for the open device (its parents
 * first), so the device, its signals and its verdict stay in view beside it.
 */
const BESIDE_PANEL_HIDDEN: readonly DeviceColumnId[] = ['parent'];

export interface DeviceTableProps {
  /** The result to show (possibly stale); null before the first one arrives. */
  run: HuntRun | null;
  /** No result yet and one is on its way: skeleton rows. */
  loading: boolean;
  /** A newer result is on its way: the rows shown are dimmed. */
  busy: boolean;
  /** The result shown is out of date (a later run failed or was cancelled). */
  stale: boolean;
  view: Pick<DeviceViewParams, 'sort' | 'q' | 'hidden' | 'view' | 'verdict'>;
  onViewChange: (patch: Partial<DeviceViewParams>) => void;
  /** The hunt's verdicts by device id; null while loading or unavailable (every device counts as unreviewed). */
  verdicts: VerdictIndex | null;
  /** Triagers: opens the verdict form for a row; absent, verdicts are read-only and rows not selectable. */
  onEditVerdict?: (device: DeviceRow) => void;
  /** Selected rows (by row id), held by the caller for bulk verdicts. */
  rowSelection: RowSelectionState;
  onRowSelectionChange: OnChangeFn<RowSelectionState>;
  /** The row with the keyboard focus (j/k), held by the caller. */
  activeRowId: string | null;
  onActiveRowChange: (rowId: string | null) => void;
  /** Lets the caller put the focus back on the table, e.g. when the evidence panel closes. */
  tableRef?: RefObject<DataTableHandle | null>;
  /** Enter or double click on a row; the evidence panel hooks in here. */
  onOpenDevice?: (device: DeviceRow) => void;
  /** The evidence panel is open beside the table: BESIDE_PANEL_HIDDEN columns give it their room. */
  besidePanel?: boolean;
  /** What to show when no row is left; receives whether the filters or the view are the reason. */
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
  verdicts,
  onEditVerdict,
  rowSelection,
  onRowSelectionChange,
  activeRowId,
  onActiveRowChange,
  tableRef: outerTableRef,
  onOpenDevice,
  besidePanel = false,
  renderEmpty,
  filterRef,
  toolbarEnd,
}: DeviceTableProps) {
  const innerTableRef = useRef<DataTableHandle>(null);
  const tableRef = outerTableRef ?? innerTableRef;
  const [expanded, setExpanded] = useState<ExpandedState>({});

  const data = useMemo(() => toDeviceRows(run?.devices ?? [], verdicts, Date.now()), [run, verdicts]);
  const scale = useMemo(() => (run ? createTimeScale(run.window, run.devices) : null), [run]);
  const windowEndMs = run ? Date.parse(run.window.end) : 0;
  const verdictsLoaded = verdicts !== null;
  // Columns are rebuilt only when these change; the verdict form opens through the latest callback.
  const editRef = useRef(onEditVerdict);
  editRef.current = onEditVerdict;
  const canEdit = onEditVerdict !== undefined;
  const fields = useMemo(() => (run ? deviceFields(run) : []), [run]);
  const columns = useMemo(
    () =>
      createDeviceColumns({
        scale,
        windowEndMs,
        verdictsLoaded,
        onEditVerdict: canEdit ? (row) => editRef.current?.(row) : undefined,
        fields,
      }),
    [scale, windowEndMs, verdictsLoaded, canEdit, fields],
  );
  const [shownFields, setShownFields] = useShownFields(run?.hunt.id ?? null);

  // A field column this run lacks (a link from another hunt) cannot sort: the default order then.
  const sortable = !isFieldColumnId(view.sort.id) || fields.some((field) => field.id === view.sort.id);
  const { sorting, onSortingChange } = useSortingState(
    sortable ? view.sort : DEFAULT_SORT,
    DEFAULT_SORT,
    (sort) => onViewChange({ sort }),
  );
  // Beside the panel some columns step aside unless the person shows them; the URL keeps only what the
  // person chose.
  const [shownBesidePanel, setShownBesidePanel] = useState<readonly DeviceColumnId[]>([]);
  const panelHidden = besidePanel ? BESIDE_PANEL_HIDDEN.filter((id) => !shownBesidePanel.includes(id)) : [];
  const urlHiddenKey = view.hidden.join(',');
  const hiddenKey = [...new Set([...view.hidden, ...panelHidden])].join(',');
  // The fixed columns show unless the URL (or the panel) hides them; the optional fields hide unless this
  // browser shows them.
  const columnVisibility = useMemo<VisibilityState>(
    () =>
      Object.fromEntries([
        ...hiddenKey
          .split(',')
          .filter(Boolean)
          .map((id) => [id, false]),
        ...fields.filter((field) => !shownFields.includes(field.id)).map((field) => [field.id, false]),
      ]),
    [hiddenKey, fields, shownFields],
  );
  // Filtering 50,000 rows should not hold up the keystroke that asked for it.
  const globalFilter = useDeferredValue(view.q);
  // Needs review and the verdict filter are one facet filter on the verdict column.
  const statuses = shownStatuses(view.view, view.verdict);
  const statusesKey = statuses?.join(',') ?? null;
  const columnFilters = useMemo<ColumnFiltersState>(
    () => (statusesKey === null ? [] : [{ id: 'verdict', value: statusesKey ? statusesKey.split(',') : [] }]),
    [statusesKey],
  );

  const onColumnVisibilityChange: OnChangeFn<VisibilityState> = (updater) => {
    const next = typeof updater === 'function' ? updater(columnVisibility) : updater;
    const shownBeside = panelHidden.filter((id) => next[id] !== false);
    if (shownBeside.length > 0) setShownBesidePanel((current) => [...current, ...shownBeside]);
    const hidden = Object.entries(next)
      .filter(
        ([id, visible]) =>
          !visible &&
          !isFieldColumnId(id) &&
          !(panelHidden.includes(id as DeviceColumnId) && !view.hidden.includes(id as DeviceColumnId)),
      )
      .map(([id]) => id as DeviceColumnId);
    if (hidden.join(',') !== urlHiddenKey) onViewChange({ hidden });
    // Only this run's fields are decided here; a kept field this run lacks stays kept.
    const ids = new Set(fields.map((field) => field.id));
    const shown = [
      ...shownFields.filter((id) => !ids.has(id)),
      ...fields.filter((field) => next[field.id] !== false).map((field) => field.id),
    ];
    if (shown.join(',') !== shownFields.join(',')) setShownFields(shown);
  };

  const table = useReactTable<DeviceRow>({
    data,
    columns: columns as ColumnDef<DeviceRow, unknown>[],
    getRowId: deviceRowId,
    state: { sorting, globalFilter, columnVisibility, expanded, columnFilters, rowSelection },
    onSortingChange,
    onColumnVisibilityChange,
    onExpandedChange: setExpanded,
    onRowSelectionChange,
    enableRowSelection: canEdit,
    getRowCanExpand: () => true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: flatFilteredRowModel(),
    getSortedRowModel: flatSortedRowModel(),
  });

  // Read the visible cells' text for the filter while the browser is idle, so the first keystroke after a new
  // result does not wait for it (100,000 rows take a noticeable moment); then, one column per idle moment, the
  // hidden columns' text, so that showing one does not wait either.
  const visibleKey = table
    .getVisibleLeafColumns()
    .map((column) => column.id)
    .join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the text changes with the rows, the columns and which are visible.
  useEffect(() => {
    if (data.length === 0) return;
    let cancel = () => {};
    const whenIdle = (step: () => void, timeout?: number) => {
      if (typeof window.requestIdleCallback === 'function') {
        const id = window.requestIdleCallback(step, timeout ? { timeout } : undefined);
        cancel = () => window.cancelIdleCallback(id);
      } else {
        const id = window.setTimeout(step, 300);
        cancel = () => window.clearTimeout(id);
      }
    };
    const readHidden = () => {
      if (readHiddenSearchText(table)) whenIdle(readHidden);
    };
    whenIdle(() => {
      flatSearchTexts(table);
      whenIdle(readHidden);
    }, 2_000);
    return () => cancel();
  }, [table, data, columns, visibleKey]);

  const total = table.getCoreRowModel().rows.length;
  const shown = table.getRowModel().rows.length;
  const clearFilter = () => onViewChange({ q: '', verdict: [], view: 'all' });
  const verdictColumn = table.getColumn('verdict');

  return (
    <TimelineTooltipProvider>
      <div className="flex min-h-0 flex-1 flex-col" style={timelineGridStyle(scale)}>
        <DevicesToolbar
          q={view.q}
          onFilterChange={(q) => onViewChange({ q })}
          tableRef={tableRef}
          filterRef={filterRef}
          placeholder="filter the visible columns…"
          shown={run ? shown : null}
          total={run ? total : null}
          leading={<ListViewSelect value={view.view} onChange={(next) => onViewChange({ view: next })} />}
        >
          {verdictColumn && (
            <DataTableFacetFilter
              table={table}
              column={verdictColumn as never}
              selected={view.verdict}
              onChange={(verdict) => onViewChange({ verdict: verdict as DeviceViewParams['verdict'] })}
              heading="Show devices that count as"
            />
          )}
          <DataTableViewOptions table={table} />
          {toolbarEnd}
        </DevicesToolbar>
        <DataTable
          ref={tableRef}
          table={table}
          label="Devices"
          activeRowId={activeRowId}
          onActiveRowChange={onActiveRowChange}
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

/** "Needs review" (the default: Benign devices hidden) or every device. */
function ListViewSelect({
  value,
  onChange,
}: {
  value: DeviceListView;
  onChange: (view: DeviceListView) => void;
}) {
  return (
    <select
      aria-label="View"
      title="Needs review hides devices marked Benign whose verdict still holds"
      value={value}
      onChange={(event) => onChange(event.target.value === 'all' ? 'all' : 'needs-review')}
      className="h-7 rounded-md border border-line bg-surface px-1.5 font-medium text-[13px] hover:border-line-strong"
    >
      <option value="needs-review">Needs review</option>
      <option value="all">All devices</option>
    </select>
  );
}
