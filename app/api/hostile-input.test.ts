// Hostile input against every route, through the exported handlers with real access tokens and a fresh embedded
// triage database: NUL and unpaired surrogates in any text field, path segment or query value, broken
// percent-encoding, repeated parameters, bodies that are not UTF-8, numbers beyond what a column holds. Each is
// a 400 problem document naming the field; nothing is stored, and nothing the caller sent reaches the log.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  jsonOf,
  type Problem,
  problemOf,
  type RouteHarness,
  startRouteHarness,
} from '@/lib/api/testing/route-harness';
import { SEED_HUNT_ID } from '@/lib/hunts/test-support';
import type { AuditEntry, CustomExclusion, Verdict } from '@/lib/triage/types';

type Routes = {
  verdicts: typeof import('./hunts/[huntId]/verdicts/route');
  verdict: typeof import('./hunts/[huntId]/devices/[deviceId]/verdict/route');
  history: typeof import('./hunts/[huntId]/devices/[deviceId]/history/route');
  events: typeof import('./hunts/[huntId]/devices/[deviceId]/events/route');
  exclusions: typeof import('./hunts/[huntId]/exclusions/custom/route');
  exclusion: typeof import('./hunts/[huntId]/exclusions/custom/[id]/route');
  run: typeof import('./hunts/[huntId]/run/route');
  trends: typeof import('./hunts/[huntId]/trends/route');
  audit: typeof import('./audit/route');
  approvals: typeof import('./approvals/route');
  approval: typeof import('./approvals/[id]/route');
  sweep: typeof import('./sweep/route');
  unapprovedRmm: typeof import('./trends/unapproved-rmm/route');
};

let api: RouteHarness;
let routes: Routes;
let logged: string[];
let existing: CustomExclusion;
let storedBefore: unknown;

/** What the tests send inside hostile values; none of it may be logged. */
const MARK = 'hostile-marker';
const NUL = `${MARK}\u0000x`;
const LONE_HIGH = `${MARK}\uD800x`;
const LONE_LOW = `x\uDC00${MARK}`;
const HOSTILE = { NUL, 'a lone high surrogate': LONE_HIGH, 'a lone low surrogate': LONE_LOW };

const H = SEED_HUNT_ID;

/**
 * Percent-encoding as a careless client writes it: a lone surrogate as the three bytes UTF-8 would give it
 * (which are not UTF-8), where encodeURIComponent refuses.
 */
function pct(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      if (char.length > 1 || code < 0xd800 || code > 0xdfff) return encodeURIComponent(char);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

beforeAll(async () => {
  api = await startRouteHarness('hostile-input');
  routes = {
    verdicts: await import('./hunts/[huntId]/verdicts/route'),
    verdict: await import('./hunts/[huntId]/devices/[deviceId]/verdict/route'),
    history: await import('./hunts/[huntId]/devices/[deviceId]/history/route'),
    events: await import('./hunts/[huntId]/devices/[deviceId]/events/route'),
    exclusions: await import('./hunts/[huntId]/exclusions/custom/route'),
    exclusion: await import('./hunts/[huntId]/exclusions/custom/[id]/route'),
    run: await import('./hunts/[huntId]/run/route'),
    trends: await import('./hunts/[huntId]/trends/route'),
    audit: await import('./audit/route'),
    approvals: await import('./approvals/route'),
    approval: await import('./approvals/[id]/route'),
    sweep: await import('./sweep/route'),
    unapprovedRmm: await import('./trends/unapproved-rmm/route'),
  };
  existing = await jsonOf<CustomExclusion>(
    await api.call(routes.exclusions.POST, 'POST', `/api/hunts/${H}/exclusions/custom`, {
      as: 'triager',
      params: { huntId: H },
      body: {
        field: 'InitiatingProcessFileName',
        operator: '=~',
        values: ['Veeam.Backup.Manager.exe'],
        reason: 'Backup jobs',
      },
    }),
    201,
  );
  storedBefore = await stored();
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(
      args.map((a) => (a instanceof Error ? `${a.stack}\n${String(a.cause)}` : String(a))).join(' '),
    );
  });
  // Ten route modules, the catalog and the triage database (opened and migrated) load here, once.
}, 300_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
});

/** Everything the store holds, as the API shows it. */
async function stored() {
  const [verdicts, exclusions, audit] = await Promise.all([
    api.call(routes.verdicts.GET, 'GET', `/api/hunts/${H}/verdicts`, {
      as: 'analyst',
      params: { huntId: H },
    }),
    api.call(routes.exclusions.GET, 'GET', `/api/hunts/${H}/exclusions/custom`, {
      as: 'analyst',
      params: { huntId: H },
    }),
    api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager' }),
  ]);
  return {
    verdicts: (await jsonOf<{ verdicts: Verdict[] }>(verdicts)).verdicts,
    exclusions: (await jsonOf<{ exclusions: CustomExclusion[] }>(exclusions)).exclusions,
    audit: (await jsonOf<{ entries: AuditEntry[] }>(audit)).entries,
  };
}

