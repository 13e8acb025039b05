// A column's header content: the label as a sort toggle when the column sorts (the <th> around it
// carries aria-sort), plain text otherwise.
'use client';
import type { Column } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { ArrowDownIcon, ArrowUpIcon, SortIcon } from '@/components/ui/icons';
import { columnLabel } from './data-table-meta';

export function ariaSort<TData, TValue>(
  column: Column<TData, TValue>,
): 'ascending' | 'descending' | undefined {
  const sorted = column.getIsSorted();
  if (sorted === 'asc') return 'ascending';
  if (sorted === 'desc') return 'descending';
  return undefined;
}

export function DataTableColumnHeader<TData, TValue>({
  column,
  children,
}: {
  column: Column<TData, TValue>;
  /** Shown under the label, e.g. an axis; hidden from the header's accessible name. */
  children?: ReactNode;
}) {
  const label = columnLabel(column);
  const end = column.columnDef.meta?.align === 'end';

  if (!column.getCanSort()) {
    return (
      <div className="flex flex-col gap-0.5">
        <span className={`px-1 ${end ? 'text-right' : ''}`}>{label}</span>
        {children}
      </div>
    );
  }

  const sorted = column.getIsSorted();
  const nextDesc = sorted === false ? column.getFirstSortDir() === 'desc' : sorted === 'asc';
  return (
    <div className="flex flex-col gap-0.5">
      <button
        type="button"
        onClick={column.getToggleSortingHandler()}
        title={`Sort by ${label.toLowerCase()}, ${nextDesc ? 'descending' : 'ascending'}`}
        className={`group -mx-0 inline-flex h-6 max-w-full items-center gap-1 rounded px-1 hover:bg-surface-3 hover:text-fg ${end ? 'flex-row-reverse self-end' : 'self-start'} ${sorted ? 'text-fg' : ''}`}
      >
        <span className="truncate">{label}</span>
        <span
          aria-hidden="true"
          className={sorted ? 'text-accent' : 'text-muted opacity-0 group-hover:opacity-100'}
        >
          {sorted === 'asc' ? (
            <ArrowUpIcon size={12} />
          ) : sorted === 'desc' ? (
            <ArrowDownIcon size={12} />
          ) : (
            <SortIcon size={12} />
          )}
        </span>
      </button>
      {children}
    </div>
  );
}
