// Where the settings put the triage database: PGlite under the data folder by default or where
// HUNTBOARD_TRIAGE_DIR says, PostgreSQL when DATABASE_URL is set (migrating as DATABASE_MIGRATION_URL's
// owner when that is set too), and settings errors that never show a connection URL's password.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '@/lib/env';
import { configuredStoreLocation } from './open-store';

const locate = (env: Record<string, string>) => configuredStoreLocation(parseSettings(env));

describe('configuredStoreLocation', () => {
  it('defaults to PGlite in <data dir>/triage', () => {
    expect(locate({})).toEqual({ kind: 'pglite', dataDir: path.join('data', 'triage') });
    expect(locate({ HUNTBOARD_DATA_DIR: '/var/lib/huntboard' })).toEqual({
      kind: 'pglite',
      dataDir: path.join('/var/lib/huntboard', 'triage'),
    });
    expect(locate({ HUNTBOARD_TRIAGE_DIR: '/srv/triage' })).toEqual({
      kind: 'pglite',
      dataDir: '/srv/triage',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set, migrating as the owner when DATABASE_MIGRATION_URL is', () => {
    const url = 'postgres://huntboard_app:s3cret@db.example:5432/huntboard';
    const migrationUrl = 'postgresql://huntboard_owner:0wner@db.example:5432/huntboard';
    expect(locate({ DATABASE_URL: url })).toEqual({ kind: 'postgres', url, migrationUrl: undefined });
    expect(locate({ DATABASE_URL: url, DATABASE_MIGRATION_URL: migrationUrl })).toEqual({
      kind: 'postgres',
      url,
      migrationUrl,
    });
  });

  it('refuses a migration URL without an application URL', () => {
    expect(() => locate({ DATABASE_MIGRATION_URL: 'postgres://owner@db.example/huntboard' })).toThrow(
      /DATABASE_MIGRATION_URL: is set without DATABASE_URL/,
    );
  });

  it('names a malformed database URL without repeating it', () => {
    let message = '';
    try {
      locate({ DATABASE_URL: 'mysql://app:s3cret@db.example/huntboard' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(message).not.toContain('s3cret');
  });
});