async function invalid(response: Response, field: string): Promise<Problem> {
  const problem = await problemOf(response, 400);
  expect(problem).toMatchObject({ title: 'Invalid request', field });
  expect(problem.detail).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: `));
  return problem;
}

const putVerdict = (body: unknown, deviceId = 'dev-alpha') =>
  api.call(routes.verdict.PUT, 'PUT', `/api/hunts/${H}/devices/x/verdict`, {
    as: 'triager',
    body,
    params: { huntId: H, deviceId },
  });
const bulk = (body: unknown) =>
  api.call(routes.verdicts.POST, 'POST', `/api/hunts/${H}/verdicts`, {
    as: 'triager',
    body,
    params: { huntId: H },
  });
const createExclusion = (body: unknown) =>
  api.call(routes.exclusions.POST, 'POST', `/api/hunts/${H}/exclusions/custom`, {
    as: 'triager',
    body,
    params: { huntId: H },
  });
const exclusionItem = (method: 'PATCH' | 'DELETE', body: unknown, id = existing.id) =>
  api.call(routes.exclusion[method], method, `/api/hunts/${H}/exclusions/custom/x`, {
    as: 'triager',
    body,
    params: { huntId: H, id },
  });

const createApproval = (body: unknown) =>
  api.call(routes.approvals.POST, 'POST', '/api/approvals', { as: 'triager', body });
const approvalItem = (
  method: 'PATCH' | 'DELETE',
  body: unknown,
  id = '00000000-0000-4000-8000-000000000001',
) => api.call(routes.approval[method], method, '/api/approvals/x', { as: 'triager', body, params: { id } });
const approvalBody = {
  tool: 'AnyDesk',
  scope: 'devices',
  devices: ['jump-01'],
  reason: 'Help desk',
  owner: 'IT',
};

const benign = { expectedVersion: 0, deviceName: 'WS-ALPHA', status: 'benign', reason: 'Jump host' };
const exclusionBody = {
  field: 'InitiatingProcessFileName',
  operator: 'in~',
  values: ['a.exe', 'b.exe'],
  reason: 'Backup jobs',
};

/** Each text field of each body, and how to send a body with `text` in it. */
const BODY_FIELDS: [string, string, (text: string) => Promise<Response>][] = [
  ['PUT verdict', 'reason', (t) => putVerdict({ ...benign, reason: t })],
  ['PUT verdict', 'deviceName', (t) => putVerdict({ ...benign, deviceName: t })],
  ['PUT verdict', 'scenario', (t) => putVerdict({ ...benign, scenario: t })],
  [
    'PUT verdict',
    'reference',
    (t) => putVerdict({ expectedVersion: 0, deviceName: 'WS-ALPHA', status: 'malicious', reference: t }),
  ],
  [
    'POST verdicts',
    'devices.0.deviceId',
    (t) => bulk({ devices: [{ deviceId: t, deviceName: 'WS', expectedVersion: 0 }], verdict: benign }),
  ],
  [
    'POST verdicts',
    'devices.0.deviceName',
    (t) => bulk({ devices: [{ deviceId: 'dev-alpha', deviceName: t, expectedVersion: 0 }], verdict: benign }),
  ],
  [
    'POST verdicts',
    'verdict.reason',
    (t) =>
      bulk({
        devices: [{ deviceId: 'dev-alpha', deviceName: 'WS', expectedVersion: 0 }],
        verdict: { status: 'suspicious', reason: t },
      }),
  ],
  ['POST exclusion', 'values.1', (t) => createExclusion({ ...exclusionBody, values: ['a.exe', t] })],
  ['POST exclusion', 'reason', (t) => createExclusion({ ...exclusionBody, reason: t })],
  ['POST exclusion', 'deviceId', (t) => createExclusion({ ...exclusionBody, deviceId: t })],
  ['POST exclusion', 'deviceName', (t) => createExclusion({ ...exclusionBody, deviceName: t })],
  ['POST exclusion', 'field', (t) => createExclusion({ ...exclusionBody, field: t })],
  [
    'PATCH exclusion',
    'reason',
    (t) => exclusionItem('PATCH', { enabled: false, expectedVersion: 1, reason: t }),
  ],
  ['DELETE exclusion', 'reason', (t) => exclusionItem('DELETE', { reason: t })],
  ['POST approval', 'tool', (t) => createApproval({ ...approvalBody, tool: t })],
  ['POST approval', 'reason', (t) => createApproval({ ...approvalBody, reason: t })],
  ['POST approval', 'owner', (t) => createApproval({ ...approvalBody, owner: t })],
  ['POST approval', 'devices.0', (t) => createApproval({ ...approvalBody, devices: [t] })],
  [
    'POST approval',
    'pattern',
    (t) => createApproval({ ...approvalBody, scope: 'pattern', devices: undefined, pattern: t }),
  ],
  [
    'PATCH approval',
    'owner',
    (t) => approvalItem('PATCH', { ...approvalBody, owner: t, expectedVersion: 1 }),
  ],
  ['DELETE approval', 'reason', (t) => approvalItem('DELETE', { reason: t, expectedVersion: 1 })],
];

describe('text fields of bodies refuse NUL and unpaired surrogates: 400 naming the field', () => {
  for (const [kind, text] of Object.entries(HOSTILE))
    it.each(BODY_FIELDS)(`%s, %s, with ${kind}`, async (_, field, send) => {
      const problem = await invalid(await send(text), field);
      expect(problem.detail).toMatch(/NUL character|unpaired surrogate/);
    });
});

/** Each path parameter and query value, and how to send a request with `text` in it. */
const URL_FIELDS: [string, string, (text: string) => Promise<Response>][] = [
  [
    'GET history',
    'deviceId',
    (t) =>
      api.call(routes.history.GET, 'GET', `/api/hunts/${H}/devices/x/history`, {
        as: 'analyst',
        params: { huntId: H, deviceId: t },
      }),
  ],
  [
    'GET verdicts',
    'huntId',
    (t) =>
      api.call(routes.verdicts.GET, 'GET', '/api/hunts/x/verdicts', { as: 'analyst', params: { huntId: t } }),
  ],
  ['PUT verdict', 'deviceId', (t) => putVerdict(benign, t)],
  [
    'PATCH exclusion',
    'id',
    (t) => exclusionItem('PATCH', { enabled: false, expectedVersion: 1, reason: 'r' }, t),
  ],
  ['PATCH approval', 'id', (t) => approvalItem('PATCH', { ...approvalBody, expectedVersion: 1 }, t)],
  [
    'GET events',
    'deviceId',
    (t) =>
      api.call(routes.events.GET, 'GET', `/api/hunts/${H}/devices/x/events`, {
        as: 'analyst',
        params: { huntId: H, deviceId: t },
      }),
  ],
  [
    'GET audit',
    'entityId',
    (t) => api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager', query: `?entityId=${pct(t)}` }),
  ],
  [
    'GET audit',
    'huntId',
    (t) => api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager', query: `?huntId=${pct(t)}` }),
  ],
  [
    'GET run',
    'lookback',
    (t) =>
      api.call(routes.run.GET, 'GET', `/api/hunts/${H}/run`, {
        as: 'analyst',
        params: { huntId: H },
        query: `?lookback=${pct(t)}`,
      }),
  ],
  [
    'GET sweep',
    'tool',
    (t) => api.call(routes.sweep.GET, 'GET', '/api/sweep', { as: 'analyst', query: `?tool=${pct(t)}` }),
  ],
  [
    'GET unapproved RMM trend',
    'range',
    (t) =>
      api.call(routes.unapprovedRmm.GET, 'GET', '/api/trends/unapproved-rmm', {
        as: 'manager',
        query: `?range=${pct(t)}`,
      }),
  ],
  [
    'GET trends',
    'exclude',
    (t) =>
      api.call(routes.trends.GET, 'GET', `/api/hunts/${H}/trends`, {
        as: 'analyst',
        params: { huntId: H },
        query: `?exclude=${pct(t)}`,
      }),
  ],
];

describe('path parameters and query values refuse NUL and unpaired surrogates: 400 naming them', () => {
  for (const [kind, text] of Object.entries(HOSTILE))
    it.each(URL_FIELDS)(`%s, %s, with ${kind}`, async (_, field, send) => {
      await invalid(await send(text), field);
    });

  it('the examples of the probe: a NUL device id in history, a NUL entity id in the audit', async () => {
    await invalid(
      await api.call(routes.history.GET, 'GET', `/api/hunts/${H}/devices/%00/history`, {
        as: 'analyst',
        params: { huntId: H, deviceId: '\0' },
      }),
      'deviceId',
    );
    await invalid(
      await api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager', query: '?entityId=%00' }),
      'entityId',
    );
    await invalid(
      await api.call(routes.trends.GET, 'GET', '/api/hunts/%00/trends', {
        as: 'analyst',
        params: { huntId: '\0' },
      }),
      'huntId',
    );
  });
});

describe('queries that cannot be read unambiguously: 400', () => {
  const audit = (query: string) => api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager', query });

  it('broken percent-encoding in a value names the parameter', async () => {
    const problem = await invalid(await audit('?entityId=%ZZ'), 'entityId');
    expect(problem.detail).toContain('percent-encoding');
    await invalid(await audit('?entityId=abc%'), 'entityId');
  });

  it('a parameter given twice', async () => {
    const problem = await invalid(await audit('?entity=verdict&entity=exclusion'), 'entity');
    expect(problem.detail).toContain('more than once');
    await invalid(
      await api.call(routes.run.GET, 'GET', `/api/hunts/${H}/run`, {
        as: 'analyst',
        params: { huntId: H },
        query: '?lookback=5d&lookback=1h',
      }),
      'lookback',
    );
  });

  it('more parameters than any route takes', async () => {
    const query = `?${Array.from({ length: 500 }, (_, i) => `p${i}=1`).join('&')}`;
    await invalid(await audit(query), 'query');
  });

  it('a broken parameter name', async () => {
    await invalid(await audit('?%ZZ=1'), 'query');
  });
});

describe('bodies that cannot be read as they were meant: 400, nothing stored', () => {
  const verdictBytes = (bytes: Uint8Array<ArrayBuffer>, contentType?: string) =>
    api.call(routes.verdict.PUT, 'PUT', `/api/hunts/${H}/devices/x/verdict`, {
      as: 'triager',
      body: bytes,
      contentType,
      params: { huntId: H, deviceId: 'dev-alpha' },
    });

  it('bytes that are not UTF-8 are refused, not stored as U+FFFD', async () => {
    const json = Buffer.from(JSON.stringify({ ...benign, reason: 'Jump host XX' }));
    // An encoded surrogate (ED A0 80) and a lone continuation byte in place of "XX".
    const bad = Buffer.concat([
      json.subarray(0, json.length - 4),
      Buffer.from([0xed, 0xa0, 0x80, 0x80]),
      json.subarray(-2),
    ]);
    const problem = await invalid(await verdictBytes(new Uint8Array(bad)), 'body');
    expect(problem.detail).toContain('UTF-8');
  });

  it('a body declared in another charset', async () => {
    const latin1 = new Uint8Array(Buffer.from(JSON.stringify({ ...benign, reason: 'Caf\u00e9' }), 'latin1'));
    await invalid(await verdictBytes(latin1, 'application/json; charset=iso-8859-1'), 'body');
  });

  it('a JSON escape for an unpaired surrogate is refused, not stored as U+FFFD', async () => {
    const text = JSON.stringify({ ...benign, reason: 'Jump host' }).replace('Jump host', 'Jump \\ud800host');
    await invalid(await putVerdict(text), 'reason');
  });

  it('bodies that are not objects, or nested beyond any schema', async () => {
    for (const body of ['[]', '"text"', '42', 'null', 'true']) await invalid(await putVerdict(body), 'body');
    const deep = `{"reason":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const response = await putVerdict(deep);
    expect(response.status).toBe(400);
  });

  it('a version beyond what the database holds', async () => {
    for (const expectedVersion of [2 ** 31, 2 ** 53, 1e308])
      await invalid(await putVerdict({ ...benign, expectedVersion }), 'expectedVersion');
    await invalid(
      await exclusionItem('PATCH', { enabled: false, expectedVersion: 2 ** 31, reason: 'r' }),
      'expectedVersion',
    );
    await invalid(
      await bulk({
        devices: [{ deviceId: 'dev-alpha', deviceName: 'WS', expectedVersion: 2 ** 40 }],
        verdict: benign,
      }),
      'devices.0.expectedVersion',
    );
  });
});

describe('instants the calendar does not have: 400, not rolled over or refused by the database', () => {
  it.each([
    '2026-02-31T00:00:00Z',
    '2027-02-29T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+14:00',
  ])('%s', async (instant) => {
    await invalid(
      await api.call(routes.audit.GET, 'GET', '/api/audit', { as: 'manager', query: `?since=${instant}` }),
      'since',
    );
    await invalid(await putVerdict({ ...benign, reviewAfter: instant }), 'reviewAfter');
    await invalid(await createExclusion({ ...exclusionBody, expiresAt: instant }), 'expiresAt');
  });
});

describe('after all of it', () => {
  it('nothing was stored', async () => {
    expect(await stored()).toEqual(storedBefore);
  });

  it('nothing the callers sent reached the log', () => {
    expect(logged.join('\n')).not.toContain(MARK);
  });
});
