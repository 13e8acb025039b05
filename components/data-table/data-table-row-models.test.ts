// The flat filtered row model: facet filters declared in column meta (the Needs review view and the verdict
// filter of the devices table) and the text filter over the visible columns combine, and rows keep the source's
// order.
import {
  type ColumnDef,
  type ColumnFiltersState,
  createTable,
  getCoreRowModel,
  type Row,
  type TableState,
  type VisibilityState,
} from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import {
  columnSearchText,
  flatFilteredRowModel,
  flatSortedRowModel,
  markColumnMatches,
  readHiddenSearchText,
} from './data-table-row-models';

interface Item {
  name: string;
  status: 'unreviewed' | 'benign' | 'suspicious';
  owner: string;
}

const DATA: Item[] = [
  { name: 'ws-alpha', status: 'unreviewed', owner: 'Ana' },
  { name: 'ws-bravo', status: 'benign', owner: 'Bob' },
  { name: 'srv-charlie', status: 'suspicious', owner: 'Ana' },
  { name: 'ws-delta', status: 'suspicious', owner: 'Cy' },
];

const columns: ColumnDef<Item, unknown>[] = [
  { id: 'name', accessorFn: (row) => row.name, meta: { filterText: (row) => row.name } },
  {
    id: 'status',
    accessorFn: (row) => row.status,
    meta: {
      facets: {
        options: ['unreviewed', 'benign', 'suspicious'].map((value) => ({ value, label: value })),
        value: (row) => row.status,
      },
      filterText: (row) => row.status,
    },
  },
  { id: 'owner', accessorFn: (row) => row.owner, meta: { filterText: (row) => `owner ${row.owner}` } },
  // Shows something, but declares no text: never searched.
  { id: 'badge', cell: () => 'badge' },
];

function itemTable(state: Partial<TableState>) {
  let current = {
    columnFilters: [],
    globalFilter: '',
    columnPinning: {},
    columnVisibility: {},
    sorting: [],
    ...state,
  };
  const table = createTable<Item>({
    data: DATA,
    columns,
    state: current as TableState,
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: flatFilteredRowModel(),
  });
  return {
    names: () => table.getRowModel().rows.map((row) => row.original.name),
    set: (patch: Partial<TableState>) => {
      current = { ...current, ...patch };
      table.setOptions((options) => ({ ...options, state: current as TableState }));
    },
  };
}

