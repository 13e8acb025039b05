// Checks loading exported DeviceProcessEvents files: round trips per format, and refusals that say why.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { generateDemoData } from './demo-generator';
import { fileFormatOf, loadTelemetryFiles, TelemetryFileError } from './file-import';
import { createTableSql, sqlString } from './schema';

let dir: string;
let source: DuckDBInstance;
let src: DuckDBConnection;
const instances: DuckDBInstance[] = [];

const SAMPLE = 'SELECT * FROM DeviceProcessEvents ORDER BY "Timestamp", DeviceId, ReportId LIMIT 300';

async function digest(connection: DuckDBConnection, relation: string): Promise<string> {
  const [row] = (
    await connection.runAndReadAll(`SELECT count(*), sum(hash(t)::HUGEINT) FROM (${relation}) t`)
  ).getRowsJS();
  return `${row?.[0]}:${row?.[1]}`;
}

async function freshTarget(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  instances.push(instance);
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run(createTableSql());
  return connection;
}

async function load(...files: string[]) {
  const connection = await freshTarget();
  const loaded = await loadTelemetryFiles(connection, files);
  return { connection, loaded };
}

async function loadError(...files: string[]): Promise<TelemetryFileError> {
  const connection = await freshTarget();
  const error = await loadTelemetryFiles(connection, files).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TelemetryFileError);
  return error as TelemetryFileError;
}

/** Writes a CSV whose rows are all the sample's first row, with some cells replaced. */
async function csvWith(
  name: string,
  overrides: Record<string, string>,
  drop: string[] = [],
): Promise<string> {
  const [first] = (await src.runAndReadAll(`SELECT * FROM (${SAMPLE}) LIMIT 1`)).getRowObjectsJson();
  const columns = deviceProcessEvents.columns.map((c) => c.name).filter((c) => !drop.includes(c));
  const cell = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  const line = (o: Record<string, string>) => columns.map((c) => cell(o[c] ?? first?.[c])).join(',');
  const file = path.join(dir, name);
  await writeFile(file, `${columns.join(',')}\n${line({})}\n${line(overrides)}\n`);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-files-'));
  source = await DuckDBInstance.create(':memory:');
  src = await source.connect();
  await src.run("SET TimeZone = 'UTC'");
  await generateDemoData(src, {
    seed: 3,
    devices: 30,
    events: 10_000,
    now: new Date('2026-11-28T10:15:00Z'),
  });
  const out = (name: string) => sqlString(path.join(dir, name));
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
});

