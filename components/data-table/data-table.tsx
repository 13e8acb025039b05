// The generic data table: table elements with explicit ARIA roles, a sticky header, and a
// virtualized body (only rows in view are in the DOM, each absolutely placed, so 50,000 rows scroll
// without relayout); one Tab stop for the whole table (the active row), with j/k and the arrow keys between
// rows, left and right through a row's controls, and up from the first row into the column headers; detail
// under expanded rows, skeleton and empty states.
// biome-ignore-all lint/a11y/noRedundantRoles: block/flex display can strip table semantics (Safari); explicit roles restore them.
'use client';
import { type Column, flexRender, type Row, type Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  memo,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  type Ref,
  useCallback,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { ariaSort } from './data-table-column-header';
import { focusableIn, useSingleTabStop } from './use-single-tab-stop';

export interface DataTableHandle {
  /** Focus the active row (or the first one), e.g. when leaving the filter. */
  focus: () => void;
}

interface DataTableProps<TData> {
  table: Table<TData>;
  /** The table's accessible name. */
  label: string;
  ref?: Ref<DataTableHandle>;
  /** Height of a row; expanded rows are measured. */
  rowHeight?: number;
  activeRowId: string | null;
  onActiveRowChange: (rowId: string | null) => void;
  /** Enter or double click on a row. */
  onRowOpen?: (row: Row<TData>) => void;
  /** Detail shown under a row while it is expanded (`row.getIsExpanded()`). */
  renderDetail?: (row: Row<TData>) => ReactNode;
  /** Nothing to show yet: skeleton rows in place of data. */
  loading?: boolean;
  /** Rows shown are being replaced (a new run): dimmed and marked busy. */
  busy?: boolean;
  /** Rows shown are out of date (a later run failed): dimmed a little. */
  stale?: boolean;
  /** Shown in the body when no row is left. */
  empty?: ReactNode;
  /** Number of skeleton rows while loading. */
  skeletonRows?: number;
}

const GROW_MIN_WIDTH = 240;

function columnStyle<TData>(column: Column<TData, unknown>): CSSProperties {
  return column.columnDef.meta?.grow
    ? { flex: '1 1 0', minWidth: GROW_MIN_WIDTH }
    : { width: column.getSize(), flex: 'none' };
}

const alignClass = (column: Column<unknown, unknown>) =>
  column.columnDef.meta?.align === 'end' ? 'justify-end text-right tabular-nums' : '';

export function DataTable<TData>({
  table,
  label,
  ref,
  rowHeight = 32,
  activeRowId,
  onActiveRowChange,
  onRowOpen,
  renderDetail,
  loading = false,
  busy = false,
  stale = false,
  empty,
  skeletonRows = 14,
}: DataTableProps<TData>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const hintId = useId();
  useSingleTabStop(tableRef);
  const [headHeight, setHeadHeight] = useState(0);
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns() as Column<TData, unknown>[];
  const columnsKey = columns.map((column) => column.id).join('|');

  useLayoutEffect(() => {
    const head = headRef.current;
    if (!head) return;
    const measure = () => setHeadHeight(head.getBoundingClientRect().height);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(head);
    return () => observer.disconnect();
  }, []);

  // A new function identity makes the virtualizer re-measure every row: keep it stable per row set.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan: 10,
    // The body starts below the sticky header, and rows scrolled to must not hide under it.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    useFlushSync: false,
  });

  // Focus follows keyboard moves once the target row is rendered (it may be off screen first).
  const focusRequest = useRef<string | null>(null);
  const focusRow = useCallback((rowId: string) => {
    focusRequest.current = rowId;
    let frames = 0;
    const attempt = () => {
      if (focusRequest.current !== rowId) return;
      const element = scrollRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(rowId)}"]`);
      if (element) {
        element.focus({ preventScroll: true });
        focusRequest.current = null;
      } else if (frames++ < 20) {
        requestAnimationFrame(attempt);
      }
    };
    // A row already on screen takes focus at once, so that the next key press reaches it (Escape in the filter,
    // then b); one the virtualizer has yet to render takes it once it is there.
    attempt();
  }, []);

  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      const row = rows[clamped];
      if (!row) return;
      onActiveRowChange(row.id);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      focusRow(row.id);
    },
    [rows, onActiveRowChange, virtualizer, focusRow],
  );

  const activeIndex = activeRowId === null ? -1 : rows.findIndex((row) => row.id === activeRowId);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => {
        if (rows.length > 0) moveTo(Math.max(activeIndex, 0));
      },
    }),
    [rows.length, moveTo, activeIndex],
  );

  const move = (delta: number) => (event: KeyboardEvent) => {
    if (rows.length === 0) return;
    event.preventDefault();
    moveTo(activeIndex < 0 ? 0 : activeIndex + delta);
  };
  const inTableOrPage = (target: Element | null) =>
    !target || target === document.body || Boolean(scrollRef.current?.contains(target));
  const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 2);
  const clearActive = () => {
    if (activeRowId === null) return;
    onActiveRowChange(null);
    if (scrollRef.current?.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
  };

  useHotkeys({
    j: move(1),
    k: move(-1),
    ArrowDown: { handler: move(1), options: { when: inTableOrPage } },
    ArrowUp: { handler: move(-1), options: { when: inTableOrPage } },
    PageDown: { handler: move(pageSize), options: { when: inTableOrPage } },
    PageUp: { handler: move(-pageSize), options: { when: inTableOrPage } },
    Home: { handler: move(-rows.length), options: { when: inTableOrPage } },
    End: { handler: move(rows.length), options: { when: inTableOrPage } },
    Escape: clearActive,
  });

  // In the header row: left and right between its controls, down back to the active row.
  const onHeadKeyDown = (event: ReactKeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (rows.length > 0) moveTo(Math.max(activeIndex, 0));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      const controls = focusableIn(event.currentTarget);
      const at = controls.indexOf(document.activeElement as HTMLElement);
      const next = controls[at + (event.key === 'ArrowRight' ? 1 : -1)];
      if (!next) return;
      event.preventDefault();
      next.focus();
    }
  };

  // Rows are memoized; hand them callbacks that never change identity.
  const latest = useRef({ onActiveRowChange, onRowOpen });
  latest.current = { onActiveRowChange, onRowOpen };
  const activate = useCallback((rowId: string) => latest.current.onActiveRowChange(rowId), []);
  const open = useCallback((row: Row<TData>) => latest.current.onRowOpen?.(row), []);
  const focusHead = useCallback(() => {
    const head = headRef.current;
    const first = head ? focusableIn(head)[0] : undefined;
    if (!first) return false;
    first.focus();
    return true;
  }, []);

  const minWidth = columns.reduce(
    (sum, column) => sum + (column.columnDef.meta?.grow ? GROW_MIN_WIDTH : column.getSize()),
    0,
  );
  const showSkeleton = loading && rows.length === 0;
  const showEmpty = !loading && rows.length === 0 && empty !== undefined;
  const tabStopId = activeIndex >= 0 ? activeRowId : (rows[0]?.id ?? null);
  const bodyHeight = rows.length > 0 ? virtualizer.getTotalSize() : 0;

  return (
    <div ref={scrollRef} className="relative min-h-0 flex-1 overflow-auto bg-surface">
      <p id={hintId} className="sr-only">
        Up and down arrows move between rows, left and right through a row's controls; up from the first row
        reaches the column headers.
      </p>
      <table
        ref={tableRef}
        role="table"
        aria-label={label}
        aria-describedby={hintId}
        aria-rowcount={showSkeleton ? -1 : rows.length + 1}
        aria-busy={loading || busy}
        className="relative block text-[13px]"
        style={{ minWidth, height: rows.length > 0 ? headHeight + bodyHeight : undefined }}
      >
        <thead
          ref={headRef}
          role="rowgroup"
          data-single-tab-stop=""
          onKeyDown={onHeadKeyDown}
          className="sticky top-0 z-10 block"
        >
          {table.getHeaderGroups().map((group) => (
            <tr
              key={group.id}
              role="row"
              aria-rowindex={1}
              className="flex border-line border-b bg-surface-2"
            >
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  role="columnheader"
                  scope="col"
                  aria-sort={ariaSort(header.column)}
                  style={columnStyle(header.column as Column<TData, unknown>)}
                  className={`flex flex-col justify-end px-2 py-1 font-medium text-muted text-xs ${header.column.columnDef.meta?.align === 'end' ? 'text-right' : 'text-left'}`}
                >
                  {header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>

        {showSkeleton && (
          <tbody aria-hidden="true" className="block">
            {Array.from({ length: skeletonRows }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
              <tr key={index} className="flex border-line/60 border-b" style={{ height: rowHeight }}>
                {columns.map((column) => (
                  <td key={column.id} style={columnStyle(column)} className="flex items-center px-2">
                    <div
                      className={`h-3 animate-pulse rounded bg-skeleton ${column.columnDef.meta?.align === 'end' ? 'ml-auto w-8' : 'w-3/5'}`}
                      style={{ animationDelay: `${(index % 5) * 90}ms` }}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        )}

        {showEmpty && (
          <tbody role="rowgroup" className="block">
            <tr role="row" className="flex">
              <td role="cell" className="w-full px-4 py-10">
                {empty}
              </td>
            </tr>
          </tbody>
        )}

        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <DataTableRow
              key={item.key}
              row={row}
              index={item.index}
              start={item.start}
              measure={virtualizer.measureElement}
              rowHeight={rowHeight}
              active={row.id === activeRowId}
              tabStop={row.id === tabStopId}
              dim={busy ? 'opacity-60' : stale ? 'opacity-75' : ''}
              expanded={row.getIsExpanded()}
              selected={row.getIsSelected()}
              columnsKey={columnsKey}
              renderDetail={renderDetail}
              onActivate={activate}
              onOpen={open}
              onLeaveTop={focusHead}
            />
          );
        })}
      </table>
    </div>
  );
}

interface DataTableRowProps<TData> {
  row: Row<TData>;
  index: number;
  start: number;
  measure: (element: Element | null) => void;
  rowHeight: number;
  active: boolean;
  tabStop: boolean;
  /** Opacity class while the rows are busy or stale. */
  dim: string;
  expanded: boolean;
  /** Part of the row selection (checkboxes); a prop so the memoized row re-renders when it changes. */
  selected: boolean;
  /** Changes when the visible columns do, so the memoized row re-renders. */
  columnsKey: string;
  renderDetail?: (row: Row<TData>) => ReactNode;
  onActivate: (rowId: string) => void;
  onOpen: (row: Row<TData>) => void;
  /** Up from the first row: focus the column headers; false when they have no control. */
  onLeaveTop: () => boolean;
}

function DataTableRowImpl<TData>({
  row,
  index,
  start,
  measure,
  rowHeight,
  active,
  tabStop,
  dim,
  expanded,
  selected,
  renderDetail,
  onActivate,
  onOpen,
  onLeaveTop,
}: DataTableRowProps<TData>) {
  const cells = row.getVisibleCells();
  const detail = expanded && renderDetail ? renderDetail(row) : null;
  // Left and right walk the row's controls (its detail's too) and come back to the row; up from the first
  // row goes to the headers. Up and down elsewhere are the table's (useHotkeys), which moves between rows.
  const onKeyDown = (event: ReactKeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key === 'ArrowUp' && index === 0) {
      if (onLeaveTop()) event.preventDefault();
      return;
    }
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const rowElement = event.currentTarget.querySelector<HTMLElement>('[data-row-id]');
    const controls = focusableIn(event.currentTarget);
    const at = controls.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowRight' ? controls[at + 1] : at <= 0 ? rowElement : controls[at - 1];
    if (!next) return;
    event.preventDefault();
    next.focus();
  };
  return (
    <tbody
      ref={measure}
      role="rowgroup"
      data-index={index}
      data-single-tab-stop=""
      onKeyDown={onKeyDown}
      className="absolute top-0 left-0 block w-full"
      style={{ transform: `translateY(${start}px)` }}
    >
      <tr
        role="row"
        data-row-id={row.id}
        aria-rowindex={index + 2}
        aria-current={active ? 'true' : undefined}
        aria-selected={selected || undefined}
        tabIndex={tabStop ? 0 : -1}
        onClick={() => onActivate(row.id)}
        onFocus={(event) => {
          if (event.target === event.currentTarget && !active) onActivate(row.id);
        }}
        onDoubleClick={() => onOpen(row)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target === event.currentTarget) {
            event.preventDefault();
            onOpen(row);
          }
        }}
        className={`flex cursor-default border-line/60 border-b transition-opacity focus-visible:outline-2 focus-visible:outline-accent focus-visible:-outline-offset-2 ${active ? 'bg-accent-soft shadow-[inset_2px_0_0_var(--accent)]' : selected ? 'bg-accent-soft/50 hover:bg-surface-2' : 'hover:bg-surface-2'} ${dim}`}
        style={{ height: rowHeight }}
      >
        {cells.map((cell) => (
          <td
            key={cell.id}
            role="cell"
            style={columnStyle(cell.column as Column<TData, unknown>)}
            className={`flex min-w-0 items-center overflow-hidden whitespace-nowrap px-2 ${alignClass(cell.column as Column<unknown, unknown>)}`}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        ))}
      </tr>
      {detail && (
        <tr role="row" className={`flex border-line/60 border-b bg-surface-2 ${dim}`}>
          <td role="cell" className="w-full px-3 py-2">
            {detail}
          </td>
        </tr>
      )}
    </tbody>
  );
}

// Scrolling renders only the rows that came into view; the rest keep their output.
const DataTableRow = memo(DataTableRowImpl) as typeof DataTableRowImpl;
