// Contract tests per registry table for the three cloud sources, against the local fakes: a network hunt and a
// file-signer hunt go through Defender, Sentinel and Azure Data Explorer. Each source's pre-flight check lets
// a valid query on the table pass and refuses an unknown column of it with its position before any call;
// Sentinel filters the new tables on TimeGenerated and Azure Data Explorer points them at their export tables;
// the answers' int and bool columns come back typed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KqlSemanticError } from '@/lib/kql/errors';
import { createAdxSource } from '@/lib/sources/adx/adx-source';
import type { CloudSource } from '@/lib/sources/cloud/cloud-source';
import { createDefenderSource } from '@/lib/sources/defender/defender-source';
import { createSentinelSource } from '@/lib/sources/sentinel/sentinel-source';
import {
  ADX_AUTH_METADATA,
  adxFrames,
  type FakeColumn,
  type FakeService,
  fakeTokens,
  graphAnswer,
  logsAnswer,
  startFakeService,
} from '@/lib/sources/testing/fake-services';

const NOW = new Date('2026-11-01T12:00:00Z');
const WORKSPACE = '3f2a1b7c-0d4e-4f5a-9b8c-1d2e3f4a5b6c';

interface TableCase {
  table: string;
  /** A hunt on the table, as the catalog has it. */
  hunt: string;
  /** The same hunt as Sentinel runs it. */
  sentinel: string;
  /** Its export table in Azure Data Explorer, and the hunt pointed there. */
  adxTable: string;
  adx: string;
  /** A query naming a column the table does not have, the column, and where it is. */
  unknown: { kql: string; column: string; line: number; column1: number };
  /** A column Sentinel's copy has and Defender's does not. */
  sentinelOnly: string;
  /** The answer: one row with an int or bool column, and what it reads back as. */
  columns: FakeColumn[];
  row: unknown[];
  expected: Record<string, unknown>;
}

const CASES: TableCase[] = [
  {
    table: 'DeviceNetworkEvents',
    hunt: `DeviceNetworkEvents
| where Timestamp between (ago(5d) .. now())
| where RemoteUrl has_any ('anydesk.com', 'net.anydesk.com') and RemotePort in (80, 443, 6568)
| summarize Count=count(), Ports=make_set(RemotePort) by DeviceId, DeviceName`,
    sentinel: `DeviceNetworkEvents
| where TimeGenerated between (ago(5d) .. now())
| where RemoteUrl has_any ('anydesk.com', 'net.anydesk.com') and RemotePort in (80, 443, 6568)
| summarize Count=count(), Ports=make_set(RemotePort) by DeviceId, DeviceName`,
    adxTable: 'MdeNetworkEvents',
    adx: `MdeNetworkEvents
| where Timestamp between (ago(5d) .. now())
| where RemoteUrl has_any ('anydesk.com', 'net.anydesk.com') and RemotePort in (80, 443, 6568)
| summarize Count=count(), Ports=make_set(RemotePort) by DeviceId, DeviceName`,
    // Several published network hunts group by AccountUpn, which this table does not have.
    unknown: {
      kql: "DeviceNetworkEvents\n| where RemoteUrl has 'anydesk'\n| summarize count() by DeviceId, AccountUpn",
      column: 'AccountUpn',
      line: 3,
      column1: 34,
    },
    sentinelOnly: 'DeviceNetworkEvents | where TimeGenerated > ago(1d) and MachineGroup != "" | take 1',
    columns: [
      { name: 'DeviceId', type: 'string' },
      { name: 'RemotePort', type: 'int' },
      { name: 'Count', type: 'long' },
    ],
    row: ['dev-1', 443, 3],
    expected: { DeviceId: 'dev-1', RemotePort: 443, Count: 3n },
  },
  {
    table: 'DeviceFileCertificateInfo',
    hunt: `DeviceFileCertificateInfo
| where Timestamp > ago(5d)
| where Signer has_any ('AnyDesk', 'philandro') and IsSigned == true
| summarize Count=count(), Trusted=make_set(IsTrusted) by DeviceId, DeviceName`,
    sentinel: `DeviceFileCertificateInfo
| where TimeGenerated > ago(5d)
| where Signer has_any ('AnyDesk', 'philandro') and IsSigned == true
| summarize Count=count(), Trusted=make_set(IsTrusted) by DeviceId, DeviceName`,
    adxTable: 'mde.file-certificates',
    adx: `['mde.file-certificates']
| where Timestamp > ago(5d)
| where Signer has_any ('AnyDesk', 'philandro') and IsSigned == true
| summarize Count=count(), Trusted=make_set(IsTrusted) by DeviceId, DeviceName`,
    // The signer table has SHA1 but no file name.
    unknown: {
      kql: "DeviceFileCertificateInfo | where FileName =~ 'AnyDesk.exe'",
      column: 'FileName',
      line: 1,
      column1: 35,
    },
    sentinelOnly: 'DeviceFileCertificateInfo | where TimeGenerated > ago(1d) and TenantId != "" | take 1',
    columns: [
      { name: 'DeviceId', type: 'string' },
      { name: 'IsTrusted', type: 'bool' },
      { name: 'Count', type: 'long' },
    ],
    row: ['dev-2', false, 1],
    expected: { DeviceId: 'dev-2', IsTrusted: false, Count: 1n },
  },
];

