// Test helpers for the triage store: every store test runs on PGlite (a temporary folder) and on PostgreSQL
// (a throw-away database per suite in the server that TEST_DATABASE_URL / TEST_DATABASE_MIGRATION_URL name,
// which scripts/test-postgres.sh starts). With CI=true and no server the PostgreSQL suites fail; locally
// they are skipped with a message.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { TriageDatabase } from './database';
import { openTriageDatabase, type StoreLocation } from './open-store';
import { createTriageStore } from './store';
import type { Actor, TriageStore } from './types';

export const TRIAGER: Actor = { id: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b02', name: 'Tristan Triager' };
export const OTHER_TRIAGER: Actor = { id: '3a6f0f4e-5d1b-4b8e-a2c4-0d1e2f3a4b99', name: 'Tess Triager' };

/** One empty database, opened as often as a test likes (one open at a time for PGlite). */
export interface TestDatabase {
  readonly location: StoreLocation;
  /** Opens the database (running migrations) and the store over it. */
  open(options?: { poolSize?: number }): Promise<{ database: TriageDatabase; store: TriageStore }>;
  /**
   * A statement as the database's owner: on PGlite the open `database` (PGlite has one user, a superuser);
   * on PostgreSQL a separate connection with the migration URL.
   */
  asOwner(sql: string, database: TriageDatabase): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export interface Backend {
  readonly kind: 'pglite' | 'postgres';
  fresh(): Promise<TestDatabase>;
}

export const pgliteBackend: Backend = {
  kind: 'pglite',
  async fresh() {
    const dir = await mkdtemp(path.join(tmpdir(), 'huntboard-triage-'));
    const location: StoreLocation = { kind: 'pglite', dataDir: path.join(dir, 'triage') };
    // Creating the cluster (initdb, in WebAssembly) is PGlite's slowest step: done while the suite sets up, so
    // a test's own time is opening and migrating. The database still has no schema.
    await (await PGlite.create(location.dataDir)).close();
    return {
      location,
      async open() {
        const database = await openTriageDatabase(location);
        return { database, store: createTriageStore(database) };
      },
      async asOwner(sql, database) {
        return ((await database.db.execute(sql)) as unknown as { rows: Record<string, unknown>[] }).rows;
      },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

export interface PostgresTestConfig {
  /** The application's role (huntboard_app). */
  url: string;
  /** The owner, who may create databases. */
  migrationUrl: string;
}

export function postgresTestConfig(env = process.env): PostgresTestConfig | undefined {
  const url = env.TEST_DATABASE_URL;
  const migrationUrl = env.TEST_DATABASE_MIGRATION_URL;
  return url && migrationUrl ? { url, migrationUrl } : undefined;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function asClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function postgresBackend(config: PostgresTestConfig): Backend {
  return {
    kind: 'postgres',
    async fresh() {
      // Each suite gets its own empty database, so migrations really start from nothing.
      const name = `huntboard_test_${randomBytes(6).toString('hex')}`;
      await asClient(config.migrationUrl, (c) => c.query(`create database ${name}`));
      const location: StoreLocation = {
        kind: 'postgres',
        url: withDatabase(config.url, name),
        migrationUrl: withDatabase(config.migrationUrl, name),
      };
      return {
        location,
        async open({ poolSize } = {}) {
          const database = await openTriageDatabase({ ...location, poolSize });
          return { database, store: createTriageStore(database) };
        },
        async asOwner(sql) {
          return (await asClient(location.migrationUrl as string, (c) => c.query(sql))).rows;
        },
        dispose: () =>
          asClient(config.migrationUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
            () => {},
          ),
      };
    },
  };
}

const inCi = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

/** Runs `body` once per backend: PGlite always, PostgreSQL when a test server is configured. */
export function describeEachBackend(title: string, body: (backend: Backend) => void): void {
  describe(`${title} (PGlite)`, () => body(pgliteBackend));
  const config = postgresTestConfig();
  if (config) {
    describe(`${title} (PostgreSQL)`, () => body(postgresBackend(config)));
  } else if (inCi) {
    describe(`${title} (PostgreSQL)`, () => {
      it('has a PostgreSQL server to test against', () => {
        throw new Error(
          'CI=true but TEST_DATABASE_URL and TEST_DATABASE_MIGRATION_URL are not set: run the unit tests through scripts/test-postgres.sh (npm test does).',
        );
      });
    });
  } else {
    describe.skip(`${title} (PostgreSQL: skipped, TEST_DATABASE_URL is not set; npm test starts a server)`, () => {
      it('runs against PostgreSQL', () => {});
    });
  }
}

/** The message and code of an error or of the database error inside it (Drizzle wraps them). */
export function databaseError(error: unknown): { message: string; code?: string } {
  const messages: string[] = [];
  let code: string | undefined;
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    messages.push(e.message);
    code ??= (e as { code?: string }).code;
  }
  return { message: messages.join('\n'), code };
}
