// The flat filtered row model: facet filters declared in column meta (the Needs review view and the verdict
// filter of the devices table) and the text filter combine, and rows keep the source's order.
import { type ColumnDef, type ColumnFiltersState, createTable, getCoreRowModel } from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import { textFilterOptions } from './data-table-meta';
import { flatFilteredRowModel } from './data-table-row-models';

interface Item {
  name: string;
  status: 'unreviewed' | 'benign' | 'suspicious';
}

const DATA: Item[] = [
  { name: 'ws-alpha', status: 'unreviewed' },
  { name: 'ws-bravo', status: 'benign' },
  { name: 'srv-charlie', status: 'suspicious' },
  { name: 'ws-delta', status: 'suspicious' },
];

const columns: ColumnDef<Item, unknown>[] = [
  { id: 'name', accessorFn: (row) => row.name, meta: { textFilter: (row) => [row.name] } },
  {
    id: 'status',
    accessorFn: (row) => row.status,
    meta: {
      facets: {
        options: ['unreviewed', 'benign', 'suspicious'].map((value) => ({ value, label: value })),
        value: (row) => row.status,
      },
    },
  },
];

function shown(columnFilters: ColumnFiltersState, globalFilter = ''): string[] {
  const table = createTable<Item>({
    data: DATA,
    columns,
    state: { columnFilters, globalFilter, columnPinning: {}, columnVisibility: {}, sorting: [] },
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: flatFilteredRowModel(),
    ...textFilterOptions(columns),
  });
  return table.getRowModel().rows.map((row) => row.original.name);
}

describe('flatFilteredRowModel', () => {
  it('without filters keeps every row in order', () => {
    expect(shown([])).toEqual(['ws-alpha', 'ws-bravo', 'srv-charlie', 'ws-delta']);
  });

  it('a facet filter keeps the rows whose value is listed', () => {
    expect(shown([{ id: 'status', value: ['unreviewed', 'suspicious'] }])).toEqual([
      'ws-alpha',
      'srv-charlie',
      'ws-delta',
    ]);
    expect(shown([{ id: 'status', value: [] }])).toEqual([]);
  });

  it('facet and text filters combine', () => {
    expect(shown([{ id: 'status', value: ['suspicious'] }], 'ws-')).toEqual(['ws-delta']);
    expect(shown([], 'BRAVO')).toEqual(['ws-bravo']);
  });

  it('ignores a filter on a column without facets', () => {
    expect(shown([{ id: 'name', value: ['ws-alpha'] }])).toHaveLength(4);
  });
});
