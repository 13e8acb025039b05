// The hunt list route with HUNTBOARD_CATALOG naming a folder in the published format: the built-in hunts and
// the folder's, each with its tool, tables, techniques and default window, and the files that did not load
// with their line and column, while the good ones still list.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RouteHarness, startRouteHarness } from '@/lib/api/testing/route-harness';
import { loadCatalog } from '@/lib/hunts/catalog';
import { publishedHuntText, writePublishedHunt } from '@/lib/hunts/catalog-fixtures';
import { SEED_HUNT_ID } from '@/lib/hunts/test-support';

let api: RouteHarness;
let GET: typeof import('./route')['GET'];
let folder: string;
let broken: string;

beforeAll(async () => {
  api = await startRouteHarness('hunts-route');
  folder = await mkdtemp(path.join(tmpdir(), 'huntboard-hunts-route-'));
  await writePublishedHunt(folder, { id: 'anydesk-net', tool: 'AnyDesk', kind: 'netconn', crlf: true });
  broken = await writePublishedHunt(
    folder,
    { id: 'x', tool: 'Broken', kind: 'filesig' },
    {
      text: publishedHuntText({ id: 'x', tool: 'Broken', kind: 'filesig' }).replace(
        'id: x\n',
        'id: x\nid: y\n',
      ),
    },
  );
  vi.stubEnv('HUNTBOARD_CATALOG', ` ${folder} ,`);
  ({ GET } = await import('./route'));
});

afterAll(async () => {
  await api?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('GET /api/hunts', () => {
  it('lists the built-in and the configured folders’ hunts with tool, tables, techniques and window', async () => {
    const response = await api.call(GET, 'GET', '/api/hunts', { as: 'analyst' });
    expect(response.status).toBe(200);
    const { hunts, problems } = await response.json();
    // The built-in catalog (the seed rule first, then the starter hunts), then the configured folder's.
    const builtIn = (await loadCatalog()).map((h) => h.id);
    expect(hunts.map((h: { id: string }) => h.id)).toEqual([...builtIn, 'anydesk-net']);
    expect(builtIn[0]).toBe(SEED_HUNT_ID);
    expect(hunts[0]).toMatchObject({
      tool: 'mRemoteNG',
      tables: ['DeviceProcessEvents'],
      techniques: ['T1219'],
      lookback: '5d',
    });
    expect(hunts.at(-1)).toEqual({
      id: 'anydesk-net',
      name: 'Remote Management and Monitoring tool - AnyDesk - Network Connection',
      description: "Flags AnyDesk activity, which may be an administrator's or an intruder's.\n",
      tool: 'AnyDesk',
      tables: ['DeviceNetworkEvents'],
      tactics: ['CommandAndControl'],
      techniques: ['T1219'],
      lookback: '5d',
    });
    expect(problems).toEqual([
      { file: broken, line: 2, column: 1, cause: 'yaml', message: 'not valid YAML: Map keys must be unique' },
    ]);
  });

  it('refuses a caller without a role', async () => {
    const response = await api.call(GET, 'GET', '/api/hunts', { as: 'nobody' });
    expect(response.status).toBe(403);
  });
});
