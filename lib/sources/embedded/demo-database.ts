// The demo DuckDB file on disk: generated once per parameter set into a temporary file, renamed into place
// atomically, and guarded by a lock file so that a web server and a CLI starting together generate it once.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import {
  type DuckDBConnection,
  DuckDBInstance,
  version as duckDbLibraryVersion,
  timestampValue,
} from '@duckdb/node-api';
import { TABLES } from '@/lib/tables/registry';
import {
  DEMO_GENERATOR_VERSION,
  type DemoDataOptions,
  generateDemoData,
  validateDemoOptions,
} from './demo-generator';
import { createRegistryTablesSql, duckDbType, quoteIdent, sqlString } from './schema';

export const DEMO_INFO_TABLE = 'HuntboardDemoInfo';

/** What a demo file was generated from; a file is reused only when all of it matches. */
export interface DemoParameters {
  seed: number;
  devices: number;
  events: number;
  now: Date;
  generatorVersion: number;
  /** DuckDB's hash() feeds the generator, so another engine version may give other rows. */
  engineVersion: string;
}

export interface DemoDatabaseOptions extends DemoDataOptions {
  file: string;
  /** How long to wait for another process's generation before giving up. */
  lockTimeoutMs?: number;
}

export interface EnsuredDemoDatabase {
  file: string;
  parameters: DemoParameters;
  /** False when an existing file already matched. */
  generated: boolean;
  elapsedMs: number;
}

export class DemoDatabaseError extends Error {
  override name = 'DemoDatabaseError';
}

const LOCK_POLL_MS = 200;
/** A lock older than this is abandoned even if its process id happens to be alive again. */
const LOCK_STALE_MS = 30 * 60_000;

/** The DuckDB library version, e.g. "v1.5.6". */
export function duckDbVersion(): string {
  return duckDbLibraryVersion();
}

function sameParameters(a: DemoParameters, b: DemoParameters): boolean {
  return (
    a.seed === b.seed &&
    a.devices === b.devices &&
    a.events === b.events &&
    a.now.getTime() === b.now.getTime() &&
    a.generatorVersion === b.generatorVersion &&
    a.engineVersion === b.engineVersion
  );
}

