// Checks the store's lifecycle: demo file generation and reuse, atomic replacement, locking, read-only
// sharing between processes, files mode, the per-process cache, and queries.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { TABLES } from '@/lib/tables/registry';
import { DemoDatabaseError, ensureDemoDatabase, readDemoParameters } from './demo-database';
import { generateDemoData } from './demo-generator';
import { TelemetryFileError } from './file-import';
import { kustoTypeOf } from './query-result';
import { createTelemetryStore, openTelemetryStore, type TelemetryStore } from './telemetry-store';

const run = promisify(execFile);
const NOW = new Date('2026-11-28T00:00:00Z');
const TINY = { seed: 1, devices: 40, events: 10_000, now: NOW };
const REPO = path.resolve(import.meta.dirname, '../../..');

let dir: string;
const stores: TelemetryStore[] = [];

async function store(options: Parameters<typeof createTelemetryStore>[0]) {
  const s = await createTelemetryStore(options);
  stores.push(s);
  return s;
}

async function digest(s: TelemetryStore): Promise<string> {
  const { rows } = await s.query(
    'SELECT count(*) AS n, sum(hash(e)::HUGEINT) AS h FROM DeviceProcessEvents e',
  );
  return `${rows[0]?.n}:${rows[0]?.h}`;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-store-'));
});

afterAll(async () => {
  for (const s of stores) await s.close();
  await rm(dir, { recursive: true, force: true });
});

