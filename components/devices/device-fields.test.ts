// The devices table's columns: the Columns menu offers every field a run's devices carry (the hunt's extra
// summarize keys, the device id) and the signal facts the hunt's table has; the text filter searches what the
// visible columns show, whichever they are; the choice of fields is kept per hunt.
import {
  type ColumnDef,
  createTable,
  getCoreRowModel,
  type TableState,
  type VisibilityState,
} from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import { flatFilteredRowModel, flatSortedRowModel } from '@/components/data-table/data-table-row-models';
import type { HuntDevice, HuntRun } from '@/lib/hunts/hunt-run';
import { createDeviceColumns, type DeviceRow, toDeviceRows } from './device-columns';
import { deviceFields, FIELD_GROUPS, fieldSortKey, fieldText, isFieldColumnId } from './device-fields';
import { parseShownFields, shownFieldsKey } from './use-shown-fields';

const NOW = Date.parse('2026-11-01T12:00:00Z');

const laptop: HuntDevice = {
  deviceId: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
  deviceName: 'laptop-0042',
  firstSeen: '2026-10-30T08:15:00.000Z',
  lastSeen: '2026-10-31T09:30:00.000Z',
  count: 3,
  reportIds: [11, 12],
  activity: [],
  extra: {
    AccountUpn: ['pat@contoso.com'],
    ProcessCreationTime: ['2026-10-30T08:14:59.000Z'],
    Day: ['2026-10-30T00:00:00.000Z', '2026-10-31T00:00:00.000Z'],
  },
  signals: {
    ids: ['shell-parent', 'user-writable-path'],
    parents: ['powershell.exe'],
    parentCommandLines: ['powershell.exe -nop -c iwr https://github.com/mRemoteNG/x/Portable.zip'],
    accounts: ['contoso\\pat'],
    folders: ['C:\\ProgramData\\mrng'],
    fileNames: ['mRemoteNG.exe'],
    originalFileNames: ['mRemoteNG.exe'],
    firstEvent: '2026-10-30T08:15:00.000Z',
  },
};

const server: HuntDevice = {
  deviceId: 'ffff0000ffff0000ffff0000ffff0000ffff0000',
  deviceName: 'srv-prtg-01',
  firstSeen: '2026-10-27T01:00:00.000Z',
  lastSeen: '2026-11-01T01:00:00.000Z',
  count: 1200,
  reportIds: [1],
  activity: [],
  extra: { AccountUpn: ['svc-prtg@contoso.com'], ProcessCreationTime: [], Day: [] },
  signals: {
    ids: [],
    parents: ['services.exe'],
    parentCommandLines: ['C:\\Windows\\system32\\services.exe'],
    accounts: ['contoso\\svc-prtg'],
    folders: ['C:\\Program Files\\mRemoteNG'],
    fileNames: ['mRemoteNG.exe'],
    originalFileNames: ['mRemoteNG.exe'],
    firstEvent: '2026-09-01T00:00:00.000Z',
  },
};

function runOf(
  table: string,
  devices: HuntDevice[],
  signals = true,
): Pick<HuntRun, 'hunt' | 'devices' | 'signals'> {
  return {
    hunt: {
      id: 'hunt-1',
      name: 'mRemoteNG',
      description: '',
      tool: 'mRemoteNG',
      tables: [table],
      tactics: [],
      techniques: [],
      lookback: '5d',
    },
    devices,
    ...(signals ? { signals: { available: ['shell-parent' as const] } } : {}),
  };
}

