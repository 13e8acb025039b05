// Filtered and sorted row models for flat tables (no sub-rows) that reorder the rows TanStack
// already built instead of copying them: TanStack's own models create or clone a row object per
// row on every keystroke and sort click, which is what makes 50,000 rows feel slow. A keystroke
// costs a search of one string per searched column and, for the rows kept, one pass over the sorted order.
import {
  memo,
  type Row,
  type RowData,
  type RowModel,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { normalizeFilterText } from './data-table-meta';

function toModel<TData>(rows: Row<TData>[], rowsById: Record<string, Row<TData>>): RowModel<TData> {
  // rowsById keeps every row of the input, so lookups by id work for rows filtered out too.
  return { rows, flatRows: rows, rowsById };
}

type FilterText<TData> = (row: TData) => string;

/**
 * One column's searchable text: what its cell shows for each row (`meta.filterText`), lower-cased, the rows in
 * `row.index` order in one string, apart by a NUL character, which no filter holds (so a match never spans two
 * cells). `starts[i]` is where row `i`'s text begins; `starts[rows]` is past the end. A keystroke searches a
 * column with a few `indexOf` calls over one string instead of a call per row.
 */
export interface ColumnSearchText {
  text: string;
  starts: Int32Array;
}

export function columnSearchText<TData extends RowData>(
  rows: readonly Row<TData>[],
  filterText: FilterText<TData>,
): ColumnSearchText {
  const cells = new Array<string>(rows.length).fill('');
  for (const row of rows) cells[row.index] = filterText(row.original).toLowerCase();
  // Offsets after lower-casing: a few characters change length when lower-cased ("İ").
  const starts = new Int32Array(cells.length + 1);
  let at = 0;
  for (let i = 0; i < cells.length; i++) {
    starts[i] = at;
    at += (cells[i] as string).length + 1;
  }
  starts[cells.length] = at;
  return { text: cells.join('\u0000'), starts };
}

/**
 * The longest needle searched as it is. V8 searches a longer one with Boyer-Moore, which on text full of the
 * needle's own characters (hex ids, padded numbers) is slower than finding its first characters and comparing:
 * searching for its head and checking the rest is 2 to 7 times faster on the devices table's text.
 */
const HEAD_LENGTH = 6;

/**
 * Sets `hits[i]` for each row `i` whose text in this column holds `needle` (no NUL, not empty). Rows already hit
 * (by another column) are skipped, so the columns searched after a common match cost less.
 */
export function markColumnMatches(
  { text, starts }: ColumnSearchText,
  needle: string,
  hits: Uint8Array,
): void {
  const rows = starts.length - 1;
  const head = needle.length > HEAD_LENGTH ? needle.slice(0, HEAD_LENGTH) : needle;
  const whole = head === needle;
  let row = 0;
  while (row < rows && hits[row] === 1) row += 1;
  let at = row < rows ? text.indexOf(head, starts[row]) : -1;
  while (at !== -1) {
    if (!whole) {
      let same = true;
      for (let i = HEAD_LENGTH; i < needle.length; i++) {
        if (text.charCodeAt(at + i) !== needle.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (!same) {
        at = text.indexOf(head, at + 1);
        continue;
      }
    }
    // The row holding `at` (the last whose text starts at or before it): near the last one when matches are
    // dense, so gallop forward, then halve.
    let step = 1;
    while (row + step < rows && (starts[row + step] as number) <= at) {
      row += step;
      step *= 2;
    }
    let high = Math.min(row + step, rows) - 1;
    while (row < high) {
      const middle = (row + high + 1) >>> 1;
      if ((starts[middle] as number) <= at) row = middle;
      else high = middle - 1;
    }
    hits[row] = 1;
    // The rest of this row cannot add anything: go on from the next row not yet hit.
    row += 1;
    while (row < rows && hits[row] === 1) row += 1;
    at = row < rows ? text.indexOf(head, starts[row]) : -1;
  }
}

interface SearchTextCache {
  rows: readonly unknown[];
  columns: unknown;
  byColumn: Map<FilterText<never>, ColumnSearchText>;
}

const searchTextsByTable = new WeakMap<object, SearchTextCache>();

/** The table's cache of column text for its current result, dropping columns whose definition changed. */
function searchTextCache<TData extends RowData>(table: Table<TData>) {
  const rows = table.getPreFilteredRowModel().rows;
  let cache = searchTextsByTable.get(table);
  if (!cache || cache.rows !== rows) {
    cache = { rows, columns: table.options.columns, byColumn: new Map() };
    searchTextsByTable.set(table, cache);
  } else if (cache.columns !== table.options.columns) {
    // New column definitions: keep the text of the columns whose reader is unchanged, drop the rest.
    const readers = new Set<unknown>(
      table.getAllLeafColumns().map((column) => column.columnDef.meta?.filterText),
    );
    for (const reader of cache.byColumn.keys()) if (!readers.has(reader)) cache.byColumn.delete(reader);
    cache.columns = table.options.columns;
  }
  const byColumn = cache.byColumn as unknown as Map<FilterText<TData>, ColumnSearchText>;
  return {
    has: (filterText: FilterText<TData>) => byColumn.has(filterText),
    textOf: (filterText: FilterText<TData>): ColumnSearchText => {
      let texts = byColumn.get(filterText);
      if (!texts) {
        texts = columnSearchText(rows, filterText);
        byColumn.set(filterText, texts);
      }
      return texts;
    },
  };
}

/**
 * The searchable text of the table's visible columns that declare text (columnSearchText). Each column's text is
 * read once per result and kept while its column exists, shown or not: showing a column reads that column alone,
 * hiding one reads nothing, and a keystroke reads nothing. The filtered model calls it; a page may call it while
 * idle so that the first keystroke after a new result does not wait for it.
 */
export function flatSearchTexts<TData extends RowData>(table: Table<TData>): ColumnSearchText[] {
  const { textOf } = searchTextCache(table);
  return table.getVisibleLeafColumns().flatMap((column) => {
    const filterText = column.columnDef.meta?.filterText;
    return filterText ? [textOf(filterText)] : [];
  });
}

/**
 * Reads the text of one hidden column that declares text and has not been read for this result, if there is
 * one, and says whether it did: a page calls it while idle, one column at a time, so that showing a column later
 * reads nothing.
 */
export function readHiddenSearchText<TData extends RowData>(table: Table<TData>): boolean {
  const { has, textOf } = searchTextCache(table);
  for (const column of table.getAllLeafColumns()) {
    const filterText = column.columnDef.meta?.filterText;
    if (!filterText || column.getIsVisible() || has(filterText)) continue;
    textOf(filterText);
    return true;
  }
  return false;
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
        const hits = new Uint8Array(input.rows.length);
        for (const column of flatSearchTexts(table)) markColumnMatches(column, needle, hits);
        const rows: Row<TData>[] = [];
        for (const row of facetRows) if (hits[row.index] === 1) rows.push(row);
        return toModel(rows, input.rowsById);
      },
      { key: 'flatFilteredRowModel' },
    );
}

interface ColumnSort<TData extends RowData> {
  id: string;
  fn: (a: Row<TData>, b: Row<TData>, id: string) => number;
  sign: number;
  basic: boolean;
}

function columnSorts<TData extends RowData>(table: Table<TData>, sorting: SortingState): ColumnSort<TData>[] {
  return sorting.flatMap((sort) => {
    const column = table.getColumn(sort.id);
    if (!column?.getCanSort()) return [];
    const sign = (sort.desc ? -1 : 1) * (column.columnDef.invertSorting ? -1 : 1);
    return [{ id: sort.id, fn: column.getSortingFn(), sign, basic: column.columnDef.sortingFn === 'basic' }];
  });
}

const compareBasic = (x: unknown, y: unknown) =>
  x === y ? 0 : (x as number | string) > (y as number | string) ? 1 : -1;

/** The rows in `sorting`'s order (ties in their given order), or null when nothing sorts. */
function sortRows<TData extends RowData>(
  table: Table<TData>,
  sorting: SortingState,
  rows: readonly Row<TData>[],
): Row<TData>[] | null {
  const sorts = columnSorts(table, sorting).map((sort) => ({
    ...sort,
    // 'basic' compares plain values: read each row's value once instead of per comparison.
    keys: sort.basic ? rows.map((row) => row.getValue(sort.id)) : null,
  }));
  if (sorts.length === 0) return null;

  const order = rows.map((_, index) => index);
  order.sort((a, b) => {
    for (const sort of sorts) {
      const result = sort.keys
        ? compareBasic(sort.keys[a], sort.keys[b])
        : sort.fn(rows[a] as Row<TData>, rows[b] as Row<TData>, sort.id);
      if (result !== 0) return result * sort.sign;
    }
    // Ties keep the order the source returned.
    return a - b;
  });
  return order.map((index) => rows[index] as Row<TData>);
}

/** The rows of `sorted` that `rows` holds, in `sorted`'s order. */
function pick<TData extends RowData>(
  sorted: readonly Row<TData>[],
  rows: readonly Row<TData>[],
  size: number,
): Row<TData>[] {
  const kept = new Uint8Array(size);
  for (const row of rows) kept[row.index] = 1;
  const picked: Row<TData>[] = [];
  for (const row of sorted) if (kept[row.index] === 1) picked.push(row);
  return picked;
}

/**
 * The sorted model. Filters keep rows in their order, so the filtered rows in sorted order are the sorted rows
 * that the filter kept: every row is sorted once per sort change, and a keystroke picks the rows it kept from
 * that order in one pass instead of sorting them again. Until that order exists (right after a sort change), a
 * filter that keeps few rows sorts just those, and so does the first answer after a sort change while a filter
 * is on, so that a sort click costs the kept rows' sort. A keystroke that narrows that filter (it keeps no row the
 * sorted few did not hold) picks from their order; one that widens it builds the whole order.
 */
export function flatSortedRowModel<TData extends RowData>(): (table: Table<TData>) => () => RowModel<TData> {
  return (table) => {
    let all: { sorting: SortingState; core: RowModel<TData>; rows: Row<TData>[] | null } | null = null;
    let partial: {
      sorting: SortingState;
      core: RowModel<TData>;
      rows: Row<TData>[] | null;
      held: Uint8Array;
    } | null = null;
    return memo(
      () => [table.getState().sorting, table.getPreSortedRowModel()],
      (sorting, input) => {
        const core = table.getCoreRowModel();
        const ready = all !== null && all.sorting === sorting && all.core === core;
        const first = partial === null || partial.sorting !== sorting || partial.core !== core;
        const filtered = input.rows.length < core.rows.length;
        if (!ready && filtered && !first && partial?.rows) {
          // A narrower filter keeps only rows the sorted few held: their order is the answer.
          const { held, rows: order } = partial;
          if (input.rows.every((row) => held[row.index] === 1))
            return toModel(pick(order, input.rows, core.rows.length), input.rowsById);
        }
        if (!ready && filtered && (first || input.rows.length * 4 < core.rows.length)) {
          const rows = sortRows(table, sorting, input.rows);
          const held = new Uint8Array(core.rows.length);
          for (const row of input.rows) held[row.index] = 1;
          partial = { sorting, core, rows, held };
          return rows ? toModel(rows, input.rowsById) : input;
        }
        if (!all || !ready) all = { sorting, core, rows: sortRows(table, sorting, core.rows) };
        const sorted = all.rows;
        if (!sorted) return input;
        // Filtered rows are a subset of the core rows in their order: the same count means all of them.
        if (input.rows.length === core.rows.length) return toModel(sorted, input.rowsById);
        return toModel(pick(sorted, input.rows, core.rows.length), input.rowsById);
      },
      { key: 'flatSortedRowModel' },
    );
  };
}