describe('demo mode', () => {
  it('generates the file on first open, then serves it read-only with DuckDB and Kusto column types', async () => {
    const file = path.join(dir, 'first', 'demo.duckdb');
    const s = await store({ mode: 'demo', file, ...TINY });
    const description = s.describe();
    expect(description).toMatchObject({ mode: 'demo', label: 'embedded (demo data)' });
    // The requested events are the process table's; the network and signer tables come on top.
    const counts = await s.query(
      'SELECT (SELECT count(*) FROM DeviceProcessEvents) AS process, (SELECT count(*) FROM DeviceNetworkEvents) AS network, (SELECT count(*) FROM DeviceFileCertificateInfo) AS signer',
    );
    const { process, network, signer } = counts.rows[0] ?? {};
    expect(Number(process)).toBe(10_000);
    expect(Number(network)).toBeGreaterThan(0);
    expect(Number(signer)).toBeGreaterThan(0);
    expect(description.rowCount).toBe(Number(process) + Number(network) + Number(signer));
    expect(description.demo).toMatchObject({ seed: 1, devices: 40, events: 10_000, now: NOW, file });
    expect(description.dataRange?.end.getTime()).toBeLessThan(NOW.getTime());
    expect(description.dataRange?.start.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 30 * 86_400_000);

    const result = await s.query('SELECT * FROM DeviceProcessEvents LIMIT 3');
    expect(result.columns.map((c) => [c.name, c.kustoType])).toEqual(
      deviceProcessEvents.columns.map((c) => [c.name, c.type]),
    );
    expect(result.columns[0]).toEqual({ name: 'Timestamp', duckdbType: 'TIMESTAMP', kustoType: 'datetime' });
    expect(result.rows[0]?.Timestamp).toBeInstanceOf(Date);
    expect(typeof result.rows[0]?.ReportId).toBe('bigint');

    await expect(s.query(`DELETE FROM DeviceProcessEvents`)).rejects.toThrow(/read-only/i);
    expect((await readdir(path.dirname(file))).sort()).toEqual(['demo.duckdb']);
  });

  it('reuses a file made from the same parameters and replaces one made from others', async () => {
    const file = path.join(dir, 'reuse', 'demo.duckdb');
    const first = await ensureDemoDatabase({ file, ...TINY });
    const inode = (await stat(file)).ino;
    const again = await ensureDemoDatabase({ file, ...TINY });
    expect([first.generated, again.generated]).toEqual([true, false]);
    expect((await stat(file)).ino).toBe(inode);

    const reseeded = await ensureDemoDatabase({ file, ...TINY, seed: 2 });
    expect(reseeded.generated).toBe(true);
    expect((await stat(file)).ino).not.toBe(inode);
    expect((await readDemoParameters(file))?.seed).toBe(2);
    // Generates the demo file twice: what is measured is whether it generates, so it gets the time for both.
  }, 180_000);

  it('has every registry table, and generates again a file that lacks one (a table added since)', async () => {
    const file = path.join(dir, 'tables', 'demo.duckdb');
    await ensureDemoDatabase({ file, ...TINY });
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    for (const t of TABLES) {
      const described = (await connection.runAndReadAll(`DESCRIBE ${t.name}`)).getRowsJS();
      expect(described.map((row) => row[0])).toEqual(t.columns.map((c) => c.name));
    }
    await connection.run('DROP TABLE DeviceFileCertificateInfo');
    connection.closeSync();
    instance.closeSync();
    expect(await readDemoParameters(file)).toBeUndefined();
    expect((await ensureDemoDatabase({ file, ...TINY })).generated).toBe(true);
    expect(await readDemoParameters(file)).toMatchObject({ seed: 1 });
  });

  it('swaps the file atomically: open readers keep the old data, pollers only ever see a whole file', async () => {
    const file = path.join(dir, 'swap', 'demo.duckdb');
    const old = await store({ mode: 'demo', file, ...TINY });
    const before = await digest(old);

    let polling = true;
    const seen: (number | undefined)[] = [];
    const poller = (async () => {
      while (polling) seen.push((await readDemoParameters(file))?.seed);
    })();
    await ensureDemoDatabase({ file, ...TINY, seed: 9 });
    polling = false;
    await poller;

    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((seed) => seed === 1 || seed === 9)).toBe(true);
    expect(await digest(old)).toBe(before);
    const fresh = await store({ mode: 'demo', file, ...TINY, seed: 9 });
    expect(fresh.describe().demo?.seed).toBe(9);
    expect(await digest(fresh)).not.toBe(before);
    expect((await readdir(path.dirname(file))).sort()).toEqual(['demo.duckdb']);
  });

  it('generates once when two openers start together', async () => {
    const file = path.join(dir, 'race', 'demo.duckdb');
    const results = await Promise.all([
      ensureDemoDatabase({ file, ...TINY }),
      ensureDemoDatabase({ file, ...TINY }),
    ]);
    expect(results.map((r) => r.generated).sort()).toEqual([false, true]);
    expect((await readdir(path.dirname(file))).sort()).toEqual(['demo.duckdb']);
  });

  it('generates once when two processes start together', async () => {
    const file = path.join(dir, 'processes', 'demo.duckdb');
    const script = path.join(dir, 'ensure.mts');
    await writeFile(
      script,
      `import { ensureDemoDatabase } from ${JSON.stringify(path.join(REPO, 'lib/sources/embedded/demo-database.ts'))};
const r = await ensureDemoDatabase({ file: ${JSON.stringify(file)}, seed: 1, devices: 40, events: 10_000, now: new Date(${NOW.getTime()}) });
console.log(JSON.stringify({ generated: r.generated }));`,
    );
    const tsx = path.join(REPO, 'node_modules/.bin/tsx');
    // react-server resolves the server-only marker to its empty module, as Next.js does on the server.
    const spawnOne = () => run(tsx, ['--conditions=react-server', script], { cwd: REPO });
    const outputs = await Promise.all([spawnOne(), spawnOne()]);
    const generated = outputs.map((o) => JSON.parse(o.stdout.trim().split('\n').pop() ?? '{}').generated);
    expect(generated.sort()).toEqual([false, true]);
    expect((await readdir(path.dirname(file))).sort()).toEqual(['demo.duckdb']);
  }, 120_000);

  it('lets another process read the file while the store has it open', async () => {
    const file = path.join(dir, 'shared', 'demo.duckdb');
    await store({ mode: 'demo', file, ...TINY });
    await store({ mode: 'demo', file, ...TINY });
    const reader = `
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const db = await DuckDBInstance.create(${JSON.stringify(file)}, { access_mode: 'READ_ONLY' });
  const c = await db.connect();
  const r = await c.runAndReadAll('SELECT count(*) FROM DeviceProcessEvents');
  console.log(String(r.getRowsJS()[0][0]));
})();`;
    const { stdout } = await run(process.execPath, ['-e', reader], { cwd: REPO });
    expect(stdout.trim()).toBe('10000');
  });

  it('clears a lock left by a process that died, and waits for a live one', async () => {
    const file = path.join(dir, 'locks', 'demo.duckdb');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 2_147_483_646, host: hostname() }));
    expect((await ensureDemoDatabase({ file, ...TINY })).generated).toBe(true);

    await writeFile(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname() }));
    await expect(ensureDemoDatabase({ file, ...TINY, seed: 5, lockTimeoutMs: 300 })).rejects.toThrow(
      DemoDatabaseError,
    );
    await rm(`${file}.lock`);
    expect((await readDemoParameters(file))?.seed).toBe(1);
  });

  it('removes temporary files left by a generator that died', async () => {
    const file = path.join(dir, 'abandoned', 'demo.duckdb');
    await mkdir(path.dirname(file), { recursive: true });
    const leftover = `${file}.2147483646.0b6f3a52-6f1e-4c39-9a55-3c1f0d2f8e11.tmp`;
    await writeFile(leftover, 'half a database');
    await writeFile(`${leftover}.wal`, 'its log');
    await ensureDemoDatabase({ file, ...TINY });
    expect((await readdir(path.dirname(file))).sort()).toEqual(['demo.duckdb']);
  });

  it('replaces a file that is not a demo database', async () => {
    const file = path.join(dir, 'foreign.duckdb');
    await writeFile(file, 'not a database');
    expect((await ensureDemoDatabase({ file, ...TINY })).generated).toBe(true);
    expect((await readDemoParameters(file))?.events).toBe(10_000);
  });
});

