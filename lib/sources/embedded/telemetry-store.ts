// The embedded telemetry store for the app and the CLI: the Defender tables in DuckDB, either the generated
// demo file (opened read-only, so several processes can share it) or views over the user's exported files,
// read in place.
import 'server-only';
import path from 'node:path';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  TIMESTAMP,
  timestampValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { ColumnReads } from '@/lib/kql/columns-read';
import { TABLES } from '@/lib/tables/registry';
import { type DemoParameters, ensureDemoDatabase } from './demo-database';
import { DEMO_DEFAULTS } from './demo-generator';
import { type AttachedFile, attachTelemetryFiles, type TelemetryFiles } from './file-import';
import { type EmbeddedResult, readResult } from './query-result';
import { quoteIdent } from './schema';

export type TelemetryStoreOptions =
  | {
      mode: 'demo';
      /** The DuckDB file, e.g. data/demo.duckdb; generated when missing or made from other parameters. */
      file: string;
      seed?: number;
      devices?: number;
      events?: number;
      /** The end of the generated month; keep it stable (e.g. a whole hour) so that restarts reuse the file. */
      now: Date;
    }
  | {
      mode: 'files';
      /** CSV, JSON lines or Parquet exports of the Defender tables, each read where it lies. */
      files: readonly string[];
    };

export type SqlParam = string | number | bigint | boolean | Date | null;

export interface QueryOptions {
  /** Positional ($1, $2, ...) or named ($name) parameters. */
  params?: readonly SqlParam[] | Readonly<Record<string, SqlParam>>;
  /** Interrupts the query; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Files mode: the columns the query reads, checked in the files before it runs (TelemetryFileError when one
   * is missing or holds a value of the wrong type). Without it, every column is checked.
   */
  reads?: ColumnReads;
}

export interface TelemetryStoreDescription {
  mode: 'demo' | 'files';
  /** What the page shows, e.g. "embedded (demo data)". */
  label: string;
  /** Demo mode: DeviceProcessEvents' rows (files mode reads files only when a query asks). */
  rowCount?: number;
  /** Demo mode: earliest and latest Timestamp; null when there are no rows. */
  dataRange?: { start: Date; end: Date } | null;
  /** Demo mode: what the file was generated from. */
  demo?: DemoParameters & { file: string };
  /** Files mode: the files and the table each holds. */
  files?: readonly AttachedFile[];
}

export interface TelemetryStore {
  readonly mode: 'demo' | 'files';
  /** Runs one SQL statement on a connection of its own, so queries may run side by side. */
  query(sql: string, options?: QueryOptions): Promise<EmbeddedResult>;
  describe(): TelemetryStoreDescription;
  close(): Promise<void>;
}

function bindParams(params: QueryOptions['params']): {
  values: DuckDBValue[] | Record<string, DuckDBValue>;
  types: DuckDBType[] | Record<string, DuckDBType>;
} {
  const convert = (value: SqlParam): [DuckDBValue, DuckDBType] => {
    if (value instanceof Date) return [timestampValue(BigInt(value.getTime()) * 1000n), TIMESTAMP];
    if (typeof value === 'bigint') return [value, BIGINT];
    if (typeof value === 'number') return Number.isInteger(value) ? [BigInt(value), BIGINT] : [value, DOUBLE];
    if (typeof value === 'boolean') return [value, BOOLEAN];
    return [value, VARCHAR];
  };
  if (Array.isArray(params)) {
    const pairs = (params as readonly SqlParam[]).map(convert);
    return { values: pairs.map((p) => p[0]), types: pairs.map((p) => p[1]) };
  }
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    [values[name], types[name]] = convert(value as SqlParam);
  }
  return { values, types };
}

/** Opens DuckDB with every connection in UTC: naive TIMESTAMPs are UTC, and the session zone decides how
 * TIMESTAMPTZ values and casts read. */
