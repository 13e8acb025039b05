// The query that measures many exclusions, on the embedded engine: its packed group keys, rebuilt after the
// query (translateKqlRows, unpackColumns), give the rows that the SQL unpacking them gives, key for key.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/hunts/catalog';
import { composeImpact } from '@/lib/hunts/exclusion-impact';
import { translateKql } from '@/lib/kql/translate';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { customExclusionPredicate } from '@/lib/triage/custom-exclusion-predicate';
import { createEmbeddedSource, type EmbeddedSource } from './embedded-source';
import { createTelemetryStore, type TelemetryStore } from './telemetry-store';

const NOW = new Date('2026-11-28T00:00:00Z');
let dir: string;
let store: TelemetryStore;
let source: EmbeddedSource;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-packed-'));
  store = await createTelemetryStore({
    mode: 'demo',
    file: path.join(dir, 'demo.duckdb'),
    seed: 3,
    devices: 40,
    events: 20_000,
    now: NOW,
  });
  source = createEmbeddedSource(store);
});

afterAll(async () => {
  await source.close();
  await rm(dir, { recursive: true, force: true });
});

const sortRows = (rows: readonly Record<string, unknown>[]) =>
  [...rows].map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();

it('rebuilds the keys of many has and device-scoped exclusions as the SQL would, with some of them matching', async () => {
  const hunt = (await loadCatalog()).find((h) => h.id === 'mremoteng') ?? (await loadCatalog())[0];
  if (!hunt) throw new Error('the catalog is empty');
  // Values from the data, so that some exclusions match: the hunt's own devices, folders and command lines.
  const sample = await store.query(
    `SELECT DISTINCT "DeviceId", lower("FolderPath") AS folder FROM "DeviceProcessEvents" WHERE contains(lower("ProcessVersionInfoProductName"), 'mremoteng') LIMIT 12`,
  );
  expect(sample.rows.length).toBeGreaterThan(3);
  const scoped = sample.rows.map((r, i) => ({
    id: `scoped-${i}`,
    predicate: customExclusionPredicate(
      {
        field: 'FolderPath',
        operator: 'startswith',
        values: [String(r.folder).slice(0, 12 + (i % 5))],
        deviceId: String(r.DeviceId),
      },
      deviceProcessEvents,
    ),
  }));
  const has = [
    'mremoteng',
    'confcons',
    'xml',
    'exe',
    'program',
    'files',
    'users',
    'appdata',
    'x86',
    'scripts',
  ].map((term, i) => ({
    id: `has-${i}`,
    predicate: customExclusionPredicate(
      { field: i % 2 ? 'ProcessCommandLine' : 'FolderPath', operator: 'has', values: [term] },
      deviceProcessEvents,
    ),
  }));
  const lists = [0, 1].map((i) => ({
    id: `list-${i}`,
    predicate: customExclusionPredicate(
      { field: 'FolderPath', operator: 'has_any', values: [`vendor-${i}`, 'mremoteng', `tool-${i}.exe`] },
      deviceProcessEvents,
    ),
  }));
  const rules = [...scoped, ...has, ...lists];
  const kql = composeImpact(hunt.query, { rules });
  const sql = translateKql(kql, { now: NOW });
  expect(sql).toContain('__kql_hits_');
  const viaSql = await store.query(sql);
  const viaRows = await source.run(kql, { now: NOW });
  expect(viaRows.columns.map((c) => c.name)).toEqual(viaSql.columns.map((c) => c.name));
  expect(viaRows.columns.filter((c) => c.name.startsWith('Match_')).every((c) => c.type === 'bool')).toBe(
    true,
  );
  expect(sortRows(viaRows.rows)).toEqual(sortRows(viaSql.rows));
  // Some device-scoped and some has exclusions match, or the comparison says little.
  const matched = (prefix: string) =>
    rules.some(
      (r, i) =>
        r.id.startsWith(prefix) && viaRows.rows.some((row) => row[`Match_${hunt.exclusions.length + i}`]),
    );
  expect(matched('scoped-')).toBe(true);
  expect(matched('has-')).toBe(true);
});
