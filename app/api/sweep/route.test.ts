// The sweep route on the hunt fixture's events, through its exported handler with real access tokens and a
// fresh embedded triage database: the fixture's mRemoteNG devices, approvals changing what is approved
// (partly, then for all devices) and each device naming the approvals that cover it, verdicts counted per tool
// and per hunt, and bad windows or tool lists refused with 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, problemOf, type RouteHarness, startRouteHarness } from '@/lib/api/testing/route-harness';
import type { FleetOverview } from '@/lib/hunts/fleet-overview';
import { SEED_HUNT_ID } from '@/lib/hunts/test-support';
import type { UnapprovedRmmTrend } from '@/lib/trends/unapproved-rmm';
import type { ToolApproval } from '@/lib/triage/approvals';

type Routes = {
  sweep: typeof import('./route');
  approvals: typeof import('../approvals/route');
  verdict: typeof import('../hunts/[huntId]/devices/[deviceId]/verdict/route');
  trend: typeof import('../trends/unapproved-rmm/route');
};

let api: RouteHarness;
let routes: Routes;

beforeAll(async () => {
  api = await startRouteHarness('sweep-route');
  routes = {
    sweep: await import('./route'),
    approvals: await import('../approvals/route'),
    verdict: await import('../hunts/[huntId]/devices/[deviceId]/verdict/route'),
    trend: await import('../trends/unapproved-rmm/route'),
  };
  await (await import('@/lib/hunts/hunt-service')).huntById(SEED_HUNT_ID);
  await (await import('@/lib/triage/open-store')).openConfiguredStore();
}, 300_000);
afterAll(() => api?.close());

const sweep = (query: string) => api.call(routes.sweep.GET, 'GET', '/api/sweep', { as: 'analyst', query });
const unapprovedTrend = async (query = '?range=7d') => {
  const trend = await jsonOf<UnapprovedRmmTrend>(
    await api.call(routes.trend.GET, 'GET', '/api/trends/unapproved-rmm', { as: 'manager', query }),
  );
  return { trend, tool: trend.tools.find((t) => t.tool.toLowerCase() === 'mremoteng') };
};
const mremoteng = async (query = '?lookback=5d') => {
  const overview = await jsonOf<FleetOverview>(await sweep(query));
  return { overview, tool: overview.tools.find((t) => t.tool.toLowerCase() === 'mremoteng') };
};

