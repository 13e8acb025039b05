// A column's facet filter for the toolbar: a menu of the values the column declares in `meta.facets`, each
// with how many rows have it, checked when kept. Nothing checked means no filter.
'use client';
import type { Column, Table } from '@tanstack/react-table';
import { useMemo } from 'react';
import { buttonClass } from '@/components/ui/button';
import { formatCount } from '@/components/ui/format';
import { ChevronDownIcon } from '@/components/ui/icons';
import { Menu, MenuItemCheckbox, MenuLabel } from '@/components/ui/menu';
import { columnLabel } from './data-table-meta';

interface DataTableFacetFilterProps<TData> {
  table: Table<TData>;
  column: Column<TData, unknown>;
  /** Values kept; empty: every row. */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** The menu's heading; says what the values describe. */
  heading?: string;
}

export function DataTableFacetFilter<TData>({
  table,
  column,
  selected,
  onChange,
  heading,
}: DataTableFacetFilterProps<TData>) {
  const facets = column.columnDef.meta?.facets;
  const label = columnLabel(column);
  const coreRows = table.getCoreRowModel().rows;
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    if (!facets) return map;
    for (const row of coreRows) {
      const value = facets.value(row.original);
      map.set(value, (map.get(value) ?? 0) + 1);
    }
    return map;
  }, [coreRows, facets]);
  if (!facets) return null;

  const names = facets.options.filter((o) => selected.includes(o.value)).map((o) => o.label);
  const toggle = (value: string) =>
    onChange(
      facets.options
        .map((o) => o.value)
        .filter((v) => (v === value ? !selected.includes(v) : selected.includes(v))),
    );

  return (
    <Menu
      label={`${label} filter${names.length ? `: ${names.join(', ')}` : ''}`}
      menuLabel={`Filter by ${label.toLowerCase()}`}
      triggerClassName={buttonClass('secondary', names.length ? 'border-accent text-accent' : '')}
      trigger={
        <>
          {label}
          {names.length > 0 && (
            <span className="max-w-40 truncate font-normal">
              {names.length > 2 ? `${names.length} kept` : names.join(', ')}
            </span>
          )}
          <ChevronDownIcon size={12} />
        </>
      }
    >
      {() => (
        <>
          <MenuLabel>{heading ?? `Keep rows by ${label.toLowerCase()}`}</MenuLabel>
          {facets.options.map((option) => (
            <MenuItemCheckbox
              key={option.value}
              checked={selected.includes(option.value)}
              onSelect={() => toggle(option.value)}
              hint={<span className="tabular-nums">{formatCount(counts.get(option.value) ?? 0)}</span>}
            >
              {option.label}
            </MenuItemCheckbox>
          ))}
          {selected.length > 0 && (
            <>
              <div className="my-1 border-line border-t" />
              <MenuItemCheckbox checked={false} onSelect={() => onChange([])}>
                Clear filter
              </MenuItemCheckbox>
            </>
          )}
        </>
      )}
    </Menu>
  );
}