/** Every registry table is in the file with the registry's columns and types, in order. */
async function hasRegistryTables(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name, list(column_name || ' ' || data_type ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name IN (${TABLES.map((t) => sqlString(t.name)).join(', ')}) GROUP BY table_name`,
  );
  const found = new Map(reader.getRowsJS().map((row) => [String(row[0]), JSON.stringify(row[1])]));
  return TABLES.every(
    (t) => found.get(t.name) === JSON.stringify(t.columns.map((c) => `${c.name} ${duckDbType(c.type)}`)),
  );
}

/**
 * Reads a demo file's parameters; undefined when the file is missing, foreign or unreadable, or lacks a
 * registry table (a table added since it was generated), so that it is generated again.
 */
export async function readDemoParameters(file: string): Promise<DemoParameters | undefined> {
  try {
    await stat(file);
  } catch {
    return undefined;
  }
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        `SELECT seed, devices, events, epoch_ms(anchor), generator_version, engine_version FROM ${quoteIdent(DEMO_INFO_TABLE)}`,
      );
      const row = reader.getRowsJS()[0];
      if (!row || !(await hasRegistryTables(connection))) return undefined;
      return {
        seed: Number(row[0]),
        devices: Number(row[1]),
        events: Number(row[2]),
        now: new Date(Number(row[3])),
        generatorVersion: Number(row[4]),
        engineVersion: String(row[5]),
      };
    } finally {
      connection.closeSync();
    }
  } catch {
    return undefined;
  } finally {
    instance?.closeSync();
  }
}

async function generateDemoFile(file: string, options: DemoDataOptions, engineVersion: string) {
  const instance = await DuckDBInstance.create(file);
  try {
    const connection = await instance.connect();
    try {
      const summary = await generateDemoData(connection, options);
      // Every table a hunt may read exists, empty where the generator has no data for it yet.
      for (const sql of createRegistryTablesSql()) await connection.run(sql);
      await connection.run(
        `CREATE TABLE ${quoteIdent(DEMO_INFO_TABLE)} (seed BIGINT, devices BIGINT, events BIGINT, anchor TIMESTAMP, generator_version INTEGER, engine_version VARCHAR, labelled_events BIGINT, generation_ms BIGINT)`,
      );
      await connection.run(
        `INSERT INTO ${quoteIdent(DEMO_INFO_TABLE)} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          BigInt(options.seed),
          BigInt(options.devices),
          BigInt(options.events),
          timestampValue(BigInt(options.now.getTime()) * 1000n),
          DEMO_GENERATOR_VERSION,
          engineVersion,
          BigInt(summary.labelledEvents),
          BigInt(Math.round(summary.elapsedMs)),
        ],
      );
      // Fold the write-ahead log into the file: the file is renamed next and must stand on its own.
      await connection.run('CHECKPOINT');
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lockIsStale(lockFile: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lockFile, 'utf8'), stat(lockFile)]);
    if (Date.now() - info.mtimeMs > LOCK_STALE_MS) return true;
    const holder = JSON.parse(text) as { pid?: number; host?: string };
    return holder.host === hostname() && typeof holder.pid === 'number' && !processAlive(holder.pid);
  } catch {
    // Empty while its writer is still filling it in, or gone already: not ours to remove.
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds `${file}.lock` while `work` runs; waits for (or clears a dead) holder. */
async function withLock<T>(file: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const lockFile = `${file}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      try {
        await handle.writeFile(
          JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }),
        );
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await lockIsStale(lockFile)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new DemoDatabaseError(
          `Timed out waiting for ${lockFile}: another process is generating demo data. Remove the lock file if that process is gone.`,
        );
      }
      await sleep(LOCK_POLL_MS);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/** Temporary files of generators that died (killed mid-generation), found by the process id in their name. */
async function removeAbandonedTemporaries(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  const pattern = /^(\d+)\.[0-9a-f-]{36}\.tmp(\.wal)?$/;
  for (const name of await readdir(path.dirname(file))) {
    const pid = name.startsWith(prefix) ? pattern.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid))) {
      await rm(path.join(path.dirname(file), name), { force: true });
    }
  }
}

/**
 * Makes sure `file` holds demo data for exactly these options, generating it when the file is missing or was
 * made from other parameters. Readers that opened the previous file keep reading it until they reopen.
 */
export async function ensureDemoDatabase(options: DemoDatabaseOptions): Promise<EnsuredDemoDatabase> {
  validateDemoOptions(options);
  const started = performance.now();
  const file = path.resolve(options.file);
  const wanted: DemoParameters = {
    seed: options.seed,
    devices: options.devices,
    events: options.events,
    now: new Date(options.now.getTime()),
    generatorVersion: DEMO_GENERATOR_VERSION,
    engineVersion: duckDbVersion(),
  };
  const done = (generated: boolean): EnsuredDemoDatabase => ({
    file,
    parameters: wanted,
    generated,
    elapsedMs: performance.now() - started,
  });
  const current = await readDemoParameters(file);
  if (current && sameParameters(current, wanted)) return done(false);

  await mkdir(path.dirname(file), { recursive: true });
  return withLock(file, options.lockTimeoutMs ?? 10 * 60_000, async () => {
    // Another process may have finished while this one waited for the lock.
    const now = await readDemoParameters(file);
    if (now && sameParameters(now, wanted)) return done(false);

    await removeAbandonedTemporaries(file);
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await generateDemoFile(temporary, options, wanted.engineVersion);
      // A write-ahead log left by a crashed writer would be replayed into the new file: drop it first.
      await rm(`${file}.wal`, { force: true });
      await rename(temporary, file);
    } finally {
      await rm(temporary, { force: true });
      await rm(`${temporary}.wal`, { force: true });
    }
    return done(true);
  });
}
