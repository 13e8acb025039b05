// split(), array indexing, tostring() and the trim functions, run on DuckDB over the registry's network table
// and inline datatables. Expectations are worked out by hand from Kusto's documentation.
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { tableSchemas } from '@/lib/tables/registry';
import { KqlSemanticError, KqlUnsupportedError } from './errors';
import { createTable, openDatabase, type Row, runKql } from './test-support';
import { translateKql } from './translate';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const tables = tableSchemas();
const NETWORK = 'DeviceNetworkEvents';

let db: DuckDBConnection;

const URLS: Record<number, string | null> = {
  1: 'https://relay.anydesk.com:443/path',
  2: 'teamviewer.com',
  3: '',
  4: null,
  5: 'HTTP://Upper.example.com/x',
  6: 'http://a.b.c',
  7: 'https://https://double.com',
};

beforeAll(async () => {
  db = await openDatabase();
  const rows = Object.entries(URLS).map(([id, url]) => ({
    ReportId: Number(id),
    RemoteUrl: url,
    RemotePort: Number(id) === 4 ? null : Number(id) * 100,
  }));
  await createTable(db, NETWORK, tables[NETWORK] ?? [], rows);
});

/** One value per row of the network table, by ReportId. */
async function byId(expression: string): Promise<Record<number, unknown>> {
  const rows = await runKql(db, `${NETWORK}\n| project ReportId, V = ${expression}`, tables, NOW);
  return Object.fromEntries(rows.map((r) => [r.ReportId as number, r.V]));
}

async function values(kql: string): Promise<unknown[]> {
  return (await runKql(db, kql, tables, NOW)).map((r: Row) => r.V);
}

function unsupported(kql: string): KqlUnsupportedError {
  try {
    translateKql(kql, { now: NOW, tables });
  } catch (error) {
    if (error instanceof KqlUnsupportedError) return error;
    throw error;
  }
  throw new Error(`expected KqlUnsupportedError for: ${kql}`);
}

describe('the host name of a URL, as the catalog’s network hunt extracts it', () => {
  test('trim_start, split, index 0 and tostring', async () => {
    const rows = await runKql(
      db,
      `${NETWORK}
| extend Host = trim_start(@'http[s]?://', RemoteUrl)
| extend Host = tostring(split(Host, '/')[0])
| extend Host = tostring(split(Host, ':')[0])
| project ReportId, Host`,
      tables,
      NOW,
    );
    expect(Object.fromEntries(rows.map((r) => [r.ReportId, r.Host]))).toEqual({
      1: 'relay.anydesk.com',
      2: 'teamviewer.com',
      3: '',
      4: '', // NULL is Kusto's ''
      5: 'HTTP', // the regular expression is case-sensitive, so 'HTTP://' stays
      6: 'a.b.c',
      7: 'https', // one leading match is trimmed
    });
  });
});

describe('split()', () => {
  test('parts between delimiters, empty parts kept; the empty string gives one empty part', async () => {
    const parts = await values(
      "datatable(S:string)['aa_bb', 'a__b', '', '_', 'aabbcc'] | project V = split(S, '_')",
    );
    expect(parts).toEqual([['aa', 'bb'], ['a', '', 'b'], [''], ['', ''], ['aabbcc']]);
    expect(await values("datatable(S:string)['aabbcc'] | project V = split(S, 'bb')")).toEqual([
      ['aa', 'cc'],
    ]);
  });

  test('a NULL string splits as the empty string', async () => {
    expect((await byId("split(RemoteUrl, '.')"))[4]).toEqual(['']);
  });

  test('with an index: an array of that part, or an empty array past the end', async () => {
    expect(await byId("split(RemoteUrl, '.', 1)")).toEqual({
      1: ['anydesk'],
      2: ['com'],
      3: [],
      4: [],
      5: ['example'],
      6: ['b'],
      7: ['com'],
    });
  });
});

