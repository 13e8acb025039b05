// What a column can declare for the data-table family (extends TanStack's ColumnMeta once).
import type { Column, RowData } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The column's name in words: header button, column menu, screen readers. */
    label?: string;
    /** Numbers align right so digits line up. */
    align?: 'start' | 'end';
    /** Takes the width left over by the sized columns (e.g. a timeline). */
    grow?: boolean;
    /**
     * The text the column's cell shows for a row (values joined by spaces or commas, '' for none). The toolbar's
     * text filter searches it while the column is visible.
     */
    filterText?: (row: TData) => string;
    /** Where the column menu lists the column: under this heading after the ungrouped columns. */
    group?: string;
    /**
     * Declares the column filterable by a fixed set of values (a facet): the options in order, and the
     * option a row has. The filter's value in the table state is the list of options kept.
     */
    facets?: {
      options: readonly FacetOption[];
      value: (row: TData) => string;
    };
  }
}

export interface FacetOption {
  value: string;
  label: string;
}

export function columnLabel<TData, TValue>(column: Column<TData, TValue>): string {
  return column.columnDef.meta?.label ?? column.id;
}

/**
 * The filter text as rows are matched against it: trimmed and lower-cased ('' is no filter), without NUL
 * characters, which no cell shows.
 */
export function normalizeFilterText(value: unknown): string {
  return String(value ?? '')
    .replaceAll('\u0000', '')
    .trim()
    .toLowerCase();
}
