// Opens the triage database the settings name and brings its schema up to date: PGlite in a folder of the
// project by default (nothing to install), PostgreSQL when DATABASE_URL is set. Both run the same
// drizzle-kit migrations from lib/triage/migrations.
import 'server-only';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type Settings, SettingsError, settings } from '@/lib/env';
import { lockDataDir } from './data-dir-lock';
import type { TriageDatabase } from './database';
import { createTriageStore } from './store';
import type { TriageStore } from './types';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'triage', 'migrations');

export type StoreLocation =
  | { kind: 'pglite'; dataDir: string }
  | {
      kind: 'postgres';
      /** The application's connection (in production its own, restricted role). */
      url: string;
      /** The owner's connection for migrations; default: `url`. */
      migrationUrl?: string;
      /** Connections in the pool. */
      poolSize?: number;
    };

export interface OpenOptions {
  migrationsFolder?: string;
}

export async function openTriageDatabase(
  location: StoreLocation,
  { migrationsFolder = MIGRATIONS_FOLDER }: OpenOptions = {},
): Promise<TriageDatabase> {
  return location.kind === 'pglite'
    ? openPglite(location.dataDir, migrationsFolder)
    : openPostgres(location, migrationsFolder);
}

export async function openTriageStore(location: StoreLocation, options?: OpenOptions): Promise<TriageStore> {
  return createTriageStore(await openTriageDatabase(location, options));
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<TriageDatabase> {
  await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lock = await lockDataDir(dataDir);
  let client: PGlite | undefined;
  try {
    // PGlite runs one statement at a time and queues the rest; a transaction holds the queue until it
    // ends, so statements of concurrent requests never interleave inside one another's transactions.
    client = await PGlite.create(dataDir);
    const db = drizzlePglite({ client });
    await migratePglite(db, { migrationsFolder });
    const opened = client;
    return {
      kind: 'pglite',
      db,
      async close() {
        try {
          // Waits for queued statements, then shuts PostgreSQL down cleanly (a checkpoint to the folder).
          await opened.close();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    await lock.release();
    throw error;
  }
}

async function openPostgres(
  location: Extract<StoreLocation, { kind: 'postgres' }>,
  migrationsFolder: string,
): Promise<TriageDatabase> {
  await migratePostgres(location.migrationUrl ?? location.url, migrationsFolder);
  const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10 });
  // An idle connection dropped by the server must not take the process down; the next query reconnects.
  pool.on('error', (error) => console.error('Triage database connection lost:', error.message));
  try {
    // Fail now, with the server's reason, rather than on the first verdict someone saves.
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return { kind: 'postgres', db: drizzlePg({ client: pool }), close: () => pool.end() };
}

/** Two app instances starting at once would both migrate: an advisory lock makes the second wait. */
async function migratePostgres(url: string, migrationsFolder: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('huntboard.triage.migrations'))`);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.end();
  }
}

/** Where the settings put the triage database. */
export function configuredStoreLocation(s: Settings): StoreLocation {
  if (s.DATABASE_URL)
    return { kind: 'postgres', url: s.DATABASE_URL, migrationUrl: s.DATABASE_MIGRATION_URL };
  if (s.DATABASE_MIGRATION_URL) {
    throw new SettingsError(
      'Invalid settings:\n  DATABASE_MIGRATION_URL: is set without DATABASE_URL; set DATABASE_URL to the connection the app uses',
    );
  }
  return { kind: 'pglite', dataDir: s.HUNTBOARD_TRIAGE_DIR ?? path.join(s.HUNTBOARD_DATA_DIR, 'triage') };
}

// Kept on globalThis so that a module reload (Next's development server) reuses the open database instead
// of opening the same PGlite folder twice.
const STORES = Symbol.for('huntboard.triage.configuredStore');
type Registry = { location: string; store: Promise<TriageStore> };

function registry(): { [STORES]?: Registry } {
  return globalThis as { [STORES]?: Registry };
}

/** The store the settings name, opened (and migrated) on first use, one per process. */
export function openConfiguredStore(): Promise<TriageStore> {
  const location = configuredStoreLocation(settings());
  const key = JSON.stringify(location);
  const g = registry();
  if (g[STORES]?.location === key) return g[STORES].store;
  const store = openTriageStore(location).catch((error) => {
    if (g[STORES]?.store === store) delete g[STORES]; // fixed settings or a server back up: next request retries
    throw error;
  });
  g[STORES] = { location: key, store };
  return store;
}

/** Closes the configured store, e.g. at shutdown or at the end of a test. */
export async function closeConfiguredStore(): Promise<void> {
  const g = registry();
  const current = g[STORES];
  delete g[STORES];
  if (current) await (await current.store.catch(() => undefined))?.close();
}
