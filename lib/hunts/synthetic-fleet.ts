// A generated catalog of many RMM tools (three hunts each: create process, network, signer) and generated events
// for the three tables, written as Parquet exports: for the sweep's tests and its benchmark. Tool k's artefacts
// are `tool<k>.exe`, `tool<k>.com`, "Tool<k> Software"; a few events per thousand are a tool's, a few near misses
// (`tool<k>x.exe`, `nottool<k>.com`, "Tool<k>Software"); the rest is noise from pools of ordinary values.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString, sqlTimestamp } from '@/lib/kql/literal';

export const SYNTHETIC_TABLES = [
  'DeviceProcessEvents',
  'DeviceNetworkEvents',
  'DeviceFileCertificateInfo',
] as const;

const pad = (k: number) => String(k).padStart(3, '0');

/** The filter of tool k's hunt on `table`: plain tests mostly, and every few tools a form the prefilter cannot merge. */
function filter(table: (typeof SYNTHETIC_TABLES)[number], k: number): string {
  const t = `tool${pad(k)}`;
  const T = `Tool${pad(k)}`;
  if (table === 'DeviceProcessEvents') {
    if (k % 10 === 3) return `ProcessVersionInfoProductName has '${T}' and FileName endswith '.exe'`;
    if (k % 10 === 7) return `FileName startswith '${t}' or ProcessVersionInfoOriginalFileName =~ '${t}.exe'`;
    if (k % 5 === 1)
      return `ProcessVersionInfoCompanyName has '${T} Software'\n      or ProcessVersionInfoProductName has_any ('${T}', '${T} Agent')`;
    return `FileName in~ ('${t}.exe', '${t}svc.exe')\n      or ProcessVersionInfoOriginalFileName =~ '${t}.exe'`;
  }
  if (table === 'DeviceNetworkEvents') {
    if (k % 10 === 5) return `RemoteUrl endswith '.${t}.io' or RemoteUrl =~ '${t}.io'`;
    return `RemoteUrl has_any ('${t}.com', 'relay.${t}.net')`;
  }
  if (k % 4 === 2) return `Signer in~ ('${T} Software Ltd', '${T} Inc')`;
  return `Signer has '${T} Software'`;
}

const KIND = {
  DeviceProcessEvents: 'createproc',
  DeviceNetworkEvents: 'netconn',
  DeviceFileCertificateInfo: 'filesig',
};

/** Hunt files of `tools` tools, three each, in the catalog's YAML format. */
export function syntheticHuntFiles(tools: number): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  for (let k = 0; k < tools; k++) {
    for (const table of SYNTHETIC_TABLES) {
      const kind = KIND[table];
      const lookback = table === 'DeviceFileCertificateInfo' ? '7d' : '5d';
      files.push({
        name: `rmm_Tool${pad(k)}_${kind}.yaml`,
        text: [
          `id: synthetic-${pad(k)}-${kind}`,
          `name: Remote Management and Monitoring tool - Tool${pad(k)} - ${kind}`,
          `tool: Tool${pad(k)}`,
          'tactics: [CommandAndControl]',
          'relevantTechniques: [T1219]',
          'query: |',
          `  ${table}`,
          `  | where Timestamp between (ago(${lookback}) .. now())`,
          `  | where ${filter(table, k)}`,
          '  | summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
          '      Report=make_set(ReportId), Count=count() by DeviceId, DeviceName',
          '',
        ].join('\n'),
      });
    }
  }
  return files;
}

export async function writeSyntheticCatalog(dir: string, tools: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const f of syntheticHuntFiles(tools)) await writeFile(path.join(dir, f.name), f.text);
}

export interface SyntheticEventsOptions {
  /** Rows per table. */
  rows: Record<(typeof SYNTHETIC_TABLES)[number], number>;
  tools: number;
  devices: number;
  now: Date;
  /** Events spread over this many days before `now`. */
  days?: number;
  seed?: number;
}

