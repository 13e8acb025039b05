// Tabular constructs of the published RMM hunts, run on DuckDB over the registry's tables: tabular lets,
// datatable, distinct, and in / in~ / !in / has_any over a subquery. Expectations are worked out by hand.
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { tableSchemas } from '@/lib/tables/registry';
import { KqlSemanticError, KqlSyntaxError } from './errors';
import { createTable, openDatabase, type Row, runKql } from './test-support';
import { translateKql } from './translate';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const tables = tableSchemas();
const NETWORK = 'DeviceNetworkEvents';
const SIGNERS = 'DeviceFileCertificateInfo';

let db: DuckDBConnection;

// ReportId names each row. RemoteUrl: matches and near misses of 'anydesk.com' / 'teamviewer.com'.
const network: Row[] = [
  {
    ReportId: 1,
    RemoteUrl: 'relay.anydesk.com',
    InitiatingProcessSHA1: 'aaa',
    RemotePort: 443,
    InitiatingProcessAccountUpn: 'alice@corp',
  },
  {
    ReportId: 2,
    RemoteUrl: 'notanydesk.com',
    InitiatingProcessSHA1: 'AAA',
    RemotePort: 80,
    InitiatingProcessAccountUpn: 'alice@corp',
  },
  {
    ReportId: 3,
    RemoteUrl: 'ANYDESK.COM:443',
    InitiatingProcessSHA1: 'ccc',
    RemotePort: null,
    InitiatingProcessAccountUpn: 'Alice@corp',
  },
  { ReportId: 4, RemoteUrl: '', InitiatingProcessSHA1: '', RemotePort: 443, InitiatingProcessAccountUpn: '' },
  {
    ReportId: 5,
    RemoteUrl: null,
    InitiatingProcessSHA1: null,
    RemotePort: 8080,
    InitiatingProcessAccountUpn: null,
  },
  { ReportId: 6, RemoteUrl: 'https://teamviewer.com/path', InitiatingProcessSHA1: 'ddd', RemotePort: 443 },
  { ReportId: 7, RemoteUrl: 'api.playanext.com', InitiatingProcessSHA1: 'bbb', RemotePort: 443 },
  { ReportId: 8, RemoteUrl: 'x-anydesk.com.example.net', InitiatingProcessSHA1: 'eee', RemotePort: 443 },
].map((r) => ({ Timestamp: new Date('2026-11-29T00:00:00Z'), DeviceId: `d${r.ReportId}`, ...r }));

const signers: Row[] = [
  { ReportId: 11, SHA1: 'aaa', Signer: 'AnyDesk Software GmbH' },
  { ReportId: 12, SHA1: 'bbb', Signer: 'philandro Software GmbH' },
  { ReportId: 13, SHA1: null, Signer: 'AnyDesk Software GmbH' },
  { ReportId: 14, SHA1: 'fff', Signer: 'Other Vendor' },
];

beforeAll(async () => {
  db = await openDatabase();
  await createTable(db, NETWORK, tables[NETWORK] ?? [], network);
  await createTable(db, SIGNERS, tables[SIGNERS] ?? [], signers);
});

function run(kql: string): Promise<Row[]> {
  return runKql(db, kql, tables, NOW);
}

async function reportIds(kql: string): Promise<number[]> {
  return (await run(`${kql}\n| project ReportId`)).map((r) => r.ReportId as number).sort((a, b) => a - b);
}

const DOMAINS = `let Domains = datatable(Domain:string, Tool:string)[
    'anydesk.com', 'AnyDesk',
    'teamviewer.com', 'TeamViewer',
];`;