describe('deviceFields', () => {
  it("offers the hunt's output beyond the fixed columns and the signal facts of a process hunt", () => {
    const fields = deviceFields(runOf('DeviceProcessEvents', [laptop, server]));
    expect(fields.map((f) => [f.id, f.label, f.group])).toEqual([
      ['hunt:DeviceId', 'Device ID', FIELD_GROUPS.hunt],
      ['hunt:AccountUpn', 'AccountUpn', FIELD_GROUPS.hunt],
      ['hunt:Day', 'Day', FIELD_GROUPS.hunt],
      ['hunt:ProcessCreationTime', 'ProcessCreationTime', FIELD_GROUPS.hunt],
      ['signal:parents', 'Parents', FIELD_GROUPS.signals],
      ['signal:parentCommandLines', 'Parent command lines', FIELD_GROUPS.signals],
      ['signal:accounts', 'Accounts', FIELD_GROUPS.signals],
      ['signal:folders', 'Folders', FIELD_GROUPS.signals],
      ['signal:fileNames', 'File names', FIELD_GROUPS.signals],
      ['signal:originalFileNames', 'Original file names', FIELD_GROUPS.signals],
      ['signal:firstEvent', 'First event (30 days)', FIELD_GROUPS.signals],
    ]);
    expect(fields.every((f) => isFieldColumnId(f.id))).toBe(true);
  });

  it('reads a field as times from the schema, or from its values when the hunt computed it', () => {
    const fields = deviceFields(runOf('DeviceProcessEvents', [laptop, server]));
    const kind = (id: string) => fields.find((f) => f.id === id)?.kind;
    expect(kind('hunt:ProcessCreationTime')).toBe('time');
    expect(kind('hunt:Day')).toBe('time');
    expect(kind('hunt:AccountUpn')).toBe('text');
    expect(kind('signal:firstEvent')).toBe('time');
  });

  it("offers only the facts the hunt's table keeps", () => {
    const network = deviceFields(runOf('DeviceNetworkEvents', [laptop])).map((f) => f.id);
    expect(network).toContain('signal:parents');
    expect(network).toContain('signal:accounts');
    expect(network).not.toContain('signal:parentCommandLines');
    const signer = deviceFields(runOf('DeviceFileCertificateInfo', [laptop])).map((f) => f.id);
    expect(signer.filter((id) => id.startsWith('signal:') && id !== 'signal:firstEvent')).toEqual([]);
    // No signals computed: no facts to offer.
    const without = deviceFields(runOf('DeviceProcessEvents', [laptop], false)).map((f) => f.id);
    expect(without.some((id) => id.startsWith('signal:'))).toBe(false);
  });

  it('shows sets joined and times in UTC', () => {
    expect(fieldText({ kind: 'text' }, ['a', 'b'])).toBe('a, b');
    expect(fieldText({ kind: 'time' }, ['2026-10-30T08:14:59.000Z'])).toBe('2026-10-30 08:14 UTC');
    // Instants in other forms read the same way.
    expect(fieldText({ kind: 'time' }, ['2026-10-30T08:14:59Z', '2026-10-30T10:14:59+02:00'])).toBe(
      '2026-10-30 08:14 UTC, 2026-10-30 08:14 UTC',
    );
    expect(fieldText({ kind: 'time' }, [Date.parse('2026-10-30T08:14:59Z')])).toBe('2026-10-30 08:14 UTC');
    expect(fieldText({ kind: 'text' }, [42])).toBe('42');
    expect(fieldText({ kind: 'text' }, [])).toBe('');
  });
});

function deviceTable(run: Pick<HuntRun, 'hunt' | 'devices' | 'signals'>, columnVisibility: VisibilityState) {
  const fields = deviceFields(run);
  const columns = createDeviceColumns({ scale: null, windowEndMs: NOW, verdictsLoaded: true, fields });
  let state: Partial<TableState> & { columnVisibility: VisibilityState } = {
    columnFilters: [],
    globalFilter: '',
    columnPinning: {},
    columnVisibility,
    sorting: [],
  };
  const table = createTable<DeviceRow>({
    data: toDeviceRows(run.devices, null, NOW),
    columns: columns as ColumnDef<DeviceRow, unknown>[],
    state: state as TableState,
    onStateChange: () => {},
    // A header click sorts through this, as on the page.
    onSortingChange: (updater) => {
      const sorting = typeof updater === 'function' ? updater(state.sorting ?? []) : updater;
      state = { ...state, sorting };
      table.setOptions((options) => ({ ...options, state: state as TableState }));
    },
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: flatFilteredRowModel(),
    getSortedRowModel: flatSortedRowModel(),
  });
  return {
    table,
    /** The rows' names after a click on a column's header. */
    clickHeader: (id: string) => {
      table.getColumn(id)?.getToggleSortingHandler()?.({});
      return table.getRowModel().rows.map((row) => row.original.deviceName);
    },
    filter: (text: string, visibility: VisibilityState = state.columnVisibility) => {
      state = { ...state, globalFilter: text, columnVisibility: visibility };
      table.setOptions((options) => ({ ...options, state: state as TableState }));
      return table.getRowModel().rows.map((row) => row.original.deviceName);
    },
  };
}