async function openInstance(file: string, options: Record<string, string> = {}): Promise<DuckDBInstance> {
  const instance = await DuckDBInstance.create(file, options);
  try {
    const connection = await instance.connect();
    try {
      await connection.run("SET GLOBAL TimeZone = 'UTC'");
    } finally {
      connection.closeSync();
    }
    return instance;
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

/** Rows and Timestamp range over every registry table. */
async function dataRange(connection: DuckDBConnection) {
  const perTable = TABLES.map(
    (t) => `SELECT count(*) AS n, min("Timestamp") AS lo, max("Timestamp") AS hi FROM ${quoteIdent(t.name)}`,
  ).join(' UNION ALL ');
  const reader = await connection.runAndReadAll(
    `SELECT sum(n), epoch_ms(min(lo)), epoch_ms(max(hi)) FROM (${perTable})`,
  );
  const row = reader.getRowsJS()[0] ?? [];
  const rowCount = Number(row[0] ?? 0);
  const start = row[1];
  const end = row[2];
  return {
    rowCount,
    dataRange:
      start === null || end === null || start === undefined || end === undefined
        ? null
        : { start: new Date(Number(start)), end: new Date(Number(end)) },
  };
}

const INTERRUPT_REPEAT_MS = 50;

function createStore(
  instance: DuckDBInstance,
  description: TelemetryStoreDescription,
  onClose: () => void,
  files?: TelemetryFiles,
): TelemetryStore {
  let closed = false;
  const open = new Set<DuckDBConnection>();
  return {
    mode: description.mode,
    describe: () => description,
    async query(sql, { params, signal, reads } = {}) {
      if (closed) throw new Error('The telemetry store is closed.');
      signal?.throwIfAborted();
      // A connection per statement: DuckDB runs statements of different connections side by side, each
      // with the instance's threads, where one shared connection would queue them.
      const connection = await instance.connect();
      open.add(connection);
      // An interrupt that lands before DuckDB has begun the statement is lost, so it is repeated until the
      // statement ends.
      let interrupting: ReturnType<typeof setInterval> | undefined;
      const abort = () => {
        connection.interrupt();
        interrupting ??= setInterval(() => connection.interrupt(), INTERRUPT_REPEAT_MS);
      };
      signal?.addEventListener('abort', abort, { once: true });
      try {
        signal?.throwIfAborted(); // it may have aborted while the connection opened
        await files?.check(connection, reads);
        signal?.throwIfAborted();
        const bound = params === undefined ? undefined : bindParams(params);
        const reader = await connection.runAndReadAll(sql, bound?.values, bound?.types);
        signal?.throwIfAborted();
        return readResult(reader);
      } catch (error) {
        signal?.throwIfAborted();
        throw error;
      } finally {
        clearInterval(interrupting);
        signal?.removeEventListener('abort', abort);
        open.delete(connection);
        connection.closeSync();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      onClose();
      for (const connection of open) connection.interrupt();
      instance.closeSync();
    },
  };
}

/** Opens a store without the per-process cache: for tools and tests that manage its lifetime themselves. */
export async function createTelemetryStore(
  options: TelemetryStoreOptions,
  onClose: () => void = () => {},
): Promise<TelemetryStore> {
  if (options.mode === 'demo') {
    const ensured = await ensureDemoDatabase({
      file: options.file,
      seed: options.seed ?? DEMO_DEFAULTS.seed,
      devices: options.devices ?? DEMO_DEFAULTS.devices,
      events: options.events ?? DEMO_DEFAULTS.events,
      now: options.now,
    });
    // Read-only: DuckDB then takes a shared lock, so the web server and a CLI can read the file together.
    const instance = await openInstance(ensured.file, { access_mode: 'READ_ONLY' });
    try {
      const connection = await instance.connect();
      try {
        const range = await dataRange(connection);
        return createStore(
          instance,
          {
            mode: 'demo',
            label: 'embedded (demo data)',
            ...range,
            demo: { ...ensured.parameters, file: ensured.file },
          },
          onClose,
        );
      } finally {
        connection.closeSync();
      }
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  const files = options.files.map((f) => path.resolve(f));
  const instance = await openInstance(':memory:');
  try {
    const connection = await instance.connect();
    try {
      const attached = await attachTelemetryFiles(connection, files);
      const label =
        files.length === 1
          ? `embedded (${path.basename(files[0] ?? '')})`
          : `embedded (${files.length} files)`;
      return createStore(instance, { mode: 'files', label, files: attached.files }, onClose, attached);
    } finally {
      connection.closeSync();
    }
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

interface CacheEntry {
  key: string;
  store: Promise<TelemetryStore>;
}

const cache = new Map<string, CacheEntry>();

function cacheSlot(options: TelemetryStoreOptions): { slot: string; key: string } {
  if (options.mode === 'demo') {
    const file = path.resolve(options.file);
    const key = JSON.stringify([
      file,
      options.seed ?? DEMO_DEFAULTS.seed,
      options.devices ?? DEMO_DEFAULTS.devices,
      options.events ?? DEMO_DEFAULTS.events,
      options.now.getTime(),
    ]);
    return { slot: `demo:${file}`, key };
  }
  const files = options.files.map((f) => path.resolve(f));
  return { slot: `files:${JSON.stringify(files)}`, key: JSON.stringify(files) };
}

/**
 * The process's store for these options: one DuckDB instance per path, opened once. Asking for the same
 * demo file with other parameters closes the old store and regenerates; a failed open is retried next call.
 */
export async function openTelemetryStore(options: TelemetryStoreOptions): Promise<TelemetryStore> {
  const { slot, key } = cacheSlot(options);
  const existing = cache.get(slot);
  if (existing?.key === key) return existing.store;
  if (existing) {
    cache.delete(slot);
    await existing.store.then((s) => s.close()).catch(() => {});
  }
  const entry: CacheEntry = {
    key,
    store: createTelemetryStore(options, () => {
      if (cache.get(slot) === entry) cache.delete(slot);
    }),
  };
  cache.set(slot, entry);
  entry.store.catch(() => {
    if (cache.get(slot) === entry) cache.delete(slot);
  });
  return entry.store;
}