describe('GET /api/sweep', () => {
  it('lists the fixture’s mRemoteNG devices, unapproved and unreviewed, with the hunt that finds them', async () => {
    const { overview, tool } = await mremoteng();
    expect(overview.window).toMatchObject({ end: api.now, lookback: '5d' });
    expect(overview.sourceCalls).toBeGreaterThan(0);
    expect(tool?.devices.map((d) => d.DeviceName).sort()).toEqual([
      'ws-alpha.corp.example',
      'ws-bravo.corp.example',
      'ws-charlie.corp.example',
      'ws-hotel.corp.example',
    ]);
    expect(tool).toMatchObject({
      approval: 'unapproved',
      approvedDevices: 0,
      reviewedDevices: 0,
      newDevices: null,
    });
    expect(tool?.hunts.map((h) => h.id)).toContain(SEED_HUNT_ID);
    // A 10-day window can tell what is new this week: echo was first seen eight days back.
    const wide = (await mremoteng('?lookback=10d')).tool;
    expect(wide?.devices.find((d) => d.DeviceId === 'dev-echo')?.isNew).toBe(false);
    expect(wide?.newDevices).toBe(4);
  });

  it('gives the trend of unapproved devices per day, per tool, over whole UTC days', async () => {
    const { trend, tool } = await unapprovedTrend();
    expect(trend.days).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
    // alpha and echo on the 5th, alpha on the 7th, charlie and hotel on the 8th, bravo on the 9th and 10th.
    expect(tool).toEqual({ tool: expect.any(String), devices: 5, perDay: [0, 2, 0, 1, 2, 1, 1] });
    expect(
      (
        await problemOf(
          await api.call(routes.trend.GET, 'GET', '/api/trends/unapproved-rmm', {
            as: 'manager',
            query: '?range=36h',
          }),
          400,
        )
      ).field,
    ).toBe('range');
  });

  it('marks approved use: a list approves its devices only, an approval for all makes the tool approved', async () => {
    const approve = (body: unknown) =>
      api.call(routes.approvals.POST, 'POST', '/api/approvals', { as: 'triager', body });
    const jumpHost = await jsonOf<ToolApproval>(
      await approve({
        tool: 'mremoteng',
        scope: 'devices',
        devices: ['WS-ALPHA'],
        reason: 'Jump host',
        owner: 'IT',
      }),
      201,
    );
    let { tool } = await mremoteng();
    expect(tool?.approval).toBe('partly');
    expect(tool?.devices.filter((d) => d.approved).map((d) => d.DeviceId)).toEqual(['dev-alpha']);
    // Each device names the approvals that cover it.
    expect(tool?.devices.map((d) => [d.DeviceId, d.approvedBy]).sort()).toEqual([
      ['dev-alpha', [jumpHost.id]],
      ['dev-bravo', []],
      ['dev-charlie', []],
      ['dev-hotel', []],
    ]);

    const workstations = await jsonOf<ToolApproval>(
      await approve({
        tool: 'mRemoteNG',
        scope: 'pattern',
        pattern: 'ws-*',
        reason: 'All workstations',
        owner: 'IT',
      }),
      201,
    );
    ({ tool } = await mremoteng());
    expect(tool).toMatchObject({ approval: 'approved', approvedDevices: 4, approved: true });
    expect(tool?.devices.find((d) => d.DeviceId === 'dev-alpha')?.approvedBy.sort()).toEqual(
      [jumpHost.id, workstations.id].sort(),
    );
    // Approved use leaves the trend of unapproved devices (echo, seen only in the wider window, included).
    expect((await unapprovedTrend()).tool).toBeUndefined();
  });

  it('counts a tool’s devices with a verdict in any of its hunts', async () => {
    const response = await api.call(routes.verdict.PUT, 'PUT', '/api/hunts/x/devices/x/verdict', {
      as: 'triager',
      params: { huntId: SEED_HUNT_ID, deviceId: 'dev-bravo' },
      body: { expectedVersion: 0, deviceName: 'ws-bravo.corp.example', status: 'suspicious' },
    });
    expect(response.status).toBe(200);
    const { tool } = await mremoteng();
    expect(tool?.reviewedDevices).toBe(1);
    const bravo = tool?.devices.find((d) => d.DeviceId === 'dev-bravo');
    expect(bravo?.reviewed).toBe(true);
    // Per hunt that matched it: the hunt's own figures and what the device counts as there.
    expect(bravo?.status).toBe('suspicious');
    const match = bravo?.matches.find((m) => m.hunt === SEED_HUNT_ID);
    expect(match).toMatchObject({ table: 'DeviceProcessEvents', status: 'suspicious' });
    expect(bravo?.matches.reduce((sum, m) => sum + m.Count, 0)).toBe(bravo?.Count);
    expect(tool?.devices.find((d) => d.DeviceId === 'dev-charlie')?.status).toBe('unreviewed');
  });

  it('sweeps only the tools asked for, and refuses a bad window or tool list with 400', async () => {
    const only = await jsonOf<FleetOverview>(await sweep('?lookback=5d&tool=AnyDesk'));
    expect(only.tools.every((t) => t.tool.toLowerCase() === 'anydesk')).toBe(true);
    expect((await problemOf(await sweep('?lookback=5x'), 400)).field).toBe('lookback');
    expect((await problemOf(await sweep('?tool=,'), 400)).field).toBe('tool');
    const many = Array.from({ length: 101 }, (_, i) => `t${i}`).join(',');
    expect((await problemOf(await sweep(`?tool=${many}`), 400)).detail).toBe(
      'tool: must name at most 100 tools',
    );
    await problemOf(await api.call(routes.sweep.GET, 'GET', '/api/sweep'), 401);
  });
});
