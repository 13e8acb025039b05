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
const verdict = (huntId: string, deviceId: string, status: Verdict['status']) =>
  ({ huntId, deviceId, status }) as Verdict;

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
});
