// What a column can declare for the data-table family (extends TanStack's ColumnMeta once), and
// the toolbar's text filter built from those declarations.
import type { Column, ColumnDef, FilterFn, RowData } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The column's name in words: header button, column menu, screen readers. */
    label?: string;
    /** Numbers align right so digits line up. */
    align?: 'start' | 'end';
    /** Takes the width left over by the sized columns (e.g. a timeline). */
    grow?: boolean;
    /**
     * Declares the column searchable by the toolbar's text filter: the strings it matches
     * (case-insensitive substring) for a row.
     */
    textFilter?: (row: TData) => readonly (string | null | undefined)[];
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
 * The global filter for a table whose columns declare `meta.textFilter`: a row is kept when any
 * declared string contains the filter text. Pass the result's fields to `useReactTable`.
 */
// biome-ignore lint/suspicious/noExplicitAny: TanStack column defs are heterogeneous in their value type.
export function textFilterOptions<TData extends RowData>(columns: ColumnDef<TData, any>[]) {
  const byColumn = new Map<string, NonNullable<NonNullable<ColumnDef<TData>['meta']>['textFilter']>>();
  for (const column of columns) {
    const id = column.id ?? ('accessorKey' in column ? String(column.accessorKey) : undefined);
    const textFilter = column.meta?.textFilter;
    if (id && textFilter) byColumn.set(id, textFilter);
  }

  const globalFilterFn: FilterFn<TData> = (row, columnId, needle: string) => {
    const textFilter = byColumn.get(columnId);
    if (!textFilter) return false;
    return textFilter(row.original).some((value) => value?.toLowerCase().includes(needle));
  };
  globalFilterFn.resolveFilterValue = (value: unknown) =>
    String(value ?? '')
      .trim()
      .toLowerCase();
  globalFilterFn.autoRemove = (value: unknown) => String(value ?? '').trim() === '';

  return {
    globalFilterFn,
    getColumnCanGlobalFilter: (column: Column<TData, unknown>) => byColumn.has(column.id),
  };
}
