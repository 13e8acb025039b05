// A tool's device rows: every match named by its hunt and linked to that hunt's devices page with the device
// open (every device shown when its verdict there is Benign), the most recent match first, and the approvals
// that cover the device described.
import { describe, expect, it } from 'vitest';
import type { OverviewDevice } from '@/lib/hunts/fleet-overview';
import type { ToolApproval } from '@/lib/triage/approvals';
import { huntDeviceHref, huntLabel, primaryMatch, toolDeviceRows } from './tool-device-rows';

const device: OverviewDevice = {
  DeviceId: 'dev 1',
  DeviceName: 'WS-0142.corp',
  FirstSeen: '2026-11-01T00:00:00.000Z',
  LastSeen: '2026-11-04T00:00:00.000Z',
  Count: 5,
  tables: ['DeviceNetworkEvents', 'DeviceProcessEvents'],
  hunts: ['h-net', 'h-proc'],
  matches: [
    {
      hunt: 'h-net',
      table: 'DeviceNetworkEvents',
      FirstSeen: '2026-11-02T00:00:00.000Z',
      LastSeen: '2026-11-03T00:00:00.000Z',
      Count: 3,
      status: 'benign',
    },
    {
      hunt: 'h-proc',
      table: 'DeviceProcessEvents',
      FirstSeen: '2026-11-01T00:00:00.000Z',
      LastSeen: '2026-11-04T00:00:00.000Z',
      Count: 2,
      status: 'unreviewed',
    },
  ],
  status: 'unreviewed',
  approved: true,
  approvedBy: ['a-1', 'a-gone'],
  reviewed: true,
  isNew: false,
};
const hunts = [
  { id: 'h-net', name: 'AnyDesk network' },
  { id: 'h-proc', name: 'AnyDesk process' },
];
const approval = {
  id: 'a-1',
  tool: 'AnyDesk',
  scope: 'pattern',
  pattern: 'ws-*',
  reason: 'r',
  owner: 'IT help desk',
} as ToolApproval;

describe('toolDeviceRows', () => {
  it('names each match by its hunt, most recent first, each leading to its hunt with the device open', () => {
    const [row] = toolDeviceRows({ tool: 'AnyDesk', devices: [device], hunts }, '30d', [approval]);
    expect(row?.matches.map((m) => [m.huntName, m.href])).toEqual([
      ['AnyDesk process', '/devices?hunt=h-proc&lookback=30d&device=dev+1'],
      ['AnyDesk network', '/devices?hunt=h-net&lookback=30d&device=dev+1&view=all'],
    ]);
    expect(primaryMatch(row as never)?.hunt).toBe('h-proc');
    expect(row?.sortName).toBe('ws-0142.corp');
    expect(row?.lastSeenMs).toBe(Date.parse('2026-11-04T00:00:00.000Z'));
  });

  it('describes the approvals that cover the device, leaving out one not loaded', () => {
    const [row] = toolDeviceRows({ tool: 'AnyDesk', devices: [device], hunts }, '30d', [approval]);
    expect(row?.approvals).toEqual([{ id: 'a-1', text: 'devices named ws-*; owner IT help desk' }]);
    expect(toolDeviceRows({ tool: 'AnyDesk', devices: [device], hunts }, '30d')[0]?.approvals).toEqual([]);
  });

  it('falls back to the hunt id for a hunt the catalog no longer names', () => {
    const [row] = toolDeviceRows({ tool: 'AnyDesk', devices: [device], hunts: [] }, '7d');
    expect(row?.matches.map((m) => m.huntName)).toEqual(['h-proc', 'h-net']);
  });

  it('escapes what it puts in a link', () => {
    expect(huntDeviceHref({ hunt: 'a&b', deviceId: 'x=y', lookback: '5d', status: 'malicious' })).toBe(
      '/devices?hunt=a%26b&lookback=5d&device=x%3Dy',
    );
  });

  it('labels a hunt by what follows the tool in its name', () => {
    expect(huntLabel('RMM tool - AnyDesk - network connections', 'anydesk')).toBe('network connections');
    expect(huntLabel('AnyDesk: file signer', 'AnyDesk')).toBe('file signer');
    expect(huntLabel('Remote access launches', 'AnyDesk')).toBe('Remote access launches');
    expect(huntLabel('RMM tool - AnyDesk', 'AnyDesk')).toBe('RMM tool - AnyDesk');
  });
});
