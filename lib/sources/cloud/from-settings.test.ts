// The documented settings switch the source, and a whole hunt run through each cloud source (against its
// local stand-in) gives the same devices as the embedded engine on the same fixture, with console links.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseSettings, SettingsError } from '@/lib/env';
import { loadCatalog } from '@/lib/hunts/catalog';
import type { HuntDevice } from '@/lib/hunts/hunt-run';
import { findHunt, runHunt } from '@/lib/hunts/run-hunt';
import { expectedDevices, FIXTURE_NOW, SEED_HUNT_ID, withSortedReportIds } from '@/lib/hunts/test-support';
import { decodeDefenderQuery, decodeLogsQuery } from '@/lib/sources/deep-links';
import {
  ADX_AUTH_METADATA,
  adxFrames,
  type FakeColumn,
  type FakeService,
  fakeTokens,
  graphAnswer,
  logsAnswer,
  type RecordedRequest,
  startFakeService,
} from '@/lib/sources/testing/fake-services';
import { cloudSourceFromSettings } from './from-settings';

const APP = {
  SOURCE_TENANT_ID: 'tenant-1',
  SOURCE_CLIENT_ID: 'huntboard-api',
  SOURCE_CLIENT_SECRET: 's3cret',
};
const WORKSPACE = '3f2a1b7c-0d4e-4f5a-9b8c-1d2e3f4a5b6c';
const RESOURCE_ID =
  '/subscriptions/0000/resourceGroups/soc/providers/Microsoft.OperationalInsights/workspaces/sentinel-ws';

const DEVICE_COLUMNS: FakeColumn[] = [
  { name: 'DeviceId', type: 'string' },
  { name: 'DeviceName', type: 'string' },
  { name: 'FirstSeen', type: 'datetime' },
  { name: 'LastSeen', type: 'datetime' },
  { name: 'Report', type: 'dynamic' },
  { name: 'Count', type: 'long' },
];
const TIMELINE_COLUMNS: FakeColumn[] = [
  { name: 'DeviceId', type: 'string' },
  { name: 'Day', type: 'datetime' },
  { name: 'Count', type: 'long' },
];

/** What the service holds for the seed hunt on the fixture: the hand-computed answer, as rows. */
const EXPECTED = expectedDevices('5d');
const deviceRows = EXPECTED.map((d) => [
  d.deviceId,
  d.deviceName,
  d.firstSeen,
  d.lastSeen,
  d.reportIds,
  d.count,
]);
const timelineRows = EXPECTED.flatMap((d) =>
  d.activity.map((a) => [d.deviceId, `${a.day}T00:00:00Z`, a.count]),
);

/**
 * The impact query's answer: its events grouped by device (and by day when it asks so) and by each rule's
 * match (`Match_<i>=(<predicate>)`). No rule matches anything in the fixture, so every Match_<i> is false and
 * each group holds all of a device's (or a device-day's) events.
 */
