// Sorting and filtering the devices table at 100,000 rows: the page's own columns and row models (the flat
// filtered and sorted models the table uses), timed in this process as the browser runs them on a sort click
// or a filter keystroke. React renders only the visible rows (the table is virtualised), so the row model is
// what grows with the row count. Goal: under 150 ms each. Runs in a process of its own: the page's modules
// need React's client build, which the other benchmarks' react-server condition hides.
import {
  type ColumnDef,
  createTable,
  getCoreRowModel,
  type SortingState,
  type TableState,
  type VisibilityState,
} from '@tanstack/react-table';
import { flatFilteredRowModel, flatSortedRowModel } from '@/components/data-table/data-table-row-models';
import { createDeviceColumns, type DeviceRow, toDeviceRows } from '@/components/devices/device-columns';
import { deviceFields } from '@/components/devices/device-fields';
import { DEFAULT_SORT } from '@/components/devices/device-view-params';
import type { HuntDevice } from '@/lib/hunts/hunt-run';
import { SIGNAL_IDS } from '@/lib/signals/definitions';
import { BENCH_NOW, type BenchArgs, median } from './common';

const ROWS = 100_000;
const GOAL_MS = 150;
const DAY_MS = 86_400_000;
const PARENTS = ['explorer.exe', 'powershell.exe', 'cmd.exe', 'svchost.exe', 'ccmexec.exe', 'chrome.exe'];

function devices(count: number, seed: number): HuntDevice[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const end = BENCH_NOW.getTime();
  return Array.from({ length: count }, (_, i) => {
    const last = end - Math.floor(next() * 5 * DAY_MS);
    const first = last - Math.floor(next() * 5 * DAY_MS);
    const parent = PARENTS[Math.floor(next() * PARENTS.length)] ?? 'explorer.exe';
    const ids = SIGNAL_IDS.filter(() => next() < 0.15);
    return {
      deviceId: `${(i * 2_654_435_761).toString(16).padStart(8, '0')}${i.toString(16).padStart(32, '0')}`,
      deviceName: `${next() < 0.7 ? 'ws' : 'srv'}-${i.toString().padStart(6, '0')}.corp.contoso.com`,
      firstSeen: new Date(first).toISOString(),
      lastSeen: new Date(last).toISOString(),
      count: 1 + Math.floor(next() * 400),
      reportIds: [i * 3, i * 3 + 1],
      activity: [{ day: new Date(last).toISOString().slice(0, 10), count: 1 }],
      signals: {
        ids,
        parents: [parent],
        parentCommandLines: [`"C:\\Windows\\System32\\${parent}"`],
        accounts: [`corp\\user${i % 900}`],
        folders: ['C:\\Program Files\\mRemoteNG'],
        fileNames: ['mRemoteNG.exe'],
        originalFileNames: ['mRemoteNG.exe'],
        firstEvent: new Date(first).toISOString(),
      },
    };
  });
}

/** The optional field columns the page offers for these devices, and the visibility it starts with (all hidden). */
function fieldsOf(devices: HuntDevice[]) {
  const fields = deviceFields({
    hunt: {
      id: 'bench',
      name: 'bench',
      description: '',
      tool: null,
      tables: ['DeviceProcessEvents'],
      tactics: [],
      techniques: [],
      lookback: '5d',
    },
    devices,
    signals: { available: [...SIGNAL_IDS] },
  });
  const hidden: VisibilityState = Object.fromEntries(fields.map((field) => [field.id, false]));
  return { fields, hidden };
}

function deviceTable(rows: DeviceRow[], fields: ReturnType<typeof fieldsOf>) {
  const columns = createDeviceColumns({
    scale: null,
    windowEndMs: BENCH_NOW.getTime(),
    verdictsLoaded: true,
    fields: fields.fields,
  }) as ColumnDef<DeviceRow, unknown>[];
  let state: Partial<TableState> = {
    sorting: [],
    globalFilter: '',
    columnFilters: [],
    columnPinning: {},
    columnVisibility: fields.hidden,
  };
  const table = createTable<DeviceRow>({
    data: rows,
    columns,
    state: state as TableState,
    onStateChange: () => {},
    renderFallbackValue: null,
    getRowId: (row) => `${row.deviceId}|${row.deviceName}`,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: flatFilteredRowModel(),
    getSortedRowModel: flatSortedRowModel(),
  });
  const set = (patch: Partial<TableState>) => {
    state = { ...state, ...patch };
    table.setOptions((options) => ({ ...options, state: state as TableState }));
  };
  return { table, set };
}

/** Times the row model after `patch`, as the page pays for it on the click or keystroke. */
function timeChange(
  harness: ReturnType<typeof deviceTable>,
  patch: Partial<TableState>,
  reset: Partial<TableState>,
): { ms: number; shown: number } {
  harness.set(reset);
  harness.table.getRowModel();
  const started = performance.now();
  harness.set(patch);
  const shown = harness.table.getRowModel().rows.length;
  return { ms: performance.now() - started, shown };
}

