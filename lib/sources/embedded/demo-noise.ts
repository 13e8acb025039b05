// Bulk generation of ordinary process events inside DuckDB: small lookup tables written from JavaScript,
// then one INSERT ... SELECT whose randomness is hash(seed, hour, position), so that hundreds of thousands
// of rows take seconds and the same seed gives the same rows.
import type { DuckDBConnection } from '@duckdb/node-api';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import type { BinaryCatalog } from './demo-binaries';
import { DAY_MS, HOUR_MS } from './demo-event-row';
import { type AccountKind, type DemoFleet, NOISE_PROFILES } from './demo-fleet';
import {
  defaultIntegrity,
  NOISE_TEMPLATES,
  type NoiseTemplate,
  templateWeight,
  tokenElevation,
} from './demo-noise-templates';
import { createRng } from './prng';
import { quoteIdent } from './schema';

/** Share of events per UTC hour of day on a workday; weekends run at WEEKEND_FACTOR of it. */
const HOURLY_WEIGHT = [
  0.25, 0.2, 0.2, 0.2, 0.25, 0.35, 0.6, 1.0, 1.5, 1.8, 1.9, 1.9, 1.7, 1.8, 1.9, 1.8, 1.5, 1.1, 0.8, 0.6, 0.5,
  0.4, 0.35, 0.3,
];
const WEEKEND_FACTOR = 0.45;
/** Devices are drawn from weighted slots: enough slots that every device's weight shows. */
const deviceSlotCount = (devices: number) => Math.max(65_536, devices * 32);
const TEMPLATE_SLOTS = 4_096;
const COMMAND_VARIANTS = 16;

export const WINDOW_HOURS = 30 * 24;

/** Splits `total` into whole counts proportional to `weights` (largest remainder), summing exactly to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * total : 0));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

/** Events per hour of the window, following office hours and weekends. */
export function hourlyCounts(total: number, windowStartMs: number): number[] {
  const weights: number[] = [];
  for (let h = 0; h < WINDOW_HOURS; h++) {
    const at = new Date(windowStartMs + h * HOUR_MS);
    const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6;
    weights.push((HOURLY_WEIGHT[at.getUTCHours()] ?? 1) * (weekend ? WEEKEND_FACTOR : 1));
  }
  return apportion(total, weights);
}

