// Exported events files read in place: round trips per format, the table each file holds (from its name or its
// columns), a file that has only the columns a hunt reads, and refusals that name file, column, type and value.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ColumnReads, columnsRead } from '@/lib/kql/columns-read';
import { SEED_QUERY } from '@/lib/kql/test-support';
import { translateKql } from '@/lib/kql/translate';
import { deviceNetworkEvents } from '@/lib/tables/device-network-events';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { tableSchemas } from '@/lib/tables/registry';
import { generateDemoData } from './demo-generator';
import {
  attachTelemetryFiles,
  fileFormatOf,
  TelemetryFileError,
  type TelemetryFiles,
  tablesMatchingColumns,
  tablesNamedBy,
} from './file-import';
import { sqlString } from './schema';
import { createTelemetryStore, type TelemetryStore } from './telemetry-store';

const NOW = new Date('2026-11-28T10:15:00Z');
const processColumns = deviceProcessEvents.columns.map((c) => c.name);
const SAMPLE = 'SELECT * FROM DeviceProcessEvents ORDER BY "Timestamp", DeviceId, ReportId LIMIT 300';
/** The seed hunt over the whole generated month: it finds the generated mRemoteNG devices. */
const HUNT = SEED_QUERY.replace('now(-5d)', 'now(-30d)');

let dir: string;
let source: DuckDBInstance;
let src: DuckDBConnection;
const instances: DuckDBInstance[] = [];
const stores: TelemetryStore[] = [];

async function digest(connection: DuckDBConnection, relation: string): Promise<string> {
  const [row] = (
    await connection.runAndReadAll(`SELECT count(*), sum(hash(t)::HUGEINT) FROM (${relation}) t`)
  ).getRowsJS();
  return `${row?.[0]}:${row?.[1]}`;
}

async function attach(
  ...files: string[]
): Promise<{ connection: DuckDBConnection; attached: TelemetryFiles }> {
  const instance = await DuckDBInstance.create(':memory:');
  instances.push(instance);
  const connection = await instance.connect();
  const attached = await attachTelemetryFiles(connection, files);
  return { connection, attached };
}

async function errorOf(promise: Promise<unknown>): Promise<TelemetryFileError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TelemetryFileError);
  return error as TelemetryFileError;
}

async function checkError(file: string, reads?: ColumnReads): Promise<TelemetryFileError> {
  const { connection, attached } = await attach(file);
  return errorOf(attached.check(connection, reads));
}

/** Runs KQL on a store of `files` as the embedded source does: translated, with the columns it reads checked. */
async function hunt(files: string[], kql = HUNT): Promise<Record<string, unknown>[]> {
  const store = await createTelemetryStore({ mode: 'files', files });
  stores.push(store);
  const sql = translateKql(kql, { now: NOW, tables: tableSchemas() });
  return (await store.query(sql, { reads: columnsRead(kql) })).rows;
}

const devicesOf = (rows: Record<string, unknown>[]) =>
  rows.map((r) => `${r.DeviceId}:${r.Count}`).sort((a, b) => a.localeCompare(b));

/** Writes a CSV whose rows are all the sample's first row, with some cells replaced. */
async function csvWith(
  name: string,
  overrides: Record<string, string>,
  drop: string[] = [],
): Promise<string> {
  const [first] = (await src.runAndReadAll(`SELECT * FROM (${SAMPLE}) LIMIT 1`)).getRowObjectsJson();
  const columns = processColumns.filter((c) => !drop.includes(c));
  const cell = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  const line = (o: Record<string, string>) => columns.map((c) => cell(o[c] ?? first?.[c])).join(',');
  const file = path.join(dir, name);
  await writeFile(file, `${columns.join(',')}\n${line({})}\n${line(overrides)}\n`);
  return file;
}

