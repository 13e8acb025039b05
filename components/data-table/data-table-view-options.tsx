// The "Columns" menu: show or hide the table's columns (those that allow hiding), the ungrouped ones first,
// then each `meta.group` under its heading.
'use client';
import type { Column, Table } from '@tanstack/react-table';
import { buttonClass } from '@/components/ui/button';
import { ChevronDownIcon, ColumnsIcon } from '@/components/ui/icons';
import { Menu, MenuItemCheckbox, MenuLabel } from '@/components/ui/menu';
import { columnLabel } from './data-table-meta';

export function DataTableViewOptions<TData>({ table }: { table: Table<TData> }) {
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());
  // Grouped columns are extras, hidden until asked for: only the main columns count as hidden.
  const hiddenCount = columns.filter(
    (column) => !column.columnDef.meta?.group && !column.getIsVisible(),
  ).length;
  const groups = new Map<string, Column<TData, unknown>[]>();
  for (const column of columns) {
    const group = column.columnDef.meta?.group ?? '';
    groups.set(group, [...(groups.get(group) ?? []), column]);
  }
  const ordered = [...groups].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0));
  return (
    <Menu
      menuLabel="Visible columns"
      align="end"
      triggerClassName={buttonClass('ghost')}
      panelClassName="max-h-[min(32rem,70vh)] overflow-y-auto"
      trigger={
        <>
          <ColumnsIcon />
          Columns
          {hiddenCount > 0 && <span className="text-muted text-xs tabular-nums">({hiddenCount} hidden)</span>}
          <ChevronDownIcon size={12} />
        </>
      }
    >
      {() =>
        ordered.map(([group, list]) => (
          // biome-ignore lint/a11y/useSemanticElements: a menu's sections are role=group (WAI-ARIA menu pattern), not form fieldsets.
          <div key={group || 'columns'} role="group" aria-label={group || 'Show columns'}>
            <MenuLabel>{group || 'Show columns'}</MenuLabel>
            {list.map((column) => (
              <MenuItemCheckbox
                key={column.id}
                checked={column.getIsVisible()}
                onSelect={() => column.toggleVisibility(!column.getIsVisible())}
              >
                {columnLabel(column)}
              </MenuItemCheckbox>
            ))}
          </div>
        ))
      }
    </Menu>
  );
}