describe('queries', () => {
  let s: TelemetryStore;
  beforeAll(async () => {
    s = await store({ mode: 'demo', file: path.join(dir, 'queries', 'demo.duckdb'), ...TINY });
  });

  it('binds positional and named parameters, dates as timestamps', async () => {
    const positional = await s.query(
      'SELECT count(*) AS n FROM DeviceProcessEvents WHERE "Timestamp" >= $1 AND FileName = $2',
      { params: [new Date(NOW.getTime() - 86_400_000), 'svchost.exe'] },
    );
    const named = await s.query(
      'SELECT count(*) AS n FROM DeviceProcessEvents WHERE "Timestamp" >= $since AND FileName = $name',
      { params: { since: new Date(NOW.getTime() - 86_400_000), name: 'svchost.exe' } },
    );
    expect(Number(positional.rows[0]?.n)).toBeGreaterThan(0);
    expect(named.rows).toEqual(positional.rows);
  });

  it('runs in UTC whatever the machine says', async () => {
    const { rows } = await s.query(
      `SELECT current_setting('TimeZone') AS tz, CAST(TIMESTAMPTZ '2026-11-28 12:00:00+02:00' AS TIMESTAMP) AS t`,
    );
    expect(rows[0]).toEqual({ tz: 'UTC', t: new Date('2026-11-28T10:00:00Z') });
  });

  it('stops a query when its signal aborts, with the signal reason', async () => {
    const controller = new AbortController();
    const slow = s.query('SELECT sum(hash(i)) FROM range(20000000000) t(i)', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 100);
    await expect(slow).rejects.toThrow('user cancelled');
    await expect(s.query('SELECT 1', { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow(
      'too late',
    );
    expect((await s.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('stops a query whose signal aborts while its connection is still opening', async () => {
    const controller = new AbortController();
    const endless = s.query('SELECT sum(hash(i)) FROM range(20000000000) t(i)', {
      signal: controller.signal,
    });
    controller.abort(new Error('left at once'));
    await expect(endless).rejects.toThrow('left at once');
  });

  it('maps every column type of the table to its Kusto type', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await generateDemoData(connection, TINY);
    const reader = await connection.runAndReadAll('SELECT * FROM DeviceProcessEvents LIMIT 0');
    expect(reader.columnTypes().map(kustoTypeOf)).toEqual(deviceProcessEvents.columns.map((c) => c.type));
    connection.closeSync();
    instance.closeSync();
  });
});

describe('files mode', () => {
  let csv: string;
  beforeAll(async () => {
    csv = path.join(dir, 'events.csv');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await generateDemoData(connection, TINY);
    await connection.run(`COPY (SELECT * FROM DeviceProcessEvents LIMIT 120) TO '${csv}' (HEADER)`);
    connection.closeSync();
    instance.closeSync();
  });

  it('reads the files in place, describes them and checks the columns a query reads', async () => {
    const s = await store({ mode: 'files', files: [csv] });
    expect(s.describe()).toMatchObject({ mode: 'files', label: 'embedded (events.csv)' });
    expect(s.describe().files).toEqual([{ file: csv, format: 'csv', table: 'DeviceProcessEvents' }]);
    const { rows } = await s.query('SELECT count(*) AS n FROM DeviceProcessEvents', {
      reads: { DeviceProcessEvents: [] },
    });
    expect(Number(rows[0]?.n)).toBe(120);
  });

  it('has every registry table, empty where the files bring no rows', async () => {
    const s = await store({ mode: 'files', files: [csv] });
    for (const t of TABLES.filter((t) => t.name !== 'DeviceProcessEvents')) {
      const { rows, columns } = await s.query(`SELECT * FROM ${t.name}`);
      expect(rows).toEqual([]);
      expect(columns.map((c) => [c.name, c.kustoType])).toEqual(t.columns.map((c) => [c.name, c.type]));
    }
  });

  it('rejects files whose table it cannot tell with the file error, and does not cache the failure', async () => {
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'Timestamp,DeviceId\n2026-11-28T10:00:00Z,abc\n');
    await expect(openTelemetryStore({ mode: 'files', files: [bad] })).rejects.toThrow(TelemetryFileError);
    await writeFile(bad, await readFile(csv, 'utf8'));
    const s = await openTelemetryStore({ mode: 'files', files: [bad] });
    stores.push(s);
    expect(s.describe().files?.map((f) => f.table)).toEqual(['DeviceProcessEvents']);
  });
});

describe('openTelemetryStore', () => {
  it('opens one store per file and options, reopens after close, and swaps when parameters change', async () => {
    const file = path.join(dir, 'cached', 'demo.duckdb');
    const [a, b] = await Promise.all([
      openTelemetryStore({ mode: 'demo', file, ...TINY }),
      openTelemetryStore({ mode: 'demo', file: path.join(dir, 'cached', '.', 'demo.duckdb'), ...TINY }),
    ]);
    expect(a).toBe(b);

    const reseeded = await openTelemetryStore({ mode: 'demo', file, ...TINY, seed: 4 });
    stores.push(reseeded);
    expect(reseeded).not.toBe(a);
    await expect(a.query('SELECT 1')).rejects.toThrow(/closed/);
    expect(reseeded.describe().demo?.seed).toBe(4);

    await reseeded.close();
    const reopened = await openTelemetryStore({ mode: 'demo', file, ...TINY, seed: 4 });
    stores.push(reopened);
    expect(reopened).not.toBe(reseeded);
    expect((await reopened.query('SELECT count(*) AS n FROM DeviceProcessEvents')).rows[0]?.n).toBe(10_000n);
  });
});