const out = (name: string) => sqlString(path.join(dir, name));
/** The columns the seed hunt reads, and nothing else. */
const HUNT_COLUMNS = 'Timestamp, DeviceId, DeviceName, ProcessVersionInfoProductName, ReportId';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-files-'));
  source = await DuckDBInstance.create(':memory:');
  src = await source.connect();
  await src.run("SET TimeZone = 'UTC'");
  await generateDemoData(src, { seed: 3, devices: 30, events: 10_000, now: NOW });
  await src.run(`COPY (${SAMPLE}) TO ${out('events.csv')} (HEADER)`);
  await src.run(`COPY (${SAMPLE}) TO ${out('events.jsonl')} (FORMAT JSON)`);
  await src.run(`COPY (${SAMPLE}) TO ${out('events.json')} (FORMAT JSON, ARRAY true)`);
  await src.run(`COPY (${SAMPLE}) TO ${out('events.parquet')} (FORMAT PARQUET)`);
  // Sentinel's copy of the table carries extra columns; they are ignored.
  await src.run(
    `COPY (SELECT "Timestamp" AS TimeGenerated, 'a1b2c3' AS TenantId, *, 'DeviceProcessEvents' AS Type FROM (${SAMPLE})) TO ${out('sentinel.csv')} (HEADER)`,
  );
  await src.run(
    `COPY (SELECT * FROM DeviceProcessEvents ORDER BY "Timestamp" DESC LIMIT 50) TO ${out('more.parquet')} (FORMAT PARQUET)`,
  );
  // The whole month, all columns and only the hunt's columns, in each format.
  await src.run(`COPY DeviceProcessEvents TO ${out('month.parquet')} (FORMAT PARQUET)`);
  await src.run(
    `COPY (SELECT ${HUNT_COLUMNS} FROM DeviceProcessEvents) TO ${out('narrow.parquet')} (FORMAT PARQUET)`,
  );
  await src.run(`COPY (SELECT ${HUNT_COLUMNS} FROM DeviceProcessEvents) TO ${out('narrow.csv')} (HEADER)`);
  await src.run(
    `COPY (SELECT ${HUNT_COLUMNS} FROM DeviceProcessEvents) TO ${out('narrow.jsonl')} (FORMAT JSON)`,
  );
});