afterAll(async () => {
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

describe('loadTelemetryFiles', () => {
  it.each(['events.csv', 'events.jsonl', 'events.json', 'events.parquet', 'sentinel.csv'])(
    'loads %s with every value intact',
    async (name) => {
      const { connection, loaded } = await load(path.join(dir, name));
      expect(loaded).toEqual([{ file: path.join(dir, name), rows: 300 }]);
      expect(await digest(connection, 'SELECT * FROM DeviceProcessEvents')).toBe(await digest(src, SAMPLE));
    },
  );

  it('appends several files, of different formats', async () => {
    const { connection, loaded } = await load(path.join(dir, 'events.csv'), path.join(dir, 'more.parquet'));
    expect(loaded.map((l) => l.rows)).toEqual([300, 50]);
    const [row] = (await connection.runAndReadAll('SELECT count(*) FROM DeviceProcessEvents')).getRowsJS();
    expect(Number(row?.[0])).toBe(350);
  });

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
    const { connection } = await load(file);
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

  it('stores absent strings as empty and absent numbers and datetimes as NULL', async () => {
    const file = await csvWith('blanks.csv', {
      AccountUpn: '',
      FileSize: '',
      InitiatingProcessParentCreationTime: '',
    });
    const { connection } = await load(file);
    const rows = (
      await connection.runAndReadAll(
        'SELECT AccountUpn, FileSize, InitiatingProcessParentCreationTime FROM DeviceProcessEvents ORDER BY FileSize NULLS LAST',
      )
    ).getRowsJS();
    expect(rows[1]).toEqual(['', null, null]);
    expect(rows[0]?.[1]).not.toBeNull();
  });

  it('accepts headers in another case and with the portal\'s " [UTC]" suffix', async () => {
    const file = path.join(dir, 'headers.csv');
    const text = await readFile(path.join(dir, 'events.csv'), 'utf8');
    await writeFile(file, text.replace(/^Timestamp,DeviceId/, 'Timestamp [UTC],deviceid'));
    const { connection } = await load(file);
    expect(await digest(connection, 'SELECT * FROM DeviceProcessEvents')).toBe(await digest(src, SAMPLE));
  });

  it('names the file and every missing column', async () => {
    const file = await csvWith('missing.csv', {}, ['ReportId', 'SHA256']);
    const error = await loadError(file);
    expect(error.problems).toEqual([{ file, missingColumns: ['SHA256', 'ReportId'], badColumns: [] }]);
    expect(error.message).toContain(file);
    expect(error.message).toContain('missing columns SHA256, ReportId');
  });

  it('names the file, column, expected type and a bad value when values are mistyped', async () => {
    const file = await csvWith('mistyped.csv', {
      Timestamp: 'yesterday',
      ReportId: '12.5',
      ProcessId: '1e3',
    });
    const error = await loadError(file);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.badColumns).toEqual([
      { column: 'Timestamp', expected: 'datetime', sample: 'yesterday', count: 1 },
      { column: 'ProcessId', expected: 'long', sample: '1e3', count: 1 },
      { column: 'ReportId', expected: 'long', sample: '12.5', count: 1 },
    ]);
    expect(error.message).toMatch(/mistyped\.csv: column Timestamp must be datetime .* e\.g\. "yesterday"/);
    expect(error.message).toContain('column ReportId must be long (a whole number)');
  });

  it('refuses mistyped Parquet columns too', async () => {
    const file = path.join(dir, 'mistyped.parquet');
    await src.run(
      `COPY (SELECT * REPLACE (ReportId / 3 AS ReportId, 'soon' AS "Timestamp") FROM (${SAMPLE}) LIMIT 5) TO ${sqlString(file)} (FORMAT PARQUET)`,
    );
    const error = await loadError(file);
    expect(error.problems[0]?.badColumns.map((b) => [b.column, b.expected])).toEqual([
      ['Timestamp', 'datetime'],
      ['ReportId', 'long'],
    ]);
  });

  it('reports every bad file before loading any', async () => {
    const good = path.join(dir, 'events.csv');
    const missing = path.join(dir, 'nope.csv');
    const unsupported = path.join(dir, 'events.xlsx');
    await writeFile(unsupported, 'not really');
    const connection = await freshTarget();
    const error = await loadTelemetryFiles(connection, [good, missing, unsupported]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelemetryFileError);
    expect((error as TelemetryFileError).problems.map((p) => [p.file, p.unreadable])).toEqual([
      [missing, 'file not found'],
      [unsupported, expect.stringContaining('unsupported file type')],
    ]);
    const [row] = (await connection.runAndReadAll('SELECT count(*) FROM DeviceProcessEvents')).getRowsJS();
    expect(Number(row?.[0])).toBe(0);
  });

  it('says so when a file is not what its extension claims', async () => {
    const file = path.join(dir, 'broken.parquet');
    await writeFile(file, 'this is not parquet');
    const error = await loadError(file);
    expect(error.problems[0]?.unreadable).toMatch(/cannot be read as PARQUET/);
  });
});

describe('loadTelemetryFiles edge cases', () => {
  it('accepts whole numbers written with a sign or a zero fraction', async () => {
    const file = await csvWith('numbers.csv', { ReportId: '+77', FileSize: '1024.0' });
    const { connection } = await load(file);
    const rows = (
      await connection.runAndReadAll(
        'SELECT ReportId, FileSize FROM DeviceProcessEvents ORDER BY ReportId DESC',
      )
    ).getRowsJS();
    expect(rows[0]).toEqual([77n, 1024n]);
  });

  it('refuses an empty file list with a message that says what to pass', async () => {
    const connection = await freshTarget();
    await expect(loadTelemetryFiles(connection, [])).rejects.toThrow(/no files given/);
  });
});
