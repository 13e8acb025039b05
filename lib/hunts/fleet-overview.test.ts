// The overview's folding of a sweep: approval state from the devices' flags, reviewed devices from verdicts in
// any of the tool's hunts, "new this week" only where the window can tell, and the daily series with gaps filled.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '@/lib/triage/types';
import type { Hunt } from './catalog';
import { approvalState, dailyDevices, fleetOverview } from './fleet-overview';
import type { SweepDevice, SweepResult } from './sweep';

const NOW = new Date('2026-12-05T12:00:00Z');
const device = (id: string, firstSeen: string, approved = false): SweepDevice => ({
  DeviceId: id,
  DeviceName: `${id}.corp`,
  FirstSeen: firstSeen,
  LastSeen: '2026-12-05T10:00:00.000Z',
  Count: 1,
  tables: ['DeviceProcessEvents'],
  hunts: ['h1'],
  matches: [
    {
      hunt: 'h1',
      table: 'DeviceProcessEvents',
      FirstSeen: firstSeen,
      LastSeen: '2026-12-05T10:00:00.000Z',
      Count: 1,
    },
  ],
  approved,
});
const sweep = (lookbackDays: number, devices: SweepDevice[]): SweepResult => ({
  window: {
    start: new Date(NOW.getTime() - lookbackDays * 86_400_000).toISOString(),
    end: NOW.toISOString(),
    lookback: `${lookbackDays}d`,
  },
  sourceCalls: 1,
  tools: [{ tool: 'AnyDesk', approved: false, devices, days: [] }],
  queries: [],
  alone: [],
  truncated: false,
});
const hunts = [
  { id: 'h1', name: 'AnyDesk process', tool: 'AnyDesk' },
  { id: 'h2', name: 'AnyDesk network', tool: 'anydesk' },
  { id: 'h3', name: 'TeamViewer', tool: 'TeamViewer' },
] as Hunt[];
const verdict = (huntId: string, deviceId: string, status: Verdict['status'], setAt = NOW.toISOString()) =>
  ({ huntId, deviceId, status, setAt, reviewAfter: null }) as Verdict;
/** A device two hunts of the tool matched: the process hunt last on the 4th, the network hunt on the 5th. */
const twoHunts = (id: string, approved = false): SweepDevice => ({
  ...device(id, '2026-12-01T00:00:00.000Z', approved),
  tables: ['DeviceNetworkEvents', 'DeviceProcessEvents'],
  hunts: ['h1', 'h2'],
  Count: 5,
  matches: [
    {
      hunt: 'h1',
      table: 'DeviceProcessEvents',
      FirstSeen: '2026-12-01T00:00:00.000Z',
      LastSeen: '2026-12-04T00:00:00.000Z',
      Count: 2,
    },
    {
      hunt: 'h2',
      table: 'DeviceNetworkEvents',
      FirstSeen: '2026-12-02T00:00:00.000Z',
      LastSeen: '2026-12-05T10:00:00.000Z',
      Count: 3,
    },
  ],
});

describe('fleetOverview', () => {
  it('counts devices with a verdict in any of the tool’s hunts, not unreviewed ones nor other tools’', () => {
    const result = fleetOverview(
      sweep(30, [
        device('a', '2026-11-10T00:00:00Z'),
        device('b', '2026-12-01T00:00:00Z'),
        device('c', '2026-12-04T00:00:00Z'),
      ]),
      hunts,
      [verdict('h2', 'a', 'benign'), verdict('h1', 'b', 'unreviewed'), verdict('h3', 'c', 'malicious')],
      NOW,
      5,
    );
    const tool = result.tools[0];
    expect(tool?.reviewedDevices).toBe(1);
    expect(tool?.devices.map((d) => d.reviewed)).toEqual([true, false, false]);
    expect(tool?.hunts).toEqual([
      { id: 'h2', name: 'AnyDesk network' },
      { id: 'h1', name: 'AnyDesk process' },
    ]);
    expect(tool?.newDevices).toBe(2);
    expect(tool?.isNew).toBe(false);
    expect(tool?.firstSeen).toBe('2026-11-10T00:00:00Z');
  });

  it('cannot tell what is new in a window of 7 days or less', () => {
    const tool = fleetOverview(sweep(7, [device('a', '2026-12-01T00:00:00Z')]), hunts, [], NOW, 0).tools[0];
    expect(tool?.newDevices).toBeNull();
    expect(tool?.isNew).toBeNull();
    expect(tool?.devices[0]?.isNew).toBeNull();
  });

  it('the new-this-week boundary is 7 days before now, inclusive', () => {
    const edge = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
    const before = new Date(NOW.getTime() - 7 * 86_400_000 - 1).toISOString();
    const tool = fleetOverview(sweep(8, [device('a', edge), device('b', before)]), hunts, [], NOW, 0)
      .tools[0];
    expect(tool?.devices.map((d) => d.isNew)).toEqual([true, false]);
  });
});

