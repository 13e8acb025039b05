// The translator over the network and file-signer tables, as the registry defines them, on DuckDB: their int
// and bool columns filter, compare and aggregate as Kusto's do.
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { table } from '@/lib/tables/registry';
import { KqlSemanticError } from './errors';
import { createTable, openDatabase, type Row, runKql } from './test-support';
import { translateKql } from './translate';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const network = table('DeviceNetworkEvents');
const signer = table('DeviceFileCertificateInfo');
const tables = { [network.name]: network.columns, [signer.name]: signer.columns };

const NETWORK: Row[] = [
  {
    Timestamp: new Date('2026-11-29T10:00:00Z'),
    DeviceId: 'd1',
    DeviceName: 'ws-1',
    ActionType: 'ConnectionSuccess',
    RemoteUrl: 'relay.anydesk.com',
    RemotePort: 443,
    InitiatingProcessFileName: 'AnyDesk.exe',
    InitiatingProcessSHA1: 'aa11',
    InitiatingProcessAccountUpn: 'ann@contoso.example',
    ReportId: 1,
  },
  {
    Timestamp: new Date('2026-11-29T11:00:00Z'),
    DeviceId: 'd1',
    DeviceName: 'ws-1',
    ActionType: 'ConnectionSuccess',
    RemoteUrl: 'relay.anydesk.com',
    RemotePort: 6568,
    InitiatingProcessFileName: 'AnyDesk.exe',
    InitiatingProcessSHA1: 'aa11',
    InitiatingProcessAccountUpn: 'bob@contoso.example',
    ReportId: 2,
  },
  {
    Timestamp: new Date('2026-11-29T12:00:00Z'),
    DeviceId: 'd2',
    DeviceName: 'ws-2',
    ActionType: 'ConnectionFailed',
    // A near miss: the tool's name without a term boundary.
    RemoteUrl: 'notanydesk.example',
    RemotePort: 443,
    InitiatingProcessFileName: 'chrome.exe',
    InitiatingProcessSHA1: 'bb22',
    ReportId: 3,
  },
];

const SIGNERS: Row[] = [
  {
    Timestamp: new Date('2026-11-28T09:00:00Z'),
    DeviceId: 'd1',
    DeviceName: 'ws-1',
    SHA1: 'aa11',
    IsSigned: true,
    Signer: 'philandro Software GmbH',
    Issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
    IsTrusted: true,
    IsRootSignerMicrosoft: false,
    ReportId: 10,
  },
  {
    Timestamp: new Date('2026-11-28T10:00:00Z'),
    DeviceId: 'd3',
    DeviceName: 'ws-3',
    SHA1: 'cc33',
    IsSigned: true,
    Signer: 'AnyDesk Software GmbH',
    Issuer: 'Self',
    IsTrusted: false,
    IsRootSignerMicrosoft: false,
    ReportId: 11,
  },
  {
    Timestamp: new Date('2026-11-28T11:00:00Z'),
    DeviceId: 'd4',
    DeviceName: 'ws-4',
    SHA1: 'dd44',
    IsSigned: false,
    IsTrusted: null,
    ReportId: 12,
  },
];

let db: DuckDBConnection;

beforeAll(async () => {
  db = await openDatabase();
  await createTable(db, network.name, network.columns, NETWORK);
  await createTable(db, signer.name, signer.columns, SIGNERS);
});

afterAll(() => db?.closeSync());

describe('DeviceNetworkEvents', () => {
  test('a network hunt: has on RemoteUrl, an int port compared with a long literal, per-device counts', async () => {
    const rows = await runKql(
      db,
      `DeviceNetworkEvents
| where Timestamp between (ago(5d) .. now())
| where RemoteUrl has 'anydesk' and RemotePort in (443, 6568)
| summarize Count=count(), Ports=make_set(RemotePort), FirstSeen=min(Timestamp) by DeviceId, DeviceName`,
      tables,
      NOW,
    );
    expect(rows).toEqual([
      {
        DeviceId: 'd1',
        DeviceName: 'ws-1',
        Count: 2,
        Ports: expect.arrayContaining([443, 6568]),
        FirstSeen: '2026-11-29T10:00:00.000Z',
      },
    ]);
  });

  test('int arithmetic and ordering', async () => {
    const rows = await runKql(
      db,
      'DeviceNetworkEvents | where RemotePort > 500 | extend Next = RemotePort + 1 | project ReportId, Next',
      tables,
      NOW,
    );
    expect(rows).toEqual([{ ReportId: 2, Next: 6569 }]);
  });

  test('a process-only column is not there', () => {
    expect(() => translateKql('DeviceNetworkEvents | where AccountUpn == "x"', { now: NOW, tables })).toThrow(
      KqlSemanticError,
    );
  });
});

describe('DeviceFileCertificateInfo', () => {
  test('a signer hunt: bool columns in conditions, compared with literals and alone', async () => {
    const rows = await runKql(
      db,
      `DeviceFileCertificateInfo
| where Timestamp > ago(5d)
| where Signer has_any ('AnyDesk', 'philandro') and IsSigned == true
| where not(IsTrusted)
| summarize Count=count(), Signers=make_set(Signer) by DeviceId`,
      tables,
      NOW,
    );
    expect(rows).toEqual([{ DeviceId: 'd3', Count: 1, Signers: ['AnyDesk Software GmbH'] }]);
  });

  test('a null bool is neither true nor false, as in Kusto', async () => {
    const trusted = await runKql(
      db,
      'DeviceFileCertificateInfo | where IsTrusted | project ReportId',
      tables,
      NOW,
    );
    const untrusted = await runKql(
      db,
      'DeviceFileCertificateInfo | where IsTrusted == false | project ReportId',
      tables,
      NOW,
    );
    expect(trusted).toEqual([{ ReportId: 10 }]);
    expect(untrusted).toEqual([{ ReportId: 11 }]);
  });

  test('without `tables`, the translator reads the registry', () => {
    expect(translateKql('DeviceFileCertificateInfo | where IsTrusted | take 1', { now: NOW })).toContain(
      '"IsTrusted"',
    );
  });
});
