// The why-flagged signals of every catalog hunt on the demo data, against the generator's ground truth: a device
// carries a signal exactly when one of its labelled events in the hunt's window does (demo-signals.ts records the
// facts of each event, and the fleet-wide ones over the tool's whole history).
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hunt, loadCatalog, mainTable } from '@/lib/hunts/catalog';
import { translateKql } from '@/lib/kql/translate';
import { generateDemoData } from '@/lib/sources/embedded/demo-generator';
import { NEW_DEVICE_DAYS } from '@/lib/sources/embedded/demo-signals';
import type { Cell } from '@/lib/sources/types';
import { tableSchemas } from '@/lib/tables/registry';
import { composeSignals } from './compose-signals';
import { SIGNAL_IDS, type SignalId } from './definitions';
import { deviceSignals } from './device-signals';

const NOW = new Date('2026-11-01T12:00:00Z');
const WINDOW_MS = NEW_DEVICE_DAYS * 86_400_000;

let instance: DuckDBInstance;
let db: DuckDBConnection;
let hunts: Hunt[];

async function rows(sql: string, params: string[] = []): Promise<Record<string, Cell>[]> {
  return (await db.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, Cell>[];
}

/** Device id -> the signals its labelled events in the window carry. */
async function truthOf(hunt: Hunt): Promise<Map<string, Set<string>>> {
  const start = new Date(NOW.getTime() - WINDOW_MS).toISOString();
  const labelled = await rows(
    `SELECT DeviceId, list_distinct(flatten(list(signals))) AS signals FROM DemoEventLabel
     WHERE tool = $1 AND table_name = $2 AND kind <> 'near-miss' AND subject = 'tool'
       AND "Timestamp" BETWEEN $3::TIMESTAMP AND $4::TIMESTAMP
     GROUP BY DeviceId`,
    [hunt.tool ?? '', hunt.tables[0] ?? '', start, NOW.toISOString()],
  );
  return new Map(labelled.map((r) => [String(r.DeviceId), new Set(r.signals as string[])]));
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

describe('signals on the demo data', () => {
  it("match the ground truth exactly, per signal, device and hunt, wherever the hunt's table has the facts", async () => {
    const tally = Object.fromEntries(SIGNAL_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
    const mismatches: string[] = [];
    for (const hunt of hunts) {
      const query = composeSignals(hunt.query, { table: mainTable(hunt), lookbackMs: WINDOW_MS });
      const sql = translateKql(query.kql, { now: NOW, tables: tableSchemas() });
      const found = deviceSignals({ columns: [], rows: await rows(sql), truncated: false }, query, NOW);
      const truth = await truthOf(hunt);
      // The hunt lists exactly the labelled devices (starter-catalog.test.ts); the signals query agrees.
      expect([...found.keys()].sort()).toEqual([...truth.keys()].sort());
      for (const [deviceId, expected] of truth) {
        const got = new Set<string>(found.get(deviceId)?.ids ?? []);
        for (const id of SIGNAL_IDS) {
          const t = tally[id] as { tp: number; fp: number; fn: number };
          // A signal the table cannot support is not expected of it.
          const want = expected.has(id) && query.signals.includes(id as SignalId);
          if (want && got.has(id)) t.tp++;
          else if (got.has(id)) t.fp++;
          else if (want) t.fn++;
          if (want !== got.has(id)) mismatches.push(`${hunt.file} ${deviceId} ${id}: expected ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every signal is exercised on the demo, so exactness above is not vacuous.
    for (const id of SIGNAL_IDS) expect({ id, tp: (tally[id]?.tp ?? 0) > 0 }).toEqual({ id, tp: true });
  }, 180_000);

  it('give the signer hunts only the device facts, and the network hunts every signal', () => {
    const kinds = new Map(
      hunts.map((h) => [h.tables[0], composeSignals(h.query, { table: mainTable(h) }).signals]),
    );
    expect(kinds.get('DeviceFileCertificateInfo')).toEqual(['new-device']);
    expect(kinds.get('DeviceNetworkEvents')).toEqual([...SIGNAL_IDS]);
    expect(kinds.get('DeviceProcessEvents')).toEqual([...SIGNAL_IDS]);
  });

  it("name the suspicious laptop's PowerShell parent, its ProgramData folder and its account", async () => {
    const seed = hunts[0] as Hunt;
    const query = composeSignals(seed.query, { table: mainTable(seed), lookbackMs: WINDOW_MS });
    const found = deviceSignals(
      {
        columns: [],
        rows: await rows(translateKql(query.kql, { now: NOW, tables: tableSchemas() })),
        truncated: false,
      },
      query,
      NOW,
    );
    const laptops = [...found.values()].filter((d) =>
      d.folders.some((f) => /^C:\\ProgramData\\mrng\\/i.test(f)),
    );
    expect(laptops.length).toBeGreaterThan(0);
    const powershell = laptops.filter((d) => d.parents[0]?.toLowerCase() === 'powershell.exe');
    expect(powershell.length).toBeGreaterThan(0);
    for (const d of powershell) {
      expect(d.ids).toEqual(expect.arrayContaining(['shell-parent', 'user-writable-path']));
      expect(d.accounts.length).toBeGreaterThan(0);
    }
    // The laptop where PowerShell fetched the portable build from GitHub into ProgramData.
    expect(
      powershell.some((d) =>
        d.parentCommandLines.some((c) => /github\.com\/mRemoteNG.*Expand-Archive/i.test(c)),
      ),
    ).toBe(true);
  }, 60_000);
});
