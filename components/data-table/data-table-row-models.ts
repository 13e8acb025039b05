// Filtered and sorted row models for flat tables (no sub-rows) that reorder the rows TanStack
// already built instead of copying them: TanStack's own models create or clone a row object per
// row on every keystroke and sort click, which is what makes 50,000 rows feel slow. A keystroke
// costs one substring test per row and, for the rows kept, one pass over the sorted order.
import {
  type Column,
  memo,
  type Row,
  type RowData,
  type RowModel,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { CELL_SEPARATOR, normalizeFilterText } from './data-table-meta';

function toModel<TData>(rows: Row<TData>[], rowsById: Record<string, Row<TData>>): RowModel<TData> {
  // rowsById keeps every row of the input, so lookups by id work for rows filtered out too.
  return { rows, flatRows: rows, rowsById };
}

/**
 * Each row's searchable text: what its visible columns show (`meta.filterText`), lower-cased, the cells apart
 * by a character no filter holds, so a match never spans two cells. Indexed by `row.index`. Built once per data or column change, so a
 * keystroke costs one substring test per row and allocates nothing per row.
 */
export function rowSearchTexts<TData extends RowData>(
  rows: readonly Row<TData>[],
  columns: readonly Column<TData, unknown>[],
): string[] {
  const texts = columns.flatMap((column) => {
    const filterText = column.columnDef.meta?.filterText;
    return filterText ? [filterText] : [];
  });
  const out = new Array<string>(rows.length);
  for (const row of rows) {
    let line = '';
    for (const text of texts) {
      const value = text(row.original);
      if (value) line = line ? `${line}${CELL_SEPARATOR}${value}` : value;
    }
    out[row.index] = line.toLowerCase();
  }
  return out;
}

const searchTextsByTable = new WeakMap<object, () => string[]>();

/**
 * The table's rows' searchable text (rowSearchTexts over its visible columns), memoized per table on its data
 * and visible columns. The filtered model reads it; a page may call it while idle so the first keystroke after
 * a new result does not wait for it.
 */
export function flatSearchTexts<TData extends RowData>(table: Table<TData>): string[] {
  let texts = searchTextsByTable.get(table);
  if (!texts) {
    texts = memo(
      () => [table.getPreFilteredRowModel(), table.getVisibleLeafColumns()],
      (input, columns) => rowSearchTexts(input.rows, columns),
      { key: 'flatSearchTexts' },
    );
    searchTextsByTable.set(table, texts);
  }
  return texts();
}

/**
 * The text filter over the visible columns (the global filter: a row is kept when the text of one of its
 * visible cells contains the filter, ignoring case), and column filters on columns that declare `meta.facets`
 * (the filter value is the list of facet values kept). Other column filters are not used by this family.
 */
export function flatFilteredRowModel<TData extends RowData>(): (
  table: Table<TData>,
) => () => RowModel<TData> {
  return (table) =>
    memo(
      () => [
        table.getPreFilteredRowModel(),
        table.getState().globalFilter,
        table.getState().columnFilters,
        table.getVisibleLeafColumns(),
      ],
      (input, globalFilter, columnFilters) => {
        const facetFilters = columnFilters.flatMap(({ id, value }) => {
          const facets = table.getColumn(id)?.columnDef.meta?.facets;
          return facets && Array.isArray(value) ? [{ facets, kept: new Set(value as unknown[]) }] : [];
        });
        const facetRows = facetFilters.length
          ? input.rows.filter((row) =>
              facetFilters.every(({ facets, kept }) => kept.has(facets.value(row.original))),
            )
          : input.rows;

        const needle = normalizeFilterText(globalFilter);
        if (!needle) return facetFilters.length ? toModel(facetRows, input.rowsById) : input;
        const texts = flatSearchTexts(table);
        const rows: Row<TData>[] = [];
        for (const row of facetRows) if ((texts[row.index] as string).includes(needle)) rows.push(row);
        return toModel(rows, input.rowsById);
      },
      { key: 'flatFilteredRowModel' },
    );
}

/** The rows in `sorting`'s order (ties in their given order), or null when nothing sorts. */
function sortRows<TData extends RowData>(
  table: Table<TData>,
  sorting: SortingState,
  rows: readonly Row<TData>[],
): Row<TData>[] | null {
  const sorts = sorting
    .map((sort) => {
      const column = table.getColumn(sort.id);
      if (!column?.getCanSort()) return null;
      const sign = (sort.desc ? -1 : 1) * (column.columnDef.invertSorting ? -1 : 1);
      // 'basic' compares plain values: read each row's value once instead of per comparison.
      const keys = column.columnDef.sortingFn === 'basic' ? rows.map((row) => row.getValue(sort.id)) : null;
      return { id: sort.id, fn: column.getSortingFn(), sign, keys: keys as unknown[] | null };
    })
    .filter((sort) => sort !== null);
  if (sorts.length === 0) return null;

  const order = rows.map((_, index) => index);
  order.sort((a, b) => {
    for (const sort of sorts) {
      let result: number;
      if (sort.keys) {
        const x = sort.keys[a] as number | string;
        const y = sort.keys[b] as number | string;
        result = x === y ? 0 : x > y ? 1 : -1;
      } else {
        result = sort.fn(rows[a] as Row<TData>, rows[b] as Row<TData>, sort.id);
      }
      if (result !== 0) return result * sort.sign;
    }
    // Ties keep the order the source returned.
    return a - b;
  });
  return order.map((index) => rows[index] as Row<TData>);
}

/**
 * The sorted model. Filters keep rows in their order, so the filtered rows in sorted order are the sorted rows
 * that the filter kept: every row is sorted once per sort change, and a keystroke picks the rows it kept from
 * that order in one pass instead of sorting them again. Until that order exists (right after a sort change), a
 * filter that keeps few rows sorts just those, and so does the first answer after a sort change while a filter
 * is on, so that a sort click costs the kept rows' sort; the next keystroke builds the whole order.
 */
export function flatSortedRowModel<TData extends RowData>(): (table: Table<TData>) => () => RowModel<TData> {
  return (table) => {
    let all: { sorting: SortingState; core: RowModel<TData>; rows: Row<TData>[] | null } | null = null;
    let partial: { sorting: SortingState; core: RowModel<TData> } | null = null;
    return memo(
      () => [table.getState().sorting, table.getPreSortedRowModel()],
      (sorting, input) => {
        const core = table.getCoreRowModel();
        const ready = all !== null && all.sorting === sorting && all.core === core;
        const first = partial === null || partial.sorting !== sorting || partial.core !== core;
        const filtered = input.rows.length < core.rows.length;
        if (!ready && filtered && (first || input.rows.length * 4 < core.rows.length)) {
          partial = { sorting, core };
          const rows = sortRows(table, sorting, input.rows);
          return rows ? toModel(rows, input.rowsById) : input;
        }
        if (!all || !ready) all = { sorting, core, rows: sortRows(table, sorting, core.rows) };
        const sorted = all.rows;
        if (!sorted) return input;
        // Filtered rows are a subset of the core rows in their order: the same count means all of them.
        if (input.rows.length === core.rows.length) return toModel(sorted, input.rowsById);
        const kept = new Uint8Array(core.rows.length);
        for (const row of input.rows) kept[row.index] = 1;
        const rows: Row<TData>[] = [];
        for (const row of sorted) if (kept[row.index] === 1) rows.push(row);
        return toModel(rows, input.rowsById);
      },
      { key: 'flatSortedRowModel' },
    );
  };
}