describe('has_any over a tabular expression', () => {
  test('an inline pipeline in double parentheses: each value is a has needle', async () => {
    const ids = await reportIds(
      `${DOMAINS}\n${NETWORK}\n| where RemoteUrl has_any ((Domains | distinct Domain))`,
    );
    // 2: 'anydesk' is not a whole term of 'notanydesk'; 4 and 5: empty and NULL; 7: another domain.
    expect(ids).toEqual([1, 3, 6, 8]);
  });

  test('a tabular let reads its first column', async () => {
    expect(await reportIds(`${DOMAINS}\n${NETWORK}\n| where RemoteUrl has_any (Domains)`)).toEqual([
      1, 3, 6, 8,
    ]);
  });

  test('an inline datatable with a projection, and a case-insensitive needle', async () => {
    const kql = `${NETWORK}\n| where RemoteUrl has_any ((datatable(T:string, U:string)['x', 'PlayAnext.COM'] | project U))`;
    expect(await reportIds(kql)).toEqual([7]);
  });

  test("an empty set matches nothing; '' matches every row, NULL included", async () => {
    expect(await reportIds(`${NETWORK}\n| where RemoteUrl has_any ((datatable(D:string)[]))`)).toEqual([]);
    expect(await reportIds(`${NETWORK}\n| where RemoteUrl has_any ((datatable(D:string)['']))`)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  test('values known at translation time take the constant-list path; others are read by a subquery', () => {
    const known = translateKql(
      `${DOMAINS}\n${NETWORK}\n| where RemoteUrl has_any ((Domains | distinct Domain))`,
      {
        now: NOW,
        tables,
      },
    );
    expect(known).not.toContain('list_filter');
    expect(known).toContain("'teamviewer.com'");
    const read = translateKql(`${NETWORK}\n| where RemoteUrl has_any ((${SIGNERS} | project Signer))`, {
      now: NOW,
      tables,
    });
    expect(read).toContain('list_filter');
  });

  test('a subquery read at run time matches as the constant list does', async () => {
    // The same domains from a table: no values are known when translating.
    const kql = `${NETWORK}\n| where RemoteUrl has_any ((${NETWORK} | where ReportId in (1, 6) | project Domain = trim_start(@'https://', RemoteUrl) | project Domain = tostring(split(Domain, '/')[0])))`;
    // Needles 'relay.anydesk.com' and 'teamviewer.com'.
    expect(await reportIds(kql)).toEqual([1, 6]);
  });

  test('the subquery’s column names do not shadow the outer row’s', async () => {
    // The inner table has a RemoteUrl column too; the outer RemoteUrl is still the row's own.
    const kql = `let Inner = datatable(RemoteUrl:string)['teamviewer.com'];\n${NETWORK}\n| where RemoteUrl has_any (Inner)`;
    expect(await reportIds(kql)).toEqual([6]);
  });
});

describe('in, in~, !in and !in~ over a tabular let', () => {
  // Signed SHA1s: 'aaa' and the NULL one, which is Kusto's ''.
  const SIGNED = `let Signed = ${SIGNERS}\n| where Signer has 'anydesk software'\n| distinct SHA1;\n`;

  test('in is case-sensitive; a NULL in the subquery is the empty string', async () => {
    expect(await reportIds(`${SIGNED}${NETWORK}\n| where InitiatingProcessSHA1 in (Signed)`)).toEqual([
      1, 4, 5,
    ]);
  });

  test('in~ is case-insensitive', async () => {
    expect(await reportIds(`${SIGNED}${NETWORK}\n| where InitiatingProcessSHA1 in~ (Signed)`)).toEqual([
      1, 2, 4, 5,
    ]);
  });

  test('!in and !in~ are their negations', async () => {
    expect(await reportIds(`${SIGNED}${NETWORK}\n| where InitiatingProcessSHA1 !in (Signed)`)).toEqual([
      2, 3, 6, 7, 8,
    ]);
    expect(await reportIds(`${SIGNED}${NETWORK}\n| where InitiatingProcessSHA1 !in~ (Signed)`)).toEqual([
      3, 6, 7, 8,
    ]);
  });

  test('a let referenced twice is translated once and read twice', async () => {
    const kql = `${SIGNED}${NETWORK}\n| where InitiatingProcessSHA1 in (Signed) and InitiatingProcessSHA1 !in ((Signed | where SHA1 == ''))`;
    expect(await reportIds(kql)).toEqual([1]);
    const sql = translateKql(kql, { now: NOW, tables });
    expect(sql.split(`FROM "${SIGNERS}"`).length - 1).toBe(1);
  });

  test('a numeric in: nulls never match, so !in keeps them', async () => {
    const ports = 'let Ports = datatable(P:long)[443, long(null)];\n';
    expect(await reportIds(`${ports}${NETWORK}\n| where RemotePort in (Ports)`)).toEqual([1, 4, 6, 7, 8]);
    expect(await reportIds(`${ports}${NETWORK}\n| where RemotePort !in (Ports)`)).toEqual([2, 3, 5]);
  });

  test('a pipeline over a table as the right side', async () => {
    const kql = `${NETWORK}\n| where InitiatingProcessSHA1 in ((${SIGNERS} | where Signer has 'philandro' | project SHA1))`;
    expect(await reportIds(kql)).toEqual([7]);
  });

  test('a tabular let whose body reads an earlier scalar let', async () => {
    const kql = `let Since = datetime(2026-11-28);\nlet Recent = ${NETWORK} | where Timestamp > Since;\nRecent\n| where RemotePort == 443`;
    expect(await reportIds(kql)).toEqual([1, 4, 6, 7, 8]);
  });

  test('a string compared with a long column of the subquery is refused', () => {
    expect(() =>
      translateKql(`${NETWORK}\n| where RemoteUrl in ((datatable(P:long)[1]))`, { now: NOW, tables }),
    ).toThrow(KqlSemanticError);
  });
});

describe('distinct', () => {
  test('one row per distinct value; case matters; NULL and the empty string are one value', async () => {
    const rows = await run(
      `${NETWORK}\n| distinct InitiatingProcessAccountUpn\n| sort by InitiatingProcessAccountUpn asc`,
    );
    // Rows 6-8 leave the column NULL, like row 5.
    expect(rows).toEqual([
      { InitiatingProcessAccountUpn: '' },
      { InitiatingProcessAccountUpn: 'Alice@corp' },
      { InitiatingProcessAccountUpn: 'alice@corp' },
    ]);
  });

  test('several columns keep their order; distinct * keeps whole rows', async () => {
    const rows = await run(
      `${NETWORK}\n| distinct RemotePort, InitiatingProcessAccountUpn\n| sort by RemotePort asc nulls first, InitiatingProcessAccountUpn asc`,
    );
    expect(rows.map((r) => Object.keys(r))[0]).toEqual(['RemotePort', 'InitiatingProcessAccountUpn']);
    expect(rows).toEqual([
      { RemotePort: null, InitiatingProcessAccountUpn: 'Alice@corp' },
      { RemotePort: 80, InitiatingProcessAccountUpn: 'alice@corp' },
      { RemotePort: 443, InitiatingProcessAccountUpn: '' },
      { RemotePort: 443, InitiatingProcessAccountUpn: 'alice@corp' },
      { RemotePort: 8080, InitiatingProcessAccountUpn: '' },
    ]);
    const all = await run(
      "datatable(A:string, B:long)['x', 1, 'x', 1, 'x', 2, 'X', 1] | distinct * | sort by A asc, B asc",
    );
    expect(all).toEqual([
      { A: 'X', B: 1 },
      { A: 'x', B: 1 },
      { A: 'x', B: 2 },
    ]);
  });
});

describe('datatable', () => {
  test('values fill the columns row by row with their types; typed nulls; a long in a real column', async () => {
    const rows = await run(`datatable(S:string, L:long, R:real, B:bool, D:datetime, I:int)[
      'a', 1, 2, true, datetime(2026-01-02), 7,
      'b', long(null), 3.5, false, datetime(null), -1,
    ]
    | project S, L, R, B, D, I`);
    expect(rows).toEqual([
      { S: 'a', L: 1, R: 2, B: true, D: '2026-01-02T00:00:00.000Z', I: 7 },
      { S: 'b', L: null, R: 3.5, B: false, D: null, I: -1 },
    ]);
  });

  test('timespan columns compare as timespans; an empty datatable has no rows', async () => {
    expect(
      await run("datatable(S:string, T:timespan)['a', 1h, 'b', 2m] | where T > 30m | project S"),
    ).toEqual([{ S: 'a' }]);
    expect(await run('datatable(S:string)[] | count')).toEqual([{ Count: 0 }]);
  });

  test('a value of the wrong type or a partial row is refused with the parser’s message', () => {
    expect(() => translateKql('datatable(S:string)[1]', { now: NOW, tables })).toThrow(KqlSemanticError);
    expect(() => translateKql("datatable(S:string, L:long)['a']", { now: NOW, tables })).toThrow(
      KqlSyntaxError,
    );
  });
});

describe('reserved column names', () => {
  test('a query may not name a column as the translator names its own, in any case', () => {
    for (const kql of [
      `${NETWORK} | summarize __kql_hits_0=count() by RemoteUrl`,
      `${NETWORK} | extend __KQL_terms_0 = RemoteUrl`,
      `${NETWORK} | project __kql_ordinal = RemotePort`,
    ])
      expect(() => translateKql(kql, { now: NOW, tables }), kql).toThrow(/reserved/);
  });
});
