// The seed hunt through KQL translation versus the same hunt written by hand as DuckDB SQL, on generated
// data. Prints medians and their ratio.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadCatalog } from '@/lib/hunts/catalog';
import { sqlTimestamp } from '@/lib/kql/literal';
import { translateKql } from '@/lib/kql/translate';
import { generateDemoData } from '@/lib/sources/embedded/demo-generator';
import { tableSchemas } from '@/lib/tables/registry';
import { BENCH_NOW, type BenchArgs, type Benchmark, median } from './common';

/** The seed hunt as a DuckDB user would write it: the same window and whole-term match, by hand. */
function handWrittenSql(): string {
  const start = sqlTimestamp(BigInt(BENCH_NOW.getTime() - 5 * 86_400_000) * 1000n);
  const end = sqlTimestamp(BigInt(BENCH_NOW.getTime()) * 1000n);
  return `
    SELECT DeviceId, DeviceName, min(Timestamp) AS FirstSeen, max(Timestamp) AS LastSeen,
           list(DISTINCT ReportId) AS Report, count(*) AS Count
    FROM DeviceProcessEvents
    WHERE Timestamp BETWEEN ${start} AND ${end}
      AND contains(lower(ProcessVersionInfoProductName), 'mremoteng')
      AND regexp_matches(lower(ProcessVersionInfoProductName), '(^|[^\\pL\\pN])mremoteng([^\\pL\\pN]|$)')
    GROUP BY DeviceId, DeviceName`;
}

async function run({ events, runs, seed }: BenchArgs): Promise<void> {
  const devices = Math.max(2_000, Math.round(events / 250));
  const [hunt] = await loadCatalog();
  if (!hunt) throw new Error('the catalog is empty');
  // A file rather than memory: ten million generated rows would not fit in memory on a small machine.
  const dir = await mkdtemp(path.join(tmpdir(), 'huntboard-bench-'));
  const instance = await DuckDBInstance.create(path.join(dir, 'bench.duckdb'));
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");

  console.log(
    `Generating ${events.toLocaleString('en')} events on ${devices.toLocaleString('en')} devices (seed ${seed})…`,
  );
  const generated = await generateDemoData(connection, { seed, devices, events, now: BENCH_NOW });
  console.log(`  generated in ${(generated.elapsedMs / 1000).toFixed(1)} s`);

  const tables = tableSchemas();
  translateKql(hunt.query, { now: BENCH_NOW, tables }); // loads the Kusto parser once, outside the timings
  const hand = handWrittenSql();

  const translateMs: number[] = [];
  const kqlMs: number[] = [];
  const runOnlyMs: number[] = [];
  const handMs: number[] = [];
  let kqlRows = '';
  let handRows = '';
  const fingerprint = (rows: Record<string, unknown>[]) =>
    rows
      .map((r) => `${r.DeviceId}|${r.Count}`)
      .sort()
      .join(',');

  // Warm-up, then alternate the two so that machine noise falls on both alike.
  await connection.run(hand);
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const sql = translateKql(hunt.query, { now: BENCH_NOW, tables });
    translateMs.push(performance.now() - t);
    const runStart = performance.now();
    kqlRows = fingerprint((await connection.runAndReadAll(sql)).getRowObjectsJS());
    runOnlyMs.push(performance.now() - runStart);
    kqlMs.push(performance.now() - t);

    t = performance.now();
    handRows = fingerprint((await connection.runAndReadAll(hand)).getRowObjectsJS());
    handMs.push(performance.now() - t);
  }

  const same = kqlRows === handRows;
  const k = median(kqlMs);
  const h = median(handMs);
  console.log(`\nSeed hunt over ${events.toLocaleString('en')} events, ${runs} runs each (medians):`);
  console.log(`  KQL → SQL translation alone     ${median(translateMs).toFixed(1).padStart(8)} ms`);
  console.log(`  translated SQL, run alone       ${median(runOnlyMs).toFixed(1).padStart(8)} ms`);
  console.log(`  KQL: translate + run            ${k.toFixed(1).padStart(8)} ms`);
  console.log(`  hand-written DuckDB SQL         ${h.toFixed(1).padStart(8)} ms`);
  console.log(`  ratio KQL / hand-written        ${(k / h).toFixed(2).padStart(8)}`);
  console.log(`  same devices and counts         ${same ? 'yes' : 'NO — the two queries disagree'}`);
  connection.closeSync();
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
  if (!same) process.exitCode = 1;
}

export const translationBench: Benchmark = {
  name: 'translation',
  title: 'the seed hunt, KQL translated to SQL, against the same hunt hand-written in DuckDB SQL',
  run,
};