export async function createAndFill(
  connection: DuckDBConnection,
  table: string,
  columns: readonly (readonly [string, 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'BOOLEAN'])[],
  rows: readonly (readonly (string | number | boolean)[])[],
): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`,
  );
  const appender = await connection.createAppender(table);
  for (const row of rows) {
    row.forEach((value, i) => {
      const type = columns[i]?.[1];
      if (type === 'VARCHAR') appender.appendVarchar(String(value));
      else if (type === 'BOOLEAN') appender.appendBoolean(Boolean(value));
      else if (type === 'BIGINT') appender.appendBigInt(BigInt(value as number));
      else appender.appendInteger(Number(value));
    });
    appender.endRow();
  }
  appender.closeSync();
}

export const NOISE_TEMP_TABLES = [
  '_demo_bucket',
  '_demo_rows',
  '_demo_device',
  '_demo_device_slot',
  '_demo_account',
  '_demo_template',
  '_demo_template_slot',
  '_demo_command',
] as const;

export interface NoiseOptions {
  seed: number;
  fleet: DemoFleet;
  binaries: BinaryCatalog;
  windowStartMs: number;
  /** Noise rows per hour of the window; ReportIds run 1..n inside each hour. */
  perHour: readonly number[];
}

/** Account kinds in the order of `_demo_account` keys: device * 8 + position. */
export const ACCOUNT_KINDS: readonly AccountKind[] = [
  'user',
  'admin',
  'service',
  'system',
  'localService',
  'networkService',
];
const accountKey = (device: number, kind: number) => device * 8 + kind;

export async function insertNoise(connection: DuckDBConnection, options: NoiseOptions): Promise<void> {
  const { seed, fleet, binaries, windowStartMs, perHour } = options;

  await createAndFill(
    connection,
    '_demo_bucket',
    [
      ['b', 'INTEGER'],
      ['start_ms', 'BIGINT'],
      ['day_index', 'INTEGER'],
      ['n', 'BIGINT'],
    ],
    perHour.map((n, b) => [b, windowStartMs + b * HOUR_MS, Math.floor((b * HOUR_MS) / DAY_MS), n]),
  );

  await createAndFill(
    connection,
    '_demo_device',
    [
      ['idx', 'INTEGER'],
      ['device_id', 'VARCHAR'],
      ['device_name', 'VARCHAR'],
    ],
    fleet.devices.map((d) => [d.index, d.deviceId, d.deviceName]),
  );

  const slots = apportion(
    deviceSlotCount(fleet.devices.length),
    fleet.devices.map((d) => d.weight),
  );
  const deviceSlots: [number, number, number][] = [];
  slots.forEach((count, idx) => {
    const profile = NOISE_PROFILES.indexOf(fleet.devices[idx]?.profile ?? 'client');
    for (let k = 0; k < count; k++) deviceSlots.push([deviceSlots.length, idx, profile]);
  });
  await createAndFill(
    connection,
    '_demo_device_slot',
    [
      ['slot', 'INTEGER'],
      ['idx', 'INTEGER'],
      ['profile', 'INTEGER'],
    ],
    deviceSlots,
  );

  await createAndFill(
    connection,
    '_demo_account',
    [
      ['key', 'INTEGER'],
      ['domain', 'VARCHAR'],
      ['name', 'VARCHAR'],
      ['sid', 'VARCHAR'],
      ['upn', 'VARCHAR'],
      ['oid', 'VARCHAR'],
      ['logon', 'BIGINT'],
      ['interactive', 'BOOLEAN'],
    ],
    fleet.devices.flatMap((d) =>
      ACCOUNT_KINDS.map((kind, k) => {
        const a = d.accounts[kind];
        return [
          accountKey(d.index, k),
          a.domain,
          a.name,
          a.sid,
          a.upn,
          a.objectId,
          a.logonId,
          kind === 'user' || kind === 'admin',
        ];
      }),
    ),
  );

  await createAndFill(
    connection,
    '_demo_template',
    TEMPLATE_COLUMNS,
    NOISE_TEMPLATES.map((t, id) => templateRow(t, id, binaries)),
  );

  // Numbers, GUIDs and host names in command lines come from a few variants per template, filled here once;
  // replace() per row would cost more than everything else in the INSERT.
  const commands: [number, string, string][] = [];
  NOISE_TEMPLATES.forEach((t, id) => {
    for (let v = 0; v < COMMAND_VARIANTS; v++) {
      const rng = createRng(seed, `noise-command:${id}:${v}`);
      const values: Record<string, string> = {
        '{n}': String(rng.between(10_000, 99_999)),
        '{guid}': rng.guid().toUpperCase(),
        '{host}': rng.pick(fleet.serverHostNames),
      };
      const fill = (text: string) => text.replace(/\{n\}|\{guid\}|\{host\}/g, (m) => values[m] ?? m);
      commands.push([id * COMMAND_VARIANTS + v, fill(t.command), fill(t.parentCommand)]);
    }
  });
  await createAndFill(
    connection,
    '_demo_command',
    [
      ['key', 'INTEGER'],
      ['command', 'VARCHAR'],
      ['p_command', 'VARCHAR'],
    ],
    commands,
  );

  // Integer keys computed from the row's own columns keep DuckDB's join order from pairing two lookup tables.
  const templateSlots: [number, number][] = [];
  NOISE_PROFILES.forEach((profile, p) => {
    const counts = apportion(
      TEMPLATE_SLOTS,
      NOISE_TEMPLATES.map((t) => templateWeight(t, profile)),
    );
    let slot = 0;
    counts.forEach((count, id) => {
      for (let k = 0; k < count; k++) templateSlots.push([p * TEMPLATE_SLOTS + slot++, id]);
    });
  });
  await createAndFill(
    connection,
    '_demo_template_slot',
    [
      ['key', 'INTEGER'],
      ['id', 'INTEGER'],
    ],
    templateSlots,
  );

  // range() runs on one thread; a staged table of positions lets the wide INSERT below use every core.
  await connection.run(`