function impactAnswer(kql: string): { columns: FakeColumn[]; rows: unknown[][] } {
  const matches = [...kql.matchAll(/\b(Match_\d+)=\(/g)].map((m) => m[1] ?? '');
  const perDay = /\bby DeviceId, Day=bin\(Timestamp, 1d\)/.test(kql);
  const columns: FakeColumn[] = [
    { name: 'DeviceId', type: 'string' },
    ...(perDay ? [{ name: 'Day', type: 'datetime' } as const] : []),
    ...matches.map((name) => ({ name, type: 'bool' }) as const),
    { name: 'Events', type: 'long' },
  ];
  const groups = perDay
    ? timelineRows.map(([deviceId, day, events]) => [deviceId, day, ...matches.map(() => false), events])
    : EXPECTED.map((d) => [d.deviceId, ...matches.map(() => false), d.count]);
  return { columns, rows: groups };
}

/**
 * The signals query's answer: each device first seen at its FirstSeen, by a shell on the first device only, its
 * facts as the services send dynamic values.
 */
const SIGNAL_ANSWER_COLUMNS: FakeColumn[] = [
  { name: 'DeviceId', type: 'string' },
  { name: 'FirstEvent', type: 'datetime' },
  { name: 'WindowEvents', type: 'long' },
  { name: 'ShellParentEvents', type: 'long' },
  { name: 'Parents', type: 'dynamic' },
  { name: 'Accounts', type: 'dynamic' },
  { name: 'FleetAccounts', type: 'dynamic' },
];
const signalRows = EXPECTED.map((d, i) => [
  d.deviceId,
  d.firstSeen,
  d.count,
  i === 0 ? 1 : 0,
  [i === 0 ? 'powershell.exe' : 'explorer.exe'],
  ['corp\\admin'],
  ['corp\\admin'],
]);

/** Which of a run's queries a request carries, and the answer's columns and rows. */
function answerFor(kql: string): { columns: FakeColumn[]; rows: unknown[][] } {
  if (kql.includes('Match_0=(')) return impactAnswer(kql);
  if (kql.includes('FleetAccounts=')) return { columns: SIGNAL_ANSWER_COLUMNS, rows: signalRows };
  if (kql.includes('Day=bin(')) return { columns: TIMELINE_COLUMNS, rows: timelineRows };
  return { columns: DEVICE_COLUMNS, rows: deviceRows };
}

/** JSON whose one big ReportId is a bare number, as the services send it. */
const withBareLongs = (json: string) => json.replace('"9007199254740993"', '9007199254740993');

const graphHandler = (request: RecordedRequest) => {
  const { columns, rows } = answerFor(JSON.parse(request.body).Query);
  const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i]])));
  return { body: withBareLongs(graphAnswer(columns, objects)) };
};
const logsHandler = (request: RecordedRequest) => {
  const { columns, rows } = answerFor(JSON.parse(request.body).query);
  // Log Analytics sends dynamic values as JSON text.
  const text = rows.map((row) => row.map((v) => (Array.isArray(v) ? JSON.stringify(v) : v)));
  return { body: withBareLongs(JSON.stringify(logsAnswer(columns, text))) };
};
const adxHandler = (request: RecordedRequest) => {
  if (request.method === 'GET') return { body: ADX_AUTH_METADATA };
  const { columns, rows } = answerFor(JSON.parse(request.body).csl);
  return { body: withBareLongs(JSON.stringify(adxFrames(columns, rows))) };
};

let service: FakeService;

beforeAll(async () => {
  service = await startFakeService();
});
afterAll(() => service.close());

async function seedRun(env: Record<string, string>) {
  const settings = parseSettings({ HUNTBOARD_CACHE_TTL_SECONDS: '0', ...APP, ...env });
  const id = settings.HUNTBOARD_SOURCE;
  if (id === 'embedded') throw new Error('a cloud source was expected');
  const source = cloudSourceFromSettings(id, settings, (mode) => fakeTokens(mode));
  const hunt = findHunt(await loadCatalog(), SEED_HUNT_ID);
  const run = await runHunt({ hunt, source, now: new Date(FIXTURE_NOW), caller: { id: 'ana' } });
  return { settings, source, run };
}

const withoutLinks = (devices: HuntDevice[]) => devices.map(({ devicePage: _, ...d }) => d);