/** Writes one Parquet export per table, named after it, and returns their paths. */
export async function writeSyntheticEvents(dir: string, options: SyntheticEventsOptions): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const files: string[] = [];
  try {
    await connection.run("SET TimeZone = 'UTC'");
    for (const table of SYNTHETIC_TABLES) {
      const file = path.join(dir, `${table}.parquet`);
      await connection.run(
        `COPY (${eventsSql(table, options)}) TO ${sqlString(file)} (FORMAT PARQUET, ROW_GROUP_SIZE 122880)`,
      );
      files.push(file);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return files;
}

function eventsSql(table: (typeof SYNTHETIC_TABLES)[number], o: SyntheticEventsOptions): string {
  const seed = (o.seed ?? 1) * 1_000_003 + SYNTHETIC_TABLES.indexOf(table) * 7_919;
  const spanSeconds = (o.days ?? 30) * 86_400;
  const nowSql = sqlTimestamp(BigInt(o.now.getTime()) * 1000n);
  // h picks the kind of event, k the tool, d the device; all from the row number, so a run is reproducible.
  const base = `SELECT i,
      hash(i + ${seed}) AS h,
      (hash(i * 31 + ${seed}) // 7) % ${o.tools} AS k,
      hash(i * 17 + ${seed}) % ${o.devices} AS d,
      ${nowSql} - to_seconds((hash(i * 13 + ${seed}) % ${spanSeconds})::BIGINT) AS ts
    FROM range(${o.rows[table]}) t(i)`;
  const tool = `(h % 500 = 0)`;
  const near = `(h % 500 = 1)`;
  const t = `('tool' || lpad(k::VARCHAR, 3, '0'))`;
  const T = `('Tool' || lpad(k::VARCHAR, 3, '0'))`;
  const common = `ts AS "Timestamp", 'dev-' || d AS DeviceId, 'host-' || d || '.corp.example' AS DeviceName, i::BIGINT AS ReportId`;
  if (table === 'DeviceProcessEvents') {
    return `SELECT ${common},
        CASE WHEN ${tool} THEN ${t} || CASE WHEN h % 3 = 0 THEN 'svc.exe' ELSE '.exe' END
             WHEN ${near} THEN ${t} || 'x.exe' ELSE 'app' || (h % 3000) || '.exe' END AS FileName,
        'C:\\Program Files\\' || CASE WHEN ${tool} THEN ${T} ELSE 'Vendor ' || (h % 400) END || '\\' AS FolderPath,
        CASE WHEN ${tool} THEN ${T} || ' Software' WHEN ${near} THEN ${T} || 'Software'
             ELSE 'Vendor ' || (h % 400) END AS ProcessVersionInfoCompanyName,
        CASE WHEN ${tool} THEN ${T} || ' Agent' WHEN ${near} THEN 'Not' || ${T}
             ELSE 'Product ' || (h % 800) END AS ProcessVersionInfoProductName,
        CASE WHEN ${tool} AND h % 2 = 0 THEN ${t} || '.exe' ELSE 'orig' || (h % 3000) || '.exe' END
          AS ProcessVersionInfoOriginalFileName
      FROM (${base})`;
  }
  if (table === 'DeviceNetworkEvents') {
    return `SELECT ${common},
        CASE WHEN ${tool} THEN CASE WHEN h % 3 = 0 THEN 'relay.' || ${t} || '.net'
                                    WHEN h % 3 = 1 THEN 'eu.' || ${t} || '.io' ELSE ${t} || '.com' END
             WHEN ${near} THEN 'not' || ${t} || '.com'
             WHEN h % 4 = 0 THEN '' ELSE 'host' || (h % 5000) || '.example' || (h % 50) || '.com' END AS RemoteUrl
      FROM (${base})`;
  }
  return `SELECT ${common},
      CASE WHEN ${tool} THEN ${T} || CASE WHEN h % 2 = 0 THEN ' Software Ltd' ELSE ' Inc' END
           WHEN ${near} THEN ${T} || 'Software' ELSE 'Vendor ' || (h % 400) || ' Corp' END AS Signer
    FROM (${base})`;
}