describe('the devices table', () => {
  const run = runOf('DeviceProcessEvents', [laptop, server]);
  const allHidden = Object.fromEntries(deviceFields(run).map((f) => [f.id, false]));

  it('lists every field as a hideable column, labelled and grouped for the Columns menu, before the timeline', () => {
    const { table } = deviceTable(run, allHidden);
    const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
    const labels = hideable.map((c) => c.columnDef.meta?.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Parent command lines', 'Accounts', 'AccountUpn', 'Device ID']),
    );
    const ids = table.getAllLeafColumns().map((c) => c.id);
    expect(ids.at(-1)).toBe('timeline');
    expect(ids.indexOf('signal:accounts')).toBeGreaterThan(ids.indexOf('reports'));
    expect(table.getColumn('signal:accounts')?.columnDef.meta?.group).toBe(FIELD_GROUPS.signals);
    expect(table.getVisibleLeafColumns().some((c) => isFieldColumnId(c.id))).toBe(false);
  });

  it('filters by what the visible columns show: a field once shown, not while hidden', () => {
    const { filter } = deviceTable(run, allHidden);
    // The account is a field column: hidden, it is not searched.
    expect(filter('svc-prtg')).toEqual([]);
    expect(filter('svc-prtg', { ...allHidden, 'signal:accounts': true })).toEqual(['srv-prtg-01']);
    expect(filter('iwr https://github.com', { ...allHidden, 'signal:parentCommandLines': true })).toEqual([
      'laptop-0042',
    ]);
    // Fixed columns as they read: the verdict's label, times in UTC, counts with separators, signal labels.
    expect(filter('unreviewed').length).toBe(2);
    expect(filter('2026-10-31 09:30 utc')).toEqual(['laptop-0042']);
    expect(filter('1,200')).toEqual(['srv-prtg-01']);
    expect(filter('writable path')).toEqual(['laptop-0042']);
    // Hiding a fixed column takes it out of the search too.
    expect(filter('writable path', { ...allHidden, signals: false })).toEqual([]);
  });
});

describe('sorting by a field column', () => {
  const third: HuntDevice = {
    ...server,
    deviceId: 'eeee0000eeee0000eeee0000eeee0000eeee0000',
    deviceName: 'ws-kiosk-07',
    extra: { AccountUpn: ['Kiosk@contoso.com'], ProcessCreationTime: ['2026-10-29T23:00:00.000Z'], Day: [] },
    signals: { ...(server.signals as NonNullable<HuntDevice['signals']>), accounts: [] },
  };
  const run = runOf('DeviceProcessEvents', [laptop, server, third]);
  const allHidden = Object.fromEntries(deviceFields(run).map((f) => [f.id, false]));

  it('sorts text by its first value, ignoring case, with no value first; a second click reverses', () => {
    const { table, clickHeader } = deviceTable(run, { ...allHidden, 'signal:accounts': true });
    expect(table.getColumn('signal:accounts')?.getCanSort()).toBe(true);
    expect(clickHeader('signal:accounts')).toEqual(['ws-kiosk-07', 'laptop-0042', 'srv-prtg-01']);
    expect(clickHeader('signal:accounts')).toEqual(['srv-prtg-01', 'laptop-0042', 'ws-kiosk-07']);
    // "Kiosk@…" sorts as "kiosk@…": between "pat@…" and nothing.
    expect(clickHeader('hunt:AccountUpn')).toEqual(['ws-kiosk-07', 'laptop-0042', 'srv-prtg-01']);
  });

  it('sorts instants by time, the latest first on the first click, with no value last', () => {
    const { clickHeader } = deviceTable(run, allHidden);
    expect(clickHeader('hunt:ProcessCreationTime')).toEqual(['laptop-0042', 'ws-kiosk-07', 'srv-prtg-01']);
    expect(clickHeader('hunt:ProcessCreationTime')).toEqual(['srv-prtg-01', 'ws-kiosk-07', 'laptop-0042']);
  });

  it('keys numbers as numbers and a missing or unreadable value below every value', () => {
    expect(fieldSortKey({ kind: 'number' }, [12, 3])).toBe(12);
    expect(fieldSortKey({ kind: 'number' }, ['9007199254740993'])).toBe(2 ** 53);
    expect(fieldSortKey({ kind: 'number' }, ['10'])).toBeGreaterThan(
      fieldSortKey({ kind: 'number' }, [9]) as number,
    );
    expect(fieldSortKey({ kind: 'number' }, [])).toBe(Number.NEGATIVE_INFINITY);
    expect(fieldSortKey({ kind: 'time' }, ['not a time'])).toBe(Number.NEGATIVE_INFINITY);
    expect(fieldSortKey({ kind: 'text' }, [true])).toBe('true');
  });
});

describe('the kept choice of field columns', () => {
  it('is per hunt and keeps only field ids', () => {
    expect(shownFieldsKey('a')).not.toBe(shownFieldsKey('b'));
    expect(parseShownFields('["signal:accounts","device","hunt:AccountUpn","signal:accounts",3]')).toEqual([
      'signal:accounts',
      'hunt:AccountUpn',
    ]);
    expect(parseShownFields('not json')).toEqual([]);
    expect(parseShownFields('{"a":1}')).toEqual([]);
    expect(parseShownFields(null)).toEqual([]);
  });
});