CREATE OR REPLACE TEMP TABLE _demo_rows AS
SELECT b, start_ms, day_index, pos, hash(${seed}::BIGINT, b, pos) AS h
FROM (SELECT b, start_ms, day_index, unnest(range(n)) AS pos FROM _demo_bucket)`);
  await connection.run(noiseInsertSql(deviceSlotCount(fleet.devices.length)));
}

export async function dropNoiseTables(connection: DuckDBConnection): Promise<void> {
  for (const table of NOISE_TEMP_TABLES) await connection.run(`DROP TABLE IF EXISTS ${table}`);
}

const TEMPLATE_COLUMNS = [
  ['id', 'INTEGER'],
  ['file_name', 'VARCHAR'],
  ['folder_path', 'VARCHAR'],
  ['sha1', 'VARCHAR'],
  ['sha256', 'VARCHAR'],
  ['md5', 'VARCHAR'],
  ['size', 'BIGINT'],
  ['company', 'VARCHAR'],
  ['product', 'VARCHAR'],
  ['version', 'VARCHAR'],
  ['internal_name', 'VARCHAR'],
  ['original_name', 'VARCHAR'],
  ['description', 'VARCHAR'],
  ['integrity', 'VARCHAR'],
  ['elevation', 'VARCHAR'],
  ['account', 'INTEGER'],
  ['p_file_name', 'VARCHAR'],
  ['p_folder_path', 'VARCHAR'],
  ['p_sha1', 'VARCHAR'],
  ['p_sha256', 'VARCHAR'],
  ['p_md5', 'VARCHAR'],
  ['p_size', 'BIGINT'],
  ['p_company', 'VARCHAR'],
  ['p_product', 'VARCHAR'],
  ['p_version', 'VARCHAR'],
  ['p_internal_name', 'VARCHAR'],
  ['p_original_name', 'VARCHAR'],
  ['p_description', 'VARCHAR'],
  ['p_integrity', 'VARCHAR'],
  ['p_elevation', 'VARCHAR'],
  ['p_account', 'INTEGER'],
  ['p_signer', 'VARCHAR'],
  ['p_signature', 'VARCHAR'],
  ['grandparent', 'VARCHAR'],
  ['age_min', 'BIGINT'],
  ['age_span', 'BIGINT'],
  ['command_user', 'BOOLEAN'],
  ['p_command_user', 'BOOLEAN'],
  ['path_user', 'BOOLEAN'],
  ['p_path_user', 'BOOLEAN'],
] as const;

function templateRow(t: NoiseTemplate, id: number, binaries: BinaryCatalog): (string | number | boolean)[] {
  const child = binaries.get(t.child);
  const parent = binaries.get(t.parent);
  const parentAccount = t.parentAccount ?? t.account;
  const integrity = t.integrity ?? defaultIntegrity(t.account);
  const parentIntegrity = t.parentIntegrity ?? defaultIntegrity(parentAccount);
  return [
    id,
    child.fileName,
    child.folderPath,
    child.sha1,
    child.sha256,
    child.md5,
    child.size,
    child.company,
    child.product,
    child.version,
    child.internalName,
    child.originalName,
    child.description,
    integrity,
    tokenElevation(t.account, integrity),
    ACCOUNT_KINDS.indexOf(t.account),
    parent.fileName,
    parent.folderPath,
    parent.sha1,
    parent.sha256,
    parent.md5,
    parent.size,
    parent.company,
    parent.product,
    parent.version,
    parent.internalName,
    parent.originalName,
    parent.description,
    parentIntegrity,
    tokenElevation(parentAccount, parentIntegrity),
    ACCOUNT_KINDS.indexOf(parentAccount),
    parent.signer,
    parent.signature,
    t.grandparent,
    t.parentAge[0],
    Math.max(1, t.parentAge[1] - t.parentAge[0]),
    t.command.includes('{user}'),
    t.parentCommand.includes('{user}'),
    child.folderPath.includes('{user}'),
    parent.folderPath.includes('{user}'),
  ];
}

/**
 * Each row's randomness is h = hash(seed, hour, position) from _demo_rows, and hash(h, k) for the k-th draw.
 * Columns are listed in the table's order; the final SELECT must stay aligned with device-process-events.ts
 * (the tests compare every column against a JavaScript-built row).
 */
function noiseInsertSql(deviceSlots: number): string {
  const ts = (ms: string) => `make_timestamp((${ms}) * 1000)`;
  // Only rows whose template names the user pay for replace(); the rest keep the template's own string.
  const userIn = (text: string, account: string, flag: string) =>
    `CASE WHEN ${flag} THEN replace(${text}, '{user}', ${account}.name) ELSE ${text} END`;
  return `