const SORTS: { label: string; sorting: SortingState }[] = [
  { label: 'device name', sorting: [{ id: 'device', desc: false }] },
  { label: 'signals (default order)', sorting: [{ id: 'signals', desc: true }] },
  { label: 'last seen', sorting: [{ id: 'lastSeen', desc: true }] },
  { label: 'events', sorting: [{ id: 'count', desc: true }] },
  { label: 'parent', sorting: [{ id: 'parent', desc: false }] },
  { label: 'accounts (a field column)', sorting: [{ id: 'signal:accounts', desc: false }] },
];
const FILTERS = ['srv-0421', 'powershell', 'corp.contoso.com', 'zzz-nothing'];

/** Prints the figures; run by device-table.ts in a process of its own. */
export async function runDeviceTableBench(args: Pick<BenchArgs, 'runs' | 'seed'>): Promise<void> {
  const hunt = devices(ROWS, args.seed);
  const rows = toDeviceRows(hunt, null, BENCH_NOW.getTime());
  const fields = fieldsOf(hunt);
  const harness = deviceTable(rows, fields);
  if (harness.table.getRowModel().rows.length !== ROWS) {
    console.log('  the table does not hold every row');
    process.exitCode = 1;
    return;
  }
  const runs = Math.max(3, args.runs);
  const report = (what: string, samples: { ms: number; shown: number }[], goal = true) => {
    const ms = median(samples.map((s) => s.ms));
    const shown = samples[0]?.shown ?? 0;
    const verdict = goal ? `; goal ${ms < GOAL_MS ? 'met' : 'NOT met'}` : '';
    console.log(
      `  ${what.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  (${shown.toLocaleString('en-US')} rows shown${verdict})`,
    );
  };
  for (const { label, sorting } of SORTS) {
    const samples = Array.from({ length: runs }, () => timeChange(harness, { sorting }, { sorting: [] }));
    report(`sort by ${label}`, samples);
  }
  // The page always sorts (by default: signals), so a keystroke's rows come in that order.
  harness.set({ sorting: [{ id: DEFAULT_SORT.id, desc: DEFAULT_SORT.desc }] });
  harness.table.getRowModel();
  for (const text of FILTERS) {
    const samples = Array.from({ length: runs }, () =>
      timeChange(harness, { globalFilter: text }, { globalFilter: '' }),
    );
    report(`filter "${text}" (default order)`, samples);
  }
  const both = Array.from({ length: runs }, () =>
    timeChange(
      harness,
      { globalFilter: 'ws-', sorting: [{ id: 'lastSeen', desc: true }] },
      { globalFilter: '', sorting: [{ id: DEFAULT_SORT.id, desc: DEFAULT_SORT.desc }] },
    ),
  );
  report('filter "ws-" and sort by last seen', both);
  // That sort click sorted the kept rows alone: a keystroke that narrows the filter picks from their order, one
  // that widens it past them builds the whole order.
  const after = (text: string) =>
    Array.from({ length: runs }, () => {
      harness.set({ globalFilter: '', sorting: [{ id: DEFAULT_SORT.id, desc: DEFAULT_SORT.desc }] });
      harness.table.getRowModel();
      return timeChange(
        harness,
        { globalFilter: text },
        { globalFilter: 'ws-', sorting: [{ id: 'lastSeen', desc: true }] },
      );
    });
  report('then a narrowing keystroke, "ws-0"', after('ws-0'));
  report('or a widening one, "s"', after('s'));
  // The filter searches what the visible columns show, each column's text read once per result: the first
  // keystroke after a result pays for the visible columns (the page reads them while idle, and the keystrokes
  // above did), showing a column reads that column alone, and hiding one reads nothing. Each sample shows a field
  // not read yet, with a filter, then hides it again; so there are at most as many samples as fields.
  const fieldIds = fields.fields.map((field) => field.id);
  const shownThenHidden = fieldIds.slice(0, Math.max(runs, 3)).map((id) => {
    const withField = { ...fields.hidden, [id]: true };
    const shown = timeChange(
      harness,
      { globalFilter: 'powershell', columnVisibility: withField },
      { globalFilter: '', columnVisibility: fields.hidden },
    );
    const hidden = timeChange(
      harness,
      { globalFilter: 'powershell', columnVisibility: fields.hidden },
      { globalFilter: '', columnVisibility: withField },
    );
    return { shown, hidden };
  });
  report(
    'first filter after a column is shown (reads its text)',
    shownThenHidden.map((s) => s.shown),
  );
  report(
    'first filter after a column is hidden',
    shownThenHidden.map((s) => s.hidden),
  );
  // Every optional field shown: more text per row to search.
  harness.set({ columnVisibility: {} });
  harness.table.getRowModel();
  const wide = Array.from({ length: runs }, () =>
    timeChange(harness, { globalFilter: 'powershell' }, { globalFilter: '' }),
  );
  report('filter "powershell", every field column shown', wide);
}

const [runs = '3', seed = '1'] = process.argv.slice(2);
await runDeviceTableBench({ runs: Number(runs), seed: Number(seed) });