function shown(columnFilters: ColumnFiltersState, globalFilter = '', columnVisibility: VisibilityState = {}) {
  return itemTable({ columnFilters, globalFilter, columnVisibility }).names();
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

describe('the text filter', () => {
  it("searches every visible column's text, ignoring case and surrounding spaces", () => {
    expect(shown([], 'owner ana')).toEqual(['ws-alpha', 'srv-charlie']);
    expect(shown([], '  SUSPICIOUS ')).toEqual(['srv-charlie', 'ws-delta']);
    expect(shown([], 'ws-')).toEqual(['ws-alpha', 'ws-bravo', 'ws-delta']);
  });

  it('does not search hidden columns or columns that declare no text', () => {
    expect(shown([], 'owner ana', { owner: false })).toEqual([]);
    expect(shown([], 'suspicious', { status: false })).toEqual([]);
    expect(shown([], 'badge')).toEqual([]);
  });

  it("never matches across two cells' text", () => {
    // name "ws-alpha" then status "unreviewed": no cell holds "alphaunreviewed" or "alpha unreviewed".
    expect(shown([], 'alphaunreviewed')).toEqual([]);
    expect(shown([], 'alpha unreviewed')).toEqual([]);
    expect(shown([], 'alpha\nunreviewed')).toEqual([]);
    expect(shown([], 'alpha\u0000unreviewed')).toEqual([]);
  });

  it('follows a column being shown or hidden after the text was read', () => {
    const table = itemTable({ globalFilter: 'owner cy' });
    expect(table.names()).toEqual(['ws-delta']);
    table.set({ columnVisibility: { owner: false } });
    expect(table.names()).toEqual([]);
    table.set({ columnVisibility: {}, globalFilter: 'owner bob' });
    expect(table.names()).toEqual(['ws-bravo']);
  });
});

describe("the text filter's per-column text", () => {
  // Counts each column's reads of a row's text, so a test can tell which columns were read.
  function countedTable(columnVisibility: VisibilityState) {
    const reads: Record<string, number> = { name: 0, status: 0, owner: 0 };
    const counted = (id: string, text: (row: Item) => string) => (row: Item) => {
      reads[id] = (reads[id] ?? 0) + 1;
      return text(row);
    };
    const counting: ColumnDef<Item, unknown>[] = [
      { id: 'name', accessorFn: (row) => row.name, meta: { filterText: counted('name', (row) => row.name) } },
      {
        id: 'status',
        accessorFn: (row) => row.status,
        meta: { filterText: counted('status', (row) => row.status) },
      },
      {
        id: 'owner',
        accessorFn: (row) => row.owner,
        meta: { filterText: counted('owner', (row) => `owner ${row.owner}`) },
      },
    ];
    let current: Partial<TableState> = {
      columnFilters: [],
      globalFilter: '',
      columnPinning: {},
      columnVisibility,
      sorting: [],
    };
    const table = createTable<Item>({
      data: DATA,
      columns: counting,
      state: current as TableState,
      onStateChange: () => {},
      renderFallbackValue: null,
      getCoreRowModel: getCoreRowModel(),
      getFilteredRowModel: flatFilteredRowModel(),
    });
    return {
      table,
      reads,
      view: (patch: Partial<TableState>) => {
        current = { ...current, ...patch };
        table.setOptions((options) => ({ ...options, state: current as TableState }));
        return table.getRowModel().rows.map((row) => row.original.name);
      },
      setColumns: (columns: ColumnDef<Item, unknown>[]) => {
        table.setOptions((options) => ({ ...options, columns }));
        return table.getRowModel().rows.map((row) => row.original.name);
      },
    };
  }

  it("searches a newly shown column's text, reading that column alone and once", () => {
    const { reads, view } = countedTable({ owner: false });
    expect(view({ globalFilter: 'owner ana' })).toEqual([]);
    expect(reads).toEqual({ name: 4, status: 4, owner: 0 });
    expect(view({ columnVisibility: {} })).toEqual(['ws-alpha', 'srv-charlie']);
    expect(reads).toEqual({ name: 4, status: 4, owner: 4 });
    // Keystrokes read nothing more.
    expect(view({ globalFilter: 'owner c' })).toEqual(['ws-delta']);
    expect(view({ globalFilter: 'ws-' })).toEqual(['ws-alpha', 'ws-bravo', 'ws-delta']);
    expect(reads).toEqual({ name: 4, status: 4, owner: 4 });
  });

  it("stops searching a hidden column's text without reading anything, and searches it again when shown", () => {
    const { reads, view } = countedTable({});
    expect(view({ globalFilter: 'owner bob' })).toEqual(['ws-bravo']);
    expect(view({ columnVisibility: { owner: false } })).toEqual([]);
    expect(view({ columnVisibility: { owner: false, name: false }, globalFilter: 'ws-' })).toEqual([]);
    expect(view({ globalFilter: 'suspicious' })).toEqual(['srv-charlie', 'ws-delta']);
    expect(view({ columnVisibility: {}, globalFilter: 'owner bob' })).toEqual(['ws-bravo']);
    expect(reads).toEqual({ name: 4, status: 4, owner: 4 });
  });

  it('reads hidden columns ahead, one per call, so that showing one reads nothing', () => {
    const { table, reads, view } = countedTable({ owner: false, status: false });
    expect(view({ globalFilter: 'ws-' })).toEqual(['ws-alpha', 'ws-bravo', 'ws-delta']);
    expect(reads).toEqual({ name: 4, status: 0, owner: 0 });
    expect(readHiddenSearchText(table)).toBe(true);
    expect(reads).toEqual({ name: 4, status: 4, owner: 0 });
    expect(readHiddenSearchText(table)).toBe(true);
    expect(readHiddenSearchText(table)).toBe(false);
    expect(reads).toEqual({ name: 4, status: 4, owner: 4 });
    expect(view({ columnVisibility: { status: false }, globalFilter: 'owner cy' })).toEqual(['ws-delta']);
    expect(reads).toEqual({ name: 4, status: 4, owner: 4 });
  });

  it('reads the text again for new data and for a column whose text changed', () => {
    const { reads, view, setColumns } = countedTable({});
    expect(view({ globalFilter: 'owner ana' })).toEqual(['ws-alpha', 'srv-charlie']);
    // The same owner column, now showing the owner's initial only.
    const initials: ColumnDef<Item, unknown>[] = [
      { id: 'name', accessorFn: (row) => row.name, meta: { filterText: (row) => row.name } },
      {
        id: 'owner',
        accessorFn: (row) => row.owner,
        meta: { filterText: (row) => `owner ${row.owner[0]}.` },
      },
    ];
    expect(setColumns(initials)).toEqual([]);
    expect(view({ globalFilter: 'owner a.' })).toEqual(['ws-alpha', 'srv-charlie']);
    expect(reads.owner).toBe(4);
  });
});

describe('markColumnMatches', () => {
  const rowsOf = (texts: string[]) => texts.map((_, index) => ({ index, original: texts[index] })) as never;
  const hitsOf = (texts: string[], needle: string, already: number[] = []) => {
    const column = columnSearchText<string>(rowsOf(texts), (text) => text);
    const hits = new Uint8Array(texts.length);
    for (const row of already) hits[row] = 1;
    markColumnMatches(column, needle, hits);
    return [...hits.keys()].filter((row) => hits[row] === 1);
  };

  it('finds every row holding the needle, at either end of the text, with empty rows between', () => {
    const texts = ['abc', '', 'xabcx', 'ab', '', 'c', 'zzzabc'];
    expect(hitsOf(texts, 'abc')).toEqual([0, 2, 6]);
    expect(hitsOf(texts, 'ab')).toEqual([0, 2, 3, 6]);
    expect(hitsOf(texts, 'c')).toEqual([0, 2, 5, 6]);
    expect(hitsOf(texts, 'zzzabcx')).toEqual([]);
    expect(hitsOf([], 'a')).toEqual([]);
  });

  it('matches long needles whole, not by their first characters', () => {
    const texts = ['powershe', 'powershell.exe', 'powershellx', 'xpowershel', 'powershell'];
    expect(hitsOf(texts, 'powershell')).toEqual([1, 2, 4]);
    expect(hitsOf(texts, 'powershell.exe')).toEqual([1]);
    expect(hitsOf(texts, 'powershell.exe.')).toEqual([]);
  });

  it('never matches across two rows, and keeps rows hit by another column', () => {
    expect(hitsOf(['ws-alpha', 'ws-bravo'], 'alphaws')).toEqual([]);
    expect(hitsOf(['abcdef', 'ghijkl'], 'efgh')).toEqual([]);
    expect(hitsOf(['a', 'b', 'a', 'b'], 'a', [1])).toEqual([0, 1, 2]);
  });

  it('finds rows after text whose lower case is longer than its upper case', () => {
    // "İ" lower-cases to two UTF-16 units: the rows after it must still be found where they are.
    const texts = ['İİİİİİİİ', 'ankara', 'İzmir', 'bursa'];
    const column = columnSearchText<string>(rowsOf(texts), (text) => text);
    const hits = new Uint8Array(texts.length);
    markColumnMatches(column, 'ankara', hits);
    markColumnMatches(column, 'bursa', hits);
    markColumnMatches(column, 'zmir', hits);
    expect([...hits]).toEqual([0, 1, 1, 1]);
  });
});

describe('the sorted model over filtered rows', () => {
  // Enough rows that a filter may keep many (picked from the sorted order) or few (sorted on their own).
  const many: Item[] = Array.from({ length: 60 }, (_, i) => ({
    name: `${i % 3 === 0 ? 'srv' : 'ws'}-${((i * 37) % 60).toString().padStart(2, '0')}`,
    status: (['unreviewed', 'benign', 'suspicious'] as const)[(i * 7) % 3] as Item['status'],
    owner: ['Ana', 'Bob', 'Cy', 'Dee'][i % 4] as string,
  }));

  function sortedTable(
    initial: Partial<TableState> = {},
    sortingFn: 'basic' | ((a: Row<Item>, b: Row<Item>) => number) = 'basic',
  ) {
    let current: Partial<TableState> = {
      columnFilters: [],
      globalFilter: '',
      columnPinning: {},
      columnVisibility: {},
      sorting: [{ id: 'name', desc: false }],
      ...initial,
    };
    const table = createTable<Item>({
      data: many,
      columns: columns.map((c) => (c.id === 'name' ? { ...c, sortingFn } : c)),
      state: current as TableState,
      onStateChange: () => {},
      renderFallbackValue: null,
      getCoreRowModel: getCoreRowModel(),
      getFilteredRowModel: flatFilteredRowModel(),
      getSortedRowModel: flatSortedRowModel(),
    });
    return (patch: Partial<TableState>) => {
      current = { ...current, ...patch };
      table.setOptions((options) => ({ ...options, state: current as TableState }));
      return table.getRowModel().rows.map((row) => row.original.name);
    };
  }

  const expected = (keep: (item: Item) => boolean, desc: boolean) =>
    many
      .filter(keep)
      .map((item) => item.name)
      .sort((a, b) => (desc ? b.localeCompare(a) : a.localeCompare(b)));

  it('narrows a filter typed after a sort click from the kept rows, without sorting the rows again', () => {
    let comparisons = 0;
    const view = sortedTable({ globalFilter: 'ws-', sorting: [] }, (a, b) => {
      comparisons++;
      return a.original.name.localeCompare(b.original.name);
    });
    view({});
    expect(view({ sorting: [{ id: 'name', desc: false }] })).toEqual(
      expected((i) => i.name.startsWith('ws-'), false),
    );
    const afterSortClick = comparisons;
    expect(afterSortClick).toBeGreaterThan(0);
    expect(view({ globalFilter: 'ws-1' })).toEqual(expected((i) => i.name.startsWith('ws-1'), false));
    expect(view({ globalFilter: 'ws-13' })).toEqual(expected((i) => i.name.startsWith('ws-13'), false));
    expect(comparisons).toBe(afterSortClick);
    // Widening past the sorted rows needs the others' order too.
    expect(view({ globalFilter: 's-1' })).toEqual(expected((i) => i.name.includes('s-1'), false));
    expect(view({ globalFilter: '' })).toEqual(expected(() => true, false));
  });

  it('is the filter of the sorted rows, whether the filter keeps many rows, few or none', () => {
    const view = sortedTable();
    expect(view({})).toEqual(expected(() => true, false));
    expect(view({ globalFilter: 'ws-' })).toEqual(expected((i) => i.name.startsWith('ws-'), false));
    expect(view({ globalFilter: 'owner ana' })).toEqual(expected((i) => i.owner === 'Ana', false));
    expect(view({ globalFilter: 'srv-1' })).toEqual(expected((i) => i.name.startsWith('srv-1'), false));
    expect(view({ globalFilter: 'nothing' })).toEqual([]);
    expect(view({ sorting: [{ id: 'name', desc: true }], globalFilter: 'ws-' })).toEqual(
      expected((i) => i.name.startsWith('ws-'), true),
    );
    // A sort change with a filter that keeps few rows: those are sorted on their own.
    expect(view({ sorting: [{ id: 'name', desc: false }], globalFilter: 'srv-1' })).toEqual(
      expected((i) => i.name.startsWith('srv-1'), false),
    );
    expect(view({ globalFilter: 'ws-' })).toEqual(expected((i) => i.name.startsWith('ws-'), false));
    expect(
      view({
        sorting: [{ id: 'name', desc: true }],
        globalFilter: '',
        columnFilters: [{ id: 'status', value: ['benign', 'suspicious'] }],
      }),
    ).toEqual(expected((i) => i.status !== 'unreviewed', true));
  });
});