afterAll(async () => {
  for (const store of stores) await store.close();
  for (const instance of instances) instance.closeSync();
  src.closeSync();
  source.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('fileFormatOf', () => {
  it('tells the format by extension, case-insensitively', () => {
    expect(fileFormatOf('a/b.CSV')).toBe('csv');
    expect(fileFormatOf('x.jsonl')).toBe('jsonl');
    expect(fileFormatOf('x.ndjson')).toBe('jsonl');
    expect(fileFormatOf('x.json')).toBe('json');
    expect(fileFormatOf('x.parquet')).toBe('parquet');
    expect(fileFormatOf('x.xlsx')).toBeUndefined();
  });
});

describe('the table a file holds', () => {
  const names = (file: string) => tablesNamedBy(file).map((t) => t.name);

  it('is the table its name names, as a whole word', () => {
    expect(names('/x/DeviceNetworkEvents.parquet')).toEqual(['DeviceNetworkEvents']);
    expect(names('DeviceProcessEvents-2026-11.csv')).toEqual(['DeviceProcessEvents']);
    expect(names('export_deviceprocessevents_part1.jsonl')).toEqual(['DeviceProcessEvents']);
    expect(names('DeviceProcessEventsArchive.csv')).toEqual([]);
    expect(names('events.csv')).toEqual([]);
    expect(names('DeviceProcessEvents+DeviceNetworkEvents.csv')).toEqual([
      'DeviceProcessEvents',
      'DeviceNetworkEvents',
    ]);
  });

  it('else the table whose columns its columns match best', () => {
    const matching = (columns: string[]) => tablesMatchingColumns(columns).map((t) => t.name);
    expect(matching(deviceNetworkEvents.columns.map((c) => c.name))).toEqual(['DeviceNetworkEvents']);
    expect(matching(['Timestamp [UTC]', 'DeviceId', 'FileName'])).toEqual(['DeviceProcessEvents']);
    expect(matching(['Timestamp', 'DeviceId', 'RemoteUrl'])).toEqual(['DeviceNetworkEvents']);
    expect(matching(['Timestamp', 'DeviceId', 'DeviceName'])).toEqual([
      'DeviceProcessEvents',
      'DeviceNetworkEvents',
      'DeviceFileCertificateInfo',
    ]);
    expect(matching(['colour'])).toEqual([]);
  });

  it('is reported per file when neither tells, asking for a name', async () => {
    const ambiguous = path.join(dir, 'devices.csv');
    await writeFile(ambiguous, 'Timestamp,DeviceId,DeviceName\n2026-11-28T10:00:00Z,d1,ws1\n');
    const unrelated = path.join(dir, 'colours.csv');
    await writeFile(unrelated, 'colour\nred\n');
    const error = await errorOf(attach(ambiguous, unrelated));
    expect(error.problems.map((p) => [p.file, p.unreadable])).toEqual([
      [
        ambiguous,
        'cannot tell which table it holds: its columns fit DeviceProcessEvents, DeviceNetworkEvents and DeviceFileCertificateInfo equally well; name the file after its table, e.g. DeviceProcessEvents.csv or DeviceProcessEvents-2026-11.csv',
      ],
      [
        unrelated,
        expect.stringMatching(/^cannot tell which table it holds: none of its columns is a column of/),
      ],
    ]);
    expect(error.message).toContain(`${ambiguous}: cannot tell which table it holds`);
  });

  it('comes from the name before the columns, and several files of a table are read as one', async () => {
    const named = path.join(dir, 'DeviceNetworkEvents-copy.csv');
    await writeFile(named, 'Timestamp,DeviceId,DeviceName\n2026-11-28T10:00:00Z,d1,ws1\n');
    const { connection, attached } = await attach(
      named,
      path.join(dir, 'events.csv'),
      path.join(dir, 'more.parquet'),
    );
    expect(attached.files.map((f) => [path.basename(f.file), f.format, f.table])).toEqual([
      ['DeviceNetworkEvents-copy.csv', 'csv', 'DeviceNetworkEvents'],
      ['events.csv', 'csv', 'DeviceProcessEvents'],
      ['more.parquet', 'parquet', 'DeviceProcessEvents'],
    ]);
    const counts = (
      await connection.runAndReadAll(
        'SELECT (SELECT count(*) FROM DeviceProcessEvents), (SELECT count(*) FROM DeviceNetworkEvents), (SELECT count(*) FROM DeviceFileCertificateInfo)',
      )
    ).getRowsJS()[0];
    expect(counts?.map(Number)).toEqual([350, 1, 0]);
  });
});

describe('reading files in place', () => {
  it.each(['events.csv', 'events.jsonl', 'events.json', 'events.parquet', 'sentinel.csv'])(
    'reads %s with every value intact',
    async (name) => {
      const { connection, attached } = await attach(path.join(dir, name));
      await attached.check(connection);
      expect(await digest(connection, 'SELECT * FROM DeviceProcessEvents')).toBe(await digest(src, SAMPLE));
    },
  );

  it('reads ISO 8601 with Z or an offset, space-separated and portal timestamps, all as UTC', async () => {
    const file = path.join(dir, 'times.jsonl');
    const base = (await src.runAndReadAll(`SELECT * FROM (${SAMPLE}) LIMIT 1`)).getRowObjectsJson()[0] ?? {};
    const times = [
      '2026-11-28T10:15:00Z',
      '2026-11-28 10:15:00.123',
      '2026-11-28T12:15:00+02:00',
      '2026-11-28T10:15:00.1234567Z',
      '11/28/2026, 10:15:00.500 AM',
    ];
    await writeFile(
      file,
      times.map((t, i) => JSON.stringify({ ...base, Timestamp: t, ReportId: i + 1 })).join('\n'),
    );
    const { connection, attached } = await attach(file);
    await attached.check(connection, { DeviceProcessEvents: ['Timestamp', 'ReportId'] });
    const got = (
      await connection.runAndReadAll(
        `SELECT strftime("Timestamp", '%Y-%m-%dT%H:%M:%S.%f') FROM DeviceProcessEvents ORDER BY ReportId`,
      )
    )
      .getRowsJS()
      .map((r) => r[0]);
    expect(got).toEqual([
      '2026-11-28T10:15:00.000000',
      '2026-11-28T10:15:00.123000',
      '2026-11-28T10:15:00.000000',
      '2026-11-28T10:15:00.123456',
      '2026-11-28T10:15:00.500000',
    ]);
  });

  it('reads absent strings as empty and absent numbers and datetimes as null', async () => {
    const file = await csvWith('blanks.csv', {
      AccountUpn: '',
      FileSize: '',
      InitiatingProcessParentCreationTime: '',
    });
    const rows = await hunt(
      [file],
      'DeviceProcessEvents | project AccountUpn, FileSize, InitiatingProcessParentCreationTime | order by FileSize asc nulls first',
    );
    expect(rows[0]).toEqual({ AccountUpn: '', FileSize: null, InitiatingProcessParentCreationTime: null });
    expect(rows[1]?.FileSize).not.toBeNull();
  });

  it('accepts headers in another case and with the portal\'s " [UTC]" suffix', async () => {
    const file = path.join(dir, 'headers.csv');
    const text = await readFile(path.join(dir, 'events.csv'), 'utf8');
    await writeFile(file, text.replace(/^Timestamp,DeviceId/, 'Timestamp [UTC],deviceid'));
    const { connection, attached } = await attach(file);
    await attached.check(connection);
    expect(await digest(connection, 'SELECT * FROM DeviceProcessEvents')).toBe(await digest(src, SAMPLE));
  });

  it('accepts whole numbers written with a sign or a zero fraction', async () => {
    const file = await csvWith('numbers.csv', { ReportId: '+77', FileSize: '1024.0' });
    const { connection, attached } = await attach(file);
    await attached.check(connection, { DeviceProcessEvents: ['ReportId', 'FileSize'] });
    const rows = (
      await connection.runAndReadAll(
        'SELECT ReportId, FileSize FROM DeviceProcessEvents ORDER BY ReportId DESC',
      )
    ).getRowsJS();
    expect(rows[0]).toEqual([77n, 1024n]);
  });
});

describe('a file with only the columns a hunt reads', () => {
  it.each(['narrow.parquet', 'narrow.csv', 'narrow.jsonl'])(
    '%s runs the seed hunt as the full export does',
    async (name) => {
      const full = devicesOf(await hunt([path.join(dir, 'month.parquet')]));
      expect(full.length).toBeGreaterThan(0);
      expect(devicesOf(await hunt([path.join(dir, name)]))).toEqual(full);
    },
  );

  it('is refused for a query that reads more, naming the file and the columns it lacks', async () => {
    const file = path.join(dir, 'narrow.parquet');
    const error = await errorOf(
      hunt(
        [file],
        "DeviceProcessEvents | where FileName =~ 'mRemoteNG.exe' | summarize count() by SHA256, DeviceId",
      ),
    );
    expect(error.problems).toEqual([{ file, missingColumns: ['FileName', 'SHA256'], badColumns: [] }]);
    expect(error.message).toContain(`${file}: missing columns FileName, SHA256, which the query reads`);
  });
});

describe('refusals', () => {
  it('names the file and every missing column the query reads, and only those', async () => {
    const file = await csvWith('missing.csv', {}, ['ReportId', 'SHA256']);
    const all = await checkError(file);
    expect(all.problems).toEqual([{ file, missingColumns: ['SHA256', 'ReportId'], badColumns: [] }]);
    expect(all.message).toContain(`${file}: missing columns SHA256, ReportId, which the query reads`);
    const one = await checkError(file, { DeviceProcessEvents: ['DeviceId', 'ReportId'] });
    expect(one.message).toContain(`${file}: missing column ReportId, which the query reads`);
    const { connection, attached } = await attach(file);
    await expect(
      attached.check(connection, { DeviceProcessEvents: ['DeviceId', 'FileName'] }),
    ).resolves.toBeUndefined();
    await expect(attached.check(connection, { DeviceNetworkEvents: ['RemoteUrl'] })).resolves.toBeUndefined();
  });

  it('names the file, column, expected type and a bad value in the columns the query reads', async () => {
    const file = await csvWith('mistyped.csv', {
      Timestamp: 'yesterday',
      ReportId: '12.5',
      ProcessId: '1e3',
    });
    const error = await checkError(file);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.badColumns).toEqual([
      { column: 'Timestamp', expected: 'datetime', sample: 'yesterday', count: 1 },
      { column: 'ProcessId', expected: 'long', sample: '1e3', count: 1 },
      { column: 'ReportId', expected: 'long', sample: '12.5', count: 1 },
    ]);
    expect(error.message).toMatch(/mistyped\.csv: column Timestamp must be datetime .* e\.g\. "yesterday"/);
    expect(error.message).toContain('column ReportId must be long (a whole number)');

    const hunted = await errorOf(hunt([file]));
    expect(hunted.problems[0]?.badColumns.map((b) => b.column)).toEqual(['Timestamp', 'ReportId']);
  });

  it('ignores a bad value in a column the query does not read', async () => {
    const file = await csvWith('unread-bad.csv', {
      ProcessId: 'many',
      InitiatingProcessCreationTime: 'later',
    });
    const rows = await hunt([file], 'DeviceProcessEvents | summarize n = count() by DeviceId');
    expect(rows).toEqual([{ DeviceId: expect.any(String), n: 2n }]);
    await expect(hunt([file], 'DeviceProcessEvents | summarize max(ProcessId)')).rejects.toThrow(
      /column ProcessId must be long .* e\.g\. "many"/,
    );
  });

  it('refuses mistyped Parquet columns too', async () => {
    const file = path.join(dir, 'mistyped.parquet');
    await src.run(
      `COPY (SELECT * REPLACE (ReportId / 3 AS ReportId, 'soon' AS "Timestamp") FROM (${SAMPLE}) LIMIT 5) TO ${sqlString(file)} (FORMAT PARQUET)`,
    );
    const error = await checkError(file);
    expect(error.problems[0]?.badColumns.map((b) => [b.column, b.expected])).toEqual([
      ['Timestamp', 'datetime'],
      ['ReportId', 'long'],
    ]);
  });

  it('reports every unusable file at once', async () => {
    const good = path.join(dir, 'events.csv');
    const missing = path.join(dir, 'nope.csv');
    const unsupported = path.join(dir, 'events.xlsx');
    await writeFile(unsupported, 'not really');
    const error = await errorOf(attach(good, missing, unsupported));
    expect(error.problems.map((p) => [p.file, p.unreadable])).toEqual([
      [missing, 'file not found'],
      [unsupported, expect.stringContaining('unsupported file type')],
    ]);
  });

  it('says so when a file is not what its extension claims', async () => {
    const file = path.join(dir, 'broken.parquet');
    await writeFile(file, 'this is not parquet');
    const error = await errorOf(attach(file));
    expect(error.problems[0]?.unreadable).toMatch(/cannot be read as PARQUET/);
  });

  it('refuses an empty file list with a message that says what to pass', async () => {
    await expect(attach()).rejects.toThrow(/no files given/);
  });
});

describe('a network events file', () => {
  const rows = [
    [
      '2026-11-27T09:00:00Z',
      'dev-1',
      'ws-1',
      'ConnectionSuccess',
      'relay.anydesk.com',
      '443',
      'AnyDesk.exe',
      '11',
    ],
    [
      '2026-11-27T10:00:00Z',
      'dev-1',
      'ws-1',
      'ConnectionSuccess',
      'boot.net.anydesk.com',
      '443',
      'AnyDesk.exe',
      '12',
    ],
    [
      '2026-11-27T11:00:00Z',
      'dev-2',
      'ws-2',
      'ConnectionSuccess',
      'notanydesk.com.example',
      '443',
      'chrome.exe',
      '13',
    ],
    [
      '2026-11-27T12:00:00Z',
      'dev-3',
      'ws-3',
      'ConnectionSuccess',
      'www.example.org',
      '80',
      'chrome.exe',
      '14',
    ],
  ];
  const header =
    'Timestamp,DeviceId,DeviceName,ActionType,RemoteUrl,RemotePort,InitiatingProcessFileName,ReportId';
  const NETWORK_HUNT = `DeviceNetworkEvents
| where Timestamp > ago(5d)
| where RemoteUrl has_any ('anydesk.com')
| summarize FirstSeen=min(Timestamp), Count=count() by DeviceId, DeviceName, InitiatingProcessFileName`;

  it('runs a network hunt, whether the file is named after its table or only has its columns', async () => {
    const named = path.join(dir, 'DeviceNetworkEvents.csv');
    await writeFile(named, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const unnamed = path.join(dir, 'connections.jsonl');
    const keys = header.split(',');
    await writeFile(
      unnamed,
      rows.map((r) => JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, r[i]])))).join('\n'),
    );
    for (const file of [named, unnamed]) {
      expect(await hunt([file], NETWORK_HUNT)).toEqual([
        {
          DeviceId: 'dev-1',
          DeviceName: 'ws-1',
          InitiatingProcessFileName: 'AnyDesk.exe',
          FirstSeen: new Date('2026-11-27T09:00:00Z'),
          Count: 2n,
        },
      ]);
    }
  });

  it('beside a process file: each hunt reads its own table', async () => {
    const network = path.join(dir, 'DeviceNetworkEvents.csv');
    const process = path.join(dir, 'narrow.parquet');
    const counts = await hunt(
      [network, process],
      'DeviceNetworkEvents | summarize n = count() by RemotePort | order by RemotePort asc',
    );
    expect(counts).toEqual([
      { RemotePort: 80, n: 1n },
      { RemotePort: 443, n: 3n },
    ]);
    expect(devicesOf(await hunt([network, process]))).toEqual(devicesOf(await hunt([process])));
  });
});