INSERT INTO ${quoteIdent(deviceProcessEvents.name)}
WITH x AS (
  SELECT
    r.*,
    ds.idx AS dev,
    start_ms + (hash(h, 1) % ${HOUR_MS})::BIGINT AS t_ms,
    ((hash(h, 3) % 12000) + 1)::BIGINT * 4 AS pid,
    ((hash(h, 4) % 12000) + 1)::BIGINT * 4 AS ppid,
    ((hash(h, 5) % 3000) + 1)::BIGINT * 4 AS gppid,
    hash(h, 6) AS age_draw,
    (hash(h, 7) % 259200000)::BIGINT AS gp_age_ms,
    cm.command,
    cm.p_command,
    t.*
  FROM _demo_rows r
  JOIN _demo_device_slot ds ON ds.slot = (h % ${deviceSlots})::INTEGER
  JOIN _demo_template_slot tsl ON tsl.key = ds.profile * ${TEMPLATE_SLOTS} + (hash(h, 2) % ${TEMPLATE_SLOTS})::INTEGER
  JOIN _demo_template t ON t.id = tsl.id
  JOIN _demo_command cm ON cm.key = tsl.id * ${COMMAND_VARIANTS} + (hash(h, 8) % ${COMMAND_VARIANTS})::INTEGER
), y AS (
  SELECT x.*, x.t_ms - (x.age_min + (x.age_draw % x.age_span::UBIGINT)::BIGINT) * 1000 - (x.age_draw % 997)::BIGINT AS parent_ms
  FROM x
)
SELECT
  ${ts('x.t_ms')},
  d.device_id,
  d.device_name,
  'ProcessCreated',
  x.file_name,
  ${userIn('x.folder_path', 'a', 'x.path_user')},
  x.sha1, x.sha256, x.md5, x.size,
  x.company, x.product, x.version, x.internal_name, x.original_name, x.description,
  x.pid,
  ${userIn('x.command', 'a', 'x.command_user')},
  x.integrity, x.elevation,
  ${ts('x.t_ms')},
  a.domain, a.name, a.sid, a.upn, a.oid,
  CASE WHEN a.interactive THEN a.logon + x.day_index * 7919 ELSE a.logon END,
  pa.domain, pa.name, pa.sid, pa.upn, pa.oid,
  CASE WHEN pa.interactive THEN pa.logon + x.day_index * 7919 ELSE pa.logon END,
  x.p_integrity, x.p_elevation,
  x.p_sha1, x.p_sha256, x.p_md5,
  x.p_file_name, x.p_size,
  x.p_company, x.p_product, x.p_version, x.p_internal_name, x.p_original_name, x.p_description,
  x.ppid,
  ${userIn('x.p_command', 'pa', 'x.p_command_user')},
  ${ts('x.parent_ms')},
  ${userIn('x.p_folder_path', 'pa', 'x.p_path_user')},
  x.gppid,
  x.grandparent,
  ${ts('x.parent_ms - x.gp_age_ms - 1000')},
  x.p_signer, x.p_signature,
  x.pos + 1,
  '',
  ''
FROM y AS x
JOIN _demo_device d ON d.idx = x.dev
JOIN _demo_account a ON a.key = x.dev * 8 + x.account
JOIN _demo_account pa ON pa.key = x.dev * 8 + x.p_account
`;
}