describe('approvalState', () => {
  it.each([
    [[], 'unapproved'],
    [[false, false], 'unapproved'],
    [[true, false], 'partly'],
    [[true, true], 'approved'],
  ] as const)('%j → %s', (flags, state) => {
    expect(approvalState(flags.map((approved) => ({ approved })))).toBe(state);
  });
});

describe('dailyDevices', () => {
  it('has every UTC day of the window, zero where the tool was not seen', () => {
    expect(
      dailyDevices([{ Day: '2026-12-03', Devices: 2 }], {
        start: '2026-12-02T12:00:00Z',
        end: '2026-12-05T12:00:00Z',
      }),
    ).toEqual([
      { day: '2026-12-02', devices: 0 },
      { day: '2026-12-03', devices: 2 },
      { day: '2026-12-04', devices: 0 },
      { day: '2026-12-05', devices: 0 },
    ]);
  });

  it('says what a device counts as in each hunt, and the gravest of them for the device', () => {
    const result = fleetOverview(
      sweep(30, [twoHunts('a'), twoHunts('b'), twoHunts('c'), twoHunts('d')]),
      hunts,
      [
        // a: Benign in both hunts, set after its last activity in each: Benign.
        verdict('h1', 'a', 'benign', '2026-12-05T11:00:00.000Z'),
        verdict('h2', 'a', 'benign', '2026-12-05T11:00:00.000Z'),
        // b: Benign in the process hunt, but the network hunt saw it after the verdict there: needs review.
        verdict('h1', 'b', 'benign', '2026-12-04T12:00:00.000Z'),
        verdict('h2', 'b', 'benign', '2026-12-04T12:00:00.000Z'),
        // c: Suspicious in one hunt, Benign in the other: Suspicious.
        verdict('h1', 'c', 'suspicious'),
        verdict('h2', 'c', 'benign'),
      ],
      NOW,
      0,
    );
    const byId = new Map(result.tools[0]?.devices.map((d) => [d.DeviceId, d]));
    expect(byId.get('a')?.matches.map((m) => m.status)).toEqual(['benign', 'benign']);
    expect(byId.get('a')?.status).toBe('benign');
    expect(byId.get('b')?.matches.map((m) => [m.hunt, m.status])).toEqual([
      ['h1', 'benign'],
      ['h2', 'unreviewed'],
    ]);
    expect(byId.get('b')?.status).toBe('unreviewed');
    expect(byId.get('c')?.status).toBe('suspicious');
    expect(byId.get('d')?.status).toBe('unreviewed');
    expect(byId.get('d')?.matches.map((m) => [m.hunt, m.table, m.Count])).toEqual([
      ['h1', 'DeviceProcessEvents', 2],
      ['h2', 'DeviceNetworkEvents', 3],
    ]);
  });

  it('names the approvals that cover an approved device, and none for a flagged one', () => {
    const result = fleetOverview(
      sweep(30, [twoHunts('a', true), twoHunts('b')]),
      hunts,
      [],
      NOW,
      0,
      (tool, d) => (tool === 'AnyDesk' ? [`approval-of-${d.DeviceName}`] : []),
    );
    expect(result.tools[0]?.devices.map((d) => d.approvedBy)).toEqual([['approval-of-a.corp'], []]);
    expect(result.tools[0]?.approval).toBe('partly');
  });
});
