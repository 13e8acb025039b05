// The built-in starter catalog on the demo data: each hunt finds exactly the devices whose stories put its tool
// in its table inside its window (the generator's ground truth), and none of the look-alikes beside them.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeHunt } from '@/lib/kql/compose';
import { translateKql } from '@/lib/kql/translate';
import { generateDemoData } from '@/lib/sources/embedded/demo-generator';
import { DEMO_TOOLS } from '@/lib/sources/embedded/demo-tool-stories';
import { tableSchemas } from '@/lib/tables/registry';
import { type Hunt, loadCatalog } from './catalog';

const NOW = new Date('2026-11-01T12:00:00Z');
/** Where each kind of hunt looks, by the kind its file name ends with. */
const TABLE_OF: Record<string, string> = {
  createproc: 'DeviceProcessEvents',
  netconn: 'DeviceNetworkEvents',
  filesig: 'DeviceFileCertificateInfo',
};

let instance: DuckDBInstance;
let db: DuckDBConnection;
let hunts: Hunt[];

async function deviceIds(sql: string, params: string[] = []): Promise<string[]> {
  const reader = await db.runAndReadAll(sql, params);
  return reader
    .getRowObjectsJS()
    .map((r) => String(r.DeviceId))
    .sort();
}

beforeAll(async () => {
  hunts = await loadCatalog();
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  await generateDemoData(db, { seed: 7, devices: 600, events: 80_000, now: NOW });
}, 180_000);

afterAll(() => {
  instance?.closeSync();
});

describe('starter catalog', () => {
  it('covers at least ten tools besides mRemoteNG, every tool the demo fleet runs, in the tables each can be hunted in', () => {
    const tools = new Set(hunts.map((h) => h.tool));
    expect(tools.size).toBeGreaterThanOrEqual(11);
    expect(tools).toEqual(new Set(['mRemoteNG', ...DEMO_TOOLS.map((t) => t.tool)]));
    for (const tool of ['AnyDesk', 'ScreenConnect', 'TeamViewer', 'Atera']) {
      expect(
        hunts
          .filter((h) => h.tool === tool)
          .map((h) => h.tables[0])
          .sort(),
      ).toEqual(['DeviceFileCertificateInfo', 'DeviceNetworkEvents', 'DeviceProcessEvents']);
    }
    for (const hunt of hunts) {
      const kind = /_([a-z]+)\.yaml$/.exec(hunt.file)?.[1] ?? '';
      expect({
        file: hunt.file,
        tables: hunt.tables,
        tactics: hunt.tactics,
        techniques: hunt.relevantTechniques,
        lookback: [5, 7].map((d) => d * 86_400_000).includes(hunt.lookbackMs ?? 0),
      }).toEqual({
        file: hunt.file,
        tables: [TABLE_OF[kind]],
        tactics: ['CommandAndControl'],
        techniques: ['T1219'],
        lookback: true,
      });
    }
    // The seed rule stays the catalog's first hunt: the pages open it when no hunt is chosen.
    expect(hunts[0]?.tool).toBe('mRemoteNG');
  });

  it('finds exactly the devices of its tool in its table and window, and none of the look-alikes', async () => {
    let lookAlikesSeen = 0;
    for (const hunt of hunts) {
      const table = hunt.tables[0] ?? '';
      const composed = composeHunt(hunt.query);
      const sql = translateKql(composed.devices, { now: NOW, tables: tableSchemas() });
      const found = await deviceIds(sql);
      const start = new Date(NOW.getTime() - composed.lookbackMs).toISOString();
      const window = `"Timestamp" BETWEEN $3::TIMESTAMP AND $4::TIMESTAMP`;
      const truth = await deviceIds(
        `SELECT DISTINCT DeviceId FROM DemoEventLabel
         WHERE tool = $1 AND table_name = $2 AND kind <> 'near-miss' AND subject = 'tool' AND ${window}`,
        [hunt.tool ?? '', table, start, NOW.toISOString()],
      );
      const lookAlikes = await deviceIds(
        `SELECT DISTINCT DeviceId FROM DemoEventLabel WHERE tool = $1 AND table_name = $2 AND kind = 'near-miss' AND ${window}
         EXCEPT SELECT DeviceId FROM DemoEventLabel
         WHERE tool = $1 AND table_name = $2 AND kind <> 'near-miss' AND subject = 'tool' AND ${window}`,
        [hunt.tool ?? '', table, start, NOW.toISOString()],
      );
      lookAlikesSeen += lookAlikes.length;
      expect({ hunt: hunt.file, devices: found }).toEqual({ hunt: hunt.file, devices: truth });
      expect(truth.length).toBeGreaterThan(0);
      expect(found.filter((d) => lookAlikes.includes(d))).toEqual([]);
    }
    expect(lookAlikesSeen).toBeGreaterThanOrEqual(hunts.length - 1);
  }, 120_000);
});
