// The devices page's default order: devices with more why-flagged signals first, then the most recent; the
// signals and parent columns are sortable and hideable through the URL like the others.
import { describe, expect, it } from 'vitest';
import type { HuntDevice } from '@/lib/hunts/hunt-run';
import { toDeviceRows } from './device-columns';
import { DEFAULT_SORT, parseDeviceViewParams, writeDeviceViewParams } from './device-view-params';

const device = (id: string, lastSeen: string, ids: string[] = [], parents: string[] = []): HuntDevice => ({
  deviceId: id,
  deviceName: id,
  firstSeen: lastSeen,
  lastSeen,
  count: 1,
  reportIds: [],
  activity: [],
  signals: {
    ids: ids as NonNullable<HuntDevice['signals']>['ids'],
    parents,
    parentCommandLines: [],
    accounts: [],
    folders: [],
    fileNames: [],
    originalFileNames: [],
    firstEvent: lastSeen,
  },
});

describe('the signals order', () => {
  it('puts devices with more signals first, then the most recent, and devices without signals last', () => {
    const rows = toDeviceRows([
      device('quiet-new', '2026-11-01T11:00:00Z'),
      device('one-old', '2026-10-28T00:00:00Z', ['new-device']),
      device('two', '2026-10-29T00:00:00Z', ['shell-parent', 'user-writable-path'], ['powershell.exe']),
      device('one-new', '2026-10-31T00:00:00Z', ['shell-parent'], ['cmd.exe']),
      { ...device('unknown', '2026-11-01T12:00:00Z'), signals: undefined },
    ]);
    const order = [...rows].sort((a, b) => b.signalKey - a.signalKey).map((r) => r.deviceId);
    expect(order).toEqual(['two', 'one-new', 'one-old', 'unknown', 'quiet-new']);
    expect(rows.find((r) => r.deviceId === 'two')?.sortParent).toBe('powershell.exe');
  });

  it('is the default sort, left out of the URL; the signals and parent columns sort and hide', () => {
    const parse = (q: string) => parseDeviceViewParams(new URLSearchParams(q));
    expect(DEFAULT_SORT).toEqual({ id: 'signals', desc: true });
    expect(parse('').sort).toEqual(DEFAULT_SORT);
    expect(writeDeviceViewParams('', { sort: DEFAULT_SORT })).toBe('');
    expect(writeDeviceViewParams('', { sort: { id: 'lastSeen', desc: true } })).toBe('?sort=lastSeen.desc');
    expect(parse('sort=parent.asc&hide=signals,parent').sort).toEqual({ id: 'parent', desc: false });
    expect(parse('sort=parent.asc&hide=signals,parent').hidden).toEqual(['signals', 'parent']);
  });
});
