// The "Columns" menu: show or hide the table's columns (those that allow hiding).
'use client';
import type { Table } from '@tanstack/react-table';
import { buttonClass } from '@/components/ui/button';
import { ChevronDownIcon, ColumnsIcon } from '@/components/ui/icons';
import { Menu, MenuItemCheckbox, MenuLabel } from '@/components/ui/menu';
import { columnLabel } from './data-table-meta';

export function DataTableViewOptions<TData>({ table }: { table: Table<TData> }) {
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());
  const hiddenCount = columns.filter((column) => !column.getIsVisible()).length;
  return (
    <Menu
      menuLabel="Visible columns"
      align="end"
      triggerClassName={buttonClass('ghost')}
      trigger={
        <>
          <ColumnsIcon />
          Columns
          {hiddenCount > 0 && <span className="text-muted text-xs tabular-nums">({hiddenCount} hidden)</span>}
          <ChevronDownIcon size={12} />
        </>
      }
    >
      {() => (
        <>
          <MenuLabel>Show columns</MenuLabel>
          {columns.map((column) => (
            <MenuItemCheckbox
              key={column.id}
              checked={column.getIsVisible()}
              onSelect={() => column.toggleVisibility(!column.getIsVisible())}
            >
              {columnLabel(column)}
            </MenuItemCheckbox>
          ))}
        </>
      )}
    </Menu>
  );
}
