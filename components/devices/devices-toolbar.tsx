// The bar above a table of devices (a hunt's, a tool's): the text filter, cut to what the URL keeps, that
// Escape leaves for the table, the "N of M shown" count, and the table's own controls.
'use client';
import type { ReactNode, Ref, RefObject } from 'react';
import type { DataTableHandle } from '@/components/data-table/data-table';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { MAX_FILTER_LENGTH } from '@/components/url-state/parsers';

export function DevicesToolbar({
  q,
  onFilterChange,
  tableRef,
  filterRef,
  placeholder,
  shown,
  total,
  leading,
  children,
}: {
  q: string;
  onFilterChange: (q: string) => void;
  /** Where Escape in the filter sends the focus, when a row is left to take it. */
  tableRef: RefObject<DataTableHandle | null>;
  filterRef?: Ref<HTMLInputElement> | undefined;
  placeholder: string;
  /** Rows left after filtering and in total; null while there is nothing to count yet. */
  shown: number | null;
  total: number | null;
  leading?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <DataTableToolbar
      value={q}
      onValueChange={onFilterChange}
      onLeave={() => {
        // Out of the field at once, so that the next key is a shortcut even before the row has focus.
        (document.activeElement as HTMLElement | null)?.blur();
        if (shown) tableRef.current?.focus();
      }}
      inputRef={filterRef}
      label="Filter devices"
      placeholder={placeholder}
      maxLength={MAX_FILTER_LENGTH}
      shown={shown}
      total={total}
      leading={leading}
    >
      {children}
    </DataTableToolbar>
  );
}