describe('HUNTBOARD_SOURCE=defender', () => {
  it('runs the seed hunt through Graph: the same devices, Defender links on the query and each device', async () => {
    service.requests.length = 0;
    service.answer(graphHandler);
    const { source, run } = await seedRun({ HUNTBOARD_SOURCE: 'defender', DEFENDER_GRAPH_URL: service.url });
    expect(source.id).toBe('defender');
    expect(run.source).toEqual({ id: 'defender', label: 'Microsoft Defender XDR (advanced hunting)' });
    expect(withSortedReportIds(withoutLinks(run.devices))).toEqual(EXPECTED);
    expect(run.signals?.error).toBeUndefined();
    // The signals' answer read as Graph sends it: datetimes and longs as JSON, sets as arrays.
    expect(run.devices.map((d) => [d.signals?.ids, d.signals?.parents])).toEqual(
      EXPECTED.map((_, i) => [
        i === 0 ? ['shell-parent', 'new-device'] : ['new-device'],
        [i === 0 ? 'powershell.exe' : 'explorer.exe'],
      ]),
    );
    expect(service.requests.map((r) => JSON.parse(r.body).Query).sort()).toEqual(
      [run.kql.devices, run.kql.timeline, run.kql.impact, run.kql.signals].sort(),
    );
    // The fixture has nothing any rule matches: every rule's measured impact is nil.
    expect(run.exclusions.length).toBeGreaterThan(0);
    for (const e of run.exclusions) expect(e.impact).toEqual({ events: 0, devices: 0, devicesGone: 0 });
    expect(run.consoleLink?.label).toBe('Open in Defender');
    const query = new URL(run.consoleLink?.url ?? '').searchParams.get('query') ?? '';
    expect(decodeDefenderQuery(query)).toBe(run.kql.devices);
    for (const device of run.devices)
      expect(device.devicePage).toBe(
        `https://security.microsoft.com/machines/v2/${device.deviceId}/overview?tid=tenant-1`,
      );
  });
});

describe('HUNTBOARD_SOURCE=sentinel', () => {
  it('runs the TimeGenerated form through the Logs API, shows that query, and links to the Logs blade', async () => {
    service.requests.length = 0;
    service.answer(logsHandler);
    const { run } = await seedRun({
      HUNTBOARD_SOURCE: 'sentinel',
      SENTINEL_ENDPOINT: service.url,
      SENTINEL_WORKSPACE_ID: WORKSPACE,
      SENTINEL_WORKSPACE_RESOURCE_ID: RESOURCE_ID,
    });
    expect(run.source.id).toBe('sentinel');
    expect(withSortedReportIds(run.devices)).toEqual(EXPECTED);
    expect(run.kql.devices).toContain('| where TimeGenerated between (Time_start..Time_end)');
    expect(service.requests.map((r) => JSON.parse(r.body).query)).toContain(run.kql.devices);
    expect(service.requests.every((r) => r.path === `/v1/workspaces/${WORKSPACE}/query`)).toBe(true);
    const q = /\/q\/([^/]+)\//.exec(run.consoleLink?.url ?? '')?.[1] ?? '';
    expect(decodeLogsQuery(decodeURIComponent(q))).toBe(run.kql.devices);
    expect(run.devices.every((d) => d.devicePage === undefined)).toBe(true);
  });
});

describe('HUNTBOARD_SOURCE=adx', () => {
  it('runs on the exported table through azure-kusto-data, with now set to the run’s instant', async () => {
    service.requests.length = 0;
    service.answer(adxHandler);
    const { run } = await seedRun({
      HUNTBOARD_SOURCE: 'adx',
      ADX_CLUSTER_URL: service.url,
      ADX_DATABASE: 'Security',
      ADX_TABLE: 'MdeProcessEvents',
      ADX_TABLES: 'DeviceNetworkEvents=MdeNetworkEvents',
    });
    expect(run.source.label).toBe(`Azure Data Explorer (${new URL(service.url).host}, Security)`);
    expect(withSortedReportIds(run.devices)).toEqual(EXPECTED);
    expect(run.signals?.error).toBeUndefined();
    expect(run.devices.every((d) => d.signals?.ids.includes('new-device'))).toBe(true);
    const posted = service.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
    expect(posted).toHaveLength(4);
    for (const body of posted) {
      expect(body.csl).toContain('MdeProcessEvents');
      expect(body.properties.Options.query_now).toBe(FIXTURE_NOW);
    }
    expect(run.consoleLink).toBeUndefined();
  });
});

