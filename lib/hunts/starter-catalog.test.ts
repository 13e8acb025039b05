// The built-in starter catalog on the demo data: each hunt finds exactly the devices whose stories put its tool
// in its table inside its window (the generator's ground truth), and none of the look-alikes beside them.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { composeHunt } from '@/lib/kql/compose';
import { translateKql } from '@/lib/kql/translate';
import { generateDemoData } from '@/lib/sources/embedded/demo-generator';
import { DEMO_TOOLS } from '@/lib/sources/embedded/demo-tool-stories';
import { tableSchemas } from '@/lib/tables/registry';
import { DEFAULT_CATALOG_DIR, parseHunt } from './catalog';

const NOW = new Date('2026-11-01T12:00:00Z');
const FILE_NAME = /^rmm_([a-z0-9]+)_(createproc|netconn|filesig)\.yaml$/;
const TABLE_OF = {
  createproc: 'DeviceProcessEvents',
  netconn: 'DeviceNetworkEvents',
  filesig: 'DeviceFileCertificateInfo',
} as const;

interface StarterHunt {
  file: string;
  tool: string;
  table: string;
  query: string;
  tactics: string[];
  techniques: string[];
}

let instance: DuckDBInstance;
let db: DuckDBConnection;
let hunts: StarterHunt[];

async function deviceIds(sql: string, params: string[] = []): Promise<string[]> {
  const reader = await db.runAndReadAll(sql, params);
  return reader
    .getRowObjectsJS()
    .map((r) => String(r.DeviceId))
    .sort();
}

/** The seed hunt in the catalog's root and the starter hunts in `starter/`, which sorts after it. */
const STARTER_DIR = path.join(DEFAULT_CATALOG_DIR, 'starter');

async function huntFiles(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((n) => FILE_NAME.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

beforeAll(async () => {
  const files = [...(await huntFiles(DEFAULT_CATALOG_DIR)), ...(await huntFiles(STARTER_DIR))];
  hunts = await Promise.all(
    files.map(async (file) => {
      const name = path.basename(file);
      const text = await readFile(file, 'utf8');
      const hunt = parseHunt(text, file);
      const kind = FILE_NAME.exec(name)?.[2] as keyof typeof TABLE_OF;
      // The seed file predates the `tool:` field; its tool is its file's.
      const tool = (parseYaml(text) as { tool?: string }).tool ?? 'mRemoteNG';
      return {
        file: path.relative(DEFAULT_CATALOG_DIR, file),
        tool,
        table: TABLE_OF[kind],
        query: hunt.query,
        tactics: hunt.tactics,
        techniques: hunt.relevantTechniques,
      };
    }),
  );
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
          .map((h) => h.table)
          .sort(),
      ).toEqual(['DeviceFileCertificateInfo', 'DeviceNetworkEvents', 'DeviceProcessEvents']);
    }
    for (const hunt of hunts) {
      expect({ file: hunt.file, tactics: hunt.tactics, techniques: hunt.techniques }).toEqual({
        file: hunt.file,
        tactics: ['CommandAndControl'],
        techniques: ['T1219'],
      });
      expect(hunt.query).toContain(hunt.table);
    }
  });

  it('finds exactly the devices of its tool in its table and window, and none of the look-alikes', async () => {
    let lookAlikesSeen = 0;
    for (const hunt of hunts) {
      const composed = composeHunt(hunt.query);
      const sql = translateKql(composed.devices, { now: NOW, tables: tableSchemas() });
      const found = await deviceIds(sql);
      const start = new Date(NOW.getTime() - composed.lookbackMs).toISOString();
      const window = `"Timestamp" BETWEEN $3::TIMESTAMP AND $4::TIMESTAMP`;
      const truth = await deviceIds(
        `SELECT DISTINCT DeviceId FROM DemoEventLabel
         WHERE tool = $1 AND table_name = $2 AND kind <> 'near-miss' AND subject = 'tool' AND ${window}`,
        [hunt.tool, hunt.table, start, NOW.toISOString()],
      );
      const lookAlikes = await deviceIds(
        `SELECT DISTINCT DeviceId FROM DemoEventLabel WHERE tool = $1 AND table_name = $2 AND kind = 'near-miss' AND ${window}
         EXCEPT SELECT DeviceId FROM DemoEventLabel
         WHERE tool = $1 AND table_name = $2 AND kind <> 'near-miss' AND subject = 'tool' AND ${window}`,
        [hunt.tool, hunt.table, start, NOW.toISOString()],
      );
      lookAlikesSeen += lookAlikes.length;
      expect({ hunt: hunt.file, devices: found }).toEqual({ hunt: hunt.file, devices: truth });
      expect(truth.length).toBeGreaterThan(0);
      expect(found.filter((d) => lookAlikes.includes(d))).toEqual([]);
    }
    expect(lookAlikesSeen).toBeGreaterThanOrEqual(hunts.length - 1);
  }, 120_000);
});