describe('array indexing', () => {
  test('zero-based; negative counts from the end', async () => {
    expect(await byId("tostring(split(RemoteUrl, '.')[1])")).toMatchObject({
      1: 'anydesk',
      2: 'com',
      6: 'b',
    });
    expect(await byId("tostring(split(RemoteUrl, '.')[-1])")).toEqual({
      1: 'com:443/path',
      2: 'com',
      3: '',
      4: '',
      5: 'com/x',
      6: 'c',
      7: 'com',
    });
    expect(await byId("tostring(split(RemoteUrl, '.')[-2])")).toMatchObject({
      1: 'anydesk',
      2: 'teamviewer',
      3: '',
    });
  });

  test('out of range is null, and tostring of null is the empty string', async () => {
    expect(await byId("isnull(split(RemoteUrl, '.')[3])")).toEqual({
      1: true,
      2: true,
      3: true,
      4: true,
      5: true,
      6: true,
      7: true,
    });
    expect(await byId("isnull(split(RemoteUrl, '.')[0])")).toMatchObject({ 1: false, 3: false, 4: false });
    expect(await byId("isnull(split(RemoteUrl, '.')[-3])")).toMatchObject({ 1: false, 2: true, 6: false });
    expect(Object.values(await byId("tostring(split(RemoteUrl, '.')[9])"))).toEqual([
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  test('a computed index', async () => {
    expect(await byId("tostring(split('a.b.c', '.')[ReportId - 5])")).toEqual({
      1: '',
      2: 'a',
      3: 'b',
      4: 'c',
      5: 'a',
      6: 'b',
      7: 'c',
    });
  });

  test('an array kept in a column can be indexed later', async () => {
    const kql = `${NETWORK}\n| extend Parts = split(RemoteUrl, '.')\n| project ReportId, V = tostring(Parts[0])`;
    const rows = await runKql(db, kql, tables, NOW);
    expect(rows.find((r) => r.ReportId === 6)?.V).toBe('http://a');
  });
});

describe('tostring()', () => {
  test('longs, bools and strings; null of any type is the empty string', async () => {
    expect(await byId('tostring(RemotePort)')).toMatchObject({ 1: '100', 4: '' });
    expect(await byId('tostring(RemotePort > 300)')).toMatchObject({ 1: 'false', 4: '', 5: 'true' });
    expect(await byId('tostring(RemoteUrl)')).toMatchObject({ 2: 'teamviewer.com', 3: '', 4: '' });
    expect(await values("datatable(S:string)['x'] | project V = tostring(long(null))")).toEqual(['']);
  });

  test('reals, datetimes and arrays are refused rather than formatted differently from Kusto', () => {
    expect(unsupported(`${NETWORK} | extend V = tostring(1.5)`).construct).toBe('tostring() of real');
    expect(unsupported(`${NETWORK} | extend V = tostring(Timestamp)`).construct).toBe(
      'tostring() of datetime',
    );
    expect(unsupported(`${NETWORK} | extend V = tostring(split(RemoteUrl, '.'))`).construct).toBe(
      'tostring() of an array',
    );
  });
});

describe('trim_start(), trim_end() and trim()', () => {
  test('one match of the regular expression at the start, the end, or both', async () => {
    const rows = await runKql(
      db,
      `datatable(S:string)['--https://example.com/a/b--', '- Te st1// $', '']
| project A = trim_start(@'[^\\w]+', S), B = trim_end(@'/[^/]*', S), C = trim('--', S), D = trim(@'[^\\w]+', S)`,
      tables,
      NOW,
    );
    expect(rows).toEqual([
      {
        A: 'https://example.com/a/b--',
        B: '--https://example.com/a',
        C: 'https://example.com/a/b',
        D: 'https://example.com/a/b',
      },
      { A: 'Te st1// $', B: '- Te st1/', C: '- Te st1// $', D: 'Te st1' },
      { A: '', B: '', C: '', D: '' },
    ]);
  });

  test('a plain string is a regular expression too; no match leaves the source as it is', async () => {
    expect(await byId("trim_start('https://', RemoteUrl)")).toMatchObject({
      1: 'relay.anydesk.com:443/path',
      2: 'teamviewer.com',
      4: '',
    });
  });

  test('a regular expression that is not a constant, or whose groups do not balance, is refused', () => {
    // Kusto's analysis requires the constant.
    expect(() =>
      translateKql(`${NETWORK} | extend V = trim_start(RemoteUrl, RemoteUrl)`, { now: NOW, tables }),
    ).toThrow(/must be a constant/);
    expect(() =>
      translateKql(`${NETWORK} | extend V = trim_start('a)|(b', RemoteUrl)`, { now: NOW, tables }),
    ).toThrow(KqlSemanticError);
  });
});

describe('tolower() and toupper()', () => {
  test('fold as DuckDB lower() and upper() do; a null string stays empty to the operators', async () => {
    expect(await byId('tolower(RemoteUrl)')).toMatchObject({ 5: 'http://upper.example.com/x', 4: '' });
    expect((await byId('toupper(RemoteUrl)'))[2]).toBe('TEAMVIEWER.COM');
    const rows = await runKql(
      db,
      `${NETWORK}\n| where tolower(RemoteUrl) matches regex '^http://upper' or isempty(tolower(RemoteUrl))\n| project ReportId`,
      tables,
      NOW,
    );
    expect(rows.map((r) => r.ReportId).sort()).toEqual([3, 4, 5]);
  });

  test('refuse what is not a string', () => {
    expect(() => translateKql(`${NETWORK} | project V = tolower(RemotePort)`, { now: NOW, tables })).toThrow(
      KqlSemanticError,
    );
  });
});