describe('the settings', () => {
  it('each cloud source names the settings it cannot start without', () => {
    const missing = (env: Record<string, string>) => {
      try {
        parseSettings(env);
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        return (error as Error).message;
      }
      throw new Error('expected a settings error');
    };
    expect(missing({ HUNTBOARD_SOURCE: 'defender' })).toMatch(
      /SOURCE_TENANT_ID: is required when HUNTBOARD_SOURCE=defender[\s\S]*SOURCE_CLIENT_ID[\s\S]*SOURCE_CLIENT_SECRET/,
    );
    expect(missing({ HUNTBOARD_SOURCE: 'sentinel', ...APP })).toBe(
      'Invalid settings:\n  SENTINEL_WORKSPACE_ID: is required when HUNTBOARD_SOURCE=sentinel',
    );
    expect(missing({ HUNTBOARD_SOURCE: 'adx', ...APP, ADX_DATABASE: 'x' })).toContain(
      'ADX_CLUSTER_URL: is required',
    );
  });

  it('refuses plain http except on this machine, and a malformed workspace, mode or table; never echoes the secret', () => {
    const message = (env: Record<string, string>) => {
      try {
        parseSettings({ ...APP, SOURCE_CLIENT_SECRET: 'do-not-print-me', ...env });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message({ DEFENDER_GRAPH_URL: 'http://graph.example' })).toContain(
      'DEFENDER_GRAPH_URL: must be an https URL (http only for localhost)',
    );
    expect(message({ DEFENDER_GRAPH_URL: 'http://127.0.0.1:8080' })).toBe('');
    expect(message({ SENTINEL_WORKSPACE_ID: 'my-workspace' })).toContain(
      'SENTINEL_WORKSPACE_ID: must be the workspace id',
    );
    expect(message({ DEFENDER_AUTH_MODE: 'password' })).toContain('DEFENDER_AUTH_MODE');
    expect(message({ ADX_TABLE: "x'] | take 1" })).toContain('ADX_TABLE: must be a table name');
    expect(message({ ADX_TABLES: 'DeviceRegistryEvents=MdeRegistry' })).toContain(
      "ADX_TABLES: 'DeviceRegistryEvents=MdeRegistry' must be <table>=<Azure Data Explorer table>",
    );
    expect(message({ ADX_TABLES: "DeviceNetworkEvents=x'] | take 1" })).toContain('ADX_TABLES:');
    expect(message({ ADX_TABLE: 'Mde', ADX_TABLES: 'DeviceProcessEvents=Other' })).toContain(
      'ADX_TABLE: names DeviceProcessEvents',
    );
    expect(message({ ADX_TABLES: 'DeviceNetworkEvents=DeviceProcessEvents' })).toContain(
      "two tables are mapped to 'DeviceProcessEvents'",
    );
    expect(message({ HUNTBOARD_SOURCE: 'sentinel' })).not.toContain('do-not-print-me');
  });

  it('defaults: client credentials, Microsoft’s public endpoints, a minute of cache, 30 queries a minute, 2 retries', () => {
    const s = parseSettings({});
    expect(s).toMatchObject({
      HUNTBOARD_SOURCE: 'embedded',
      DEFENDER_AUTH_MODE: 'client-credentials',
      DEFENDER_GRAPH_URL: 'https://graph.microsoft.com',
      SENTINEL_ENDPOINT: 'https://api.loganalytics.io',
      SOURCE_AUTHORITY_HOST: 'https://login.microsoftonline.com',
      ADX_TABLES: {},
      HUNTBOARD_CACHE_TTL_SECONDS: 60,
      HUNTBOARD_RATE_LIMIT_PER_MINUTE: 30,
      HUNTBOARD_SOURCE_RETRIES: 2,
    });
  });

  it('openConfiguredSource follows HUNTBOARD_SOURCE from the environment', async () => {
    vi.stubEnv('HUNTBOARD_SOURCE', 'defender');
    vi.stubEnv('SOURCE_TENANT_ID', 'tenant-1');
    vi.stubEnv('SOURCE_CLIENT_ID', 'huntboard-api');
    vi.stubEnv('SOURCE_CLIENT_SECRET', 's3cret');
    vi.stubEnv('DEFENDER_AUTH_MODE', 'obo');
    vi.resetModules();
    try {
      const { openConfiguredSource } = await import('@/lib/sources/configured-source');
      const source = await openConfiguredSource();
      expect(source.id).toBe('defender');
      expect(source.links?.device?.('d')).toBe(
        'https://security.microsoft.com/machines/v2/d/overview?tid=tenant-1',
      );
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