let service: FakeService;
beforeAll(async () => {
  service = await startFakeService();
});
afterAll(() => service.close());
beforeEach(() => {
  service.requests.length = 0;
});

const posted = () => service.requests.filter((r) => r.method === 'POST');

function defender(): CloudSource {
  return createDefenderSource({
    graphUrl: service.url,
    tokens: fakeTokens('client-credentials'),
    timeoutMs: 5_000,
  });
}
function sentinel(): CloudSource {
  return createSentinelSource({
    endpoint: service.url,
    workspaceId: WORKSPACE,
    tokens: fakeTokens('client-credentials'),
    timeoutMs: 5_000,
  });
}
function adx(tables: Record<string, string>): CloudSource {
  return createAdxSource({
    clusterUrl: service.url,
    database: 'Security',
    tables,
    tokens: fakeTokens('client-credentials'),
    timeoutMs: 5_000,
  });
}

async function semanticFailure(source: CloudSource, kql: string): Promise<KqlSemanticError> {
  const error = await source.run(kql, { now: NOW }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KqlSemanticError);
  return error as KqlSemanticError;
}

describe.each(CASES.map((c) => [c.table, c] as const))('%s', (_, c) => {
  it('Defender: the hunt is sent as written and its typed answer read; an unknown column never leaves', async () => {
    const columns = c.columns;
    const row = Object.fromEntries(columns.map((col, i) => [col.name, c.row[i]]));
    service.answer(() => ({ body: graphAnswer(columns, [row]) }));
    const result = await defender().run(c.hunt, { now: NOW });
    expect(JSON.parse(posted()[0]?.body ?? '')).toEqual({ Query: c.hunt });
    expect(result.rows).toEqual([c.expected]);

    const error = await semanticFailure(defender(), c.unknown.kql);
    expect(error.message).toContain(`'${c.unknown.column}'`);
    expect(error.position).toEqual({ line: c.unknown.line, column: c.unknown.column1 });
    // Sentinel's own columns are not Defender's.
    await semanticFailure(defender(), c.sentinelOnly);
    expect(posted()).toHaveLength(1);
  });

  it('Sentinel: the hunt filters on TimeGenerated and passes against Sentinel’s copy; an unknown column never leaves', async () => {
    service.answer(() => ({ body: logsAnswer(c.columns, [c.row]) }));
    const s = sentinel();
    expect(s.effectiveQuery?.(c.hunt)).toBe(c.sentinel);
    const result = await s.run(c.hunt, { now: NOW });
    expect(JSON.parse(posted()[0]?.body ?? '')).toEqual({ query: c.sentinel });
    expect(result.rows).toEqual([c.expected]);
    expect(() => s.effectiveQuery?.(c.sentinelOnly)).not.toThrow();

    const error = await semanticFailure(s, c.unknown.kql);
    expect(error.message).toContain(`'${c.unknown.column}'`);
    expect(error.position).toEqual({ line: c.unknown.line, column: c.unknown.column1 });
    expect(posted()).toHaveLength(1);
  });

  it('Azure Data Explorer: the hunt points at the table’s export, checked before it leaves', async () => {
    service.answer((request) =>
      request.method === 'GET' && request.path === '/v1/rest/auth/metadata'
        ? { body: ADX_AUTH_METADATA }
        : { body: adxFrames(c.columns, [c.row]) },
    );
    const s = adx({ [c.table]: c.adxTable });
    expect(s.effectiveQuery?.(c.hunt)).toBe(c.adx);
    const result = await s.run(c.hunt, { now: NOW });
    const queries = posted().filter((r) => r.path === '/v2/rest/query');
    expect(JSON.parse(queries[0]?.body ?? '').csl).toBe(c.adx);
    expect(result.rows).toEqual([c.expected]);

    const error = await semanticFailure(s, c.unknown.kql);
    expect(error.message).toContain(`'${c.unknown.column}'`);
    // A table left out of the setting keeps its own name.
    expect(adx({}).effectiveQuery?.(c.hunt)).toBe(c.hunt);
    expect(posted().filter((r) => r.path === '/v2/rest/query')).toHaveLength(1);
  });
});
