// Ordinary DeviceNetworkEvents and DeviceFileCertificateInfo rows, generated inside DuckDB like the process
// noise (lookup tables from JavaScript, randomness from hash(seed, hour, position)): browsers, Office, Teams,
// Windows services and Defender talking to their usual hosts, and the signers of the fleet's ordinary files.
import type { DuckDBConnection } from '@duckdb/node-api';
import { deviceFileCertificateInfo } from '@/lib/tables/device-file-certificate-info';
import { deviceNetworkEvents } from '@/lib/tables/device-network-events';
import type { BinaryCatalog, BinaryKey } from './demo-binaries';
import { DAY_MS, HOUR_MS } from './demo-event-row';
import type { AccountKind, DemoFleet } from './demo-fleet';
import { ACCOUNT_KINDS, apportion, createAndFill } from './demo-noise';
import { defaultIntegrity, tokenElevation } from './demo-noise-templates';
import { deviceLocalIp } from './demo-table-rows';
import { createRng } from './prng';
import { quoteIdent, sqlString } from './schema';

/** Clients and servers draw from their own template mixes. */
type Group = 'client' | 'server';

interface ConnectionTemplate {
  binary: BinaryKey;
  parent: BinaryKey;
  account: AccountKind;
  command: string;
  url: string;
  /** The first three octets; the last comes from the row's hash. */
  ipPrefix: string;
  port: number;
  weight: Record<Group, number>;
}

const SVCHOST = 'C:\\Windows\\system32\\svchost.exe';
const CHROME =
  '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none';
const EDGE =
  '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none';

const t = (
  binary: BinaryKey,
  parent: BinaryKey,
  account: AccountKind,
  command: string,
  url: string,
  ipPrefix: string,
  port: number,
  client: number,
  server = 0,
): ConnectionTemplate => ({
  binary,
  parent,
  account,
  command,
  url,
  ipPrefix,
  port,
  weight: { client, server },
});

const CONNECTION_TEMPLATES: readonly ConnectionTemplate[] = [
  t('chrome.exe', 'explorer.exe', 'user', CHROME, 'www.google.com', '142.250.74', 443, 8),
  t('chrome.exe', 'explorer.exe', 'user', CHROME, 'clients2.google.com', '142.250.75', 443, 3),
  t('chrome.exe', 'explorer.exe', 'user', CHROME, 'www.youtube.com', '142.250.76', 443, 2),
  t('chrome.exe', 'explorer.exe', 'user', CHROME, 'github.com', '140.82.121', 443, 1),
  t('chrome.exe', 'explorer.exe', 'user', CHROME, 'www.linkedin.com', '13.107.42', 443, 1),
  t('msedge.exe', 'explorer.exe', 'user', EDGE, 'www.bing.com', '204.79.197', 443, 3),
  t('msedge.exe', 'explorer.exe', 'user', EDGE, 'login.microsoftonline.com', '20.190.159', 443, 4),
  t('msedge.exe', 'explorer.exe', 'user', EDGE, 'contoso.sharepoint.com', '13.107.136', 443, 3),
  t(
    'outlook.exe',
    'explorer.exe',
    'user',
    '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"',
    'outlook.office365.com',
    '52.97.146',
    443,
    5,
  ),
  t('ms-teams.exe', 'explorer.exe', 'user', 'ms-teams.exe', 'teams.microsoft.com', '52.113.194', 443, 5),
  t(
    'onedrive.exe',
    'explorer.exe',
    'user',
    '"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
    'contoso-my.sharepoint.com',
    '13.107.138',
    443,
    3,
  ),
  t(
    'svchost.exe',
    'services.exe',
    'system',
    `${SVCHOST} -k netsvcs -p -s wuauserv`,
    'ctldl.windowsupdate.com',
    '13.107.4',
    80,
    2,
    4,
  ),
  t(
    'svchost.exe',
    'services.exe',
    'system',
    `${SVCHOST} -k utcsvc -p`,
    'settings-win.data.microsoft.com',
    '20.42.65',
    443,
    2,
    3,
  ),
  t(
    'svchost.exe',
    'services.exe',
    'networkService',
    `${SVCHOST} -k NetworkService -p -s Dnscache`,
    '',
    '10.20.0',
    53,
    3,
    4,
  ),
  t('svchost.exe', 'services.exe', 'system', `${SVCHOST} -k netsvcs -p -s gpsvc`, '', '10.20.0', 389, 1, 3),
  t(
    'msmpeng.exe',
    'services.exe',
    'system',
    '"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe"',
    'wdcp.microsoft.com',
    '20.42.73',
    443,
    1,
    2,
  ),
  t(
    'sqlagent.exe',
    'services.exe',
    'service',
    '"C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\SQLAGENT.EXE" -i MSSQLSERVER',
    '',
    '10.20.0',
    1433,
    0,
    2,
  ),
];

/** Ordinary signed files and their publishers, for DeviceFileCertificateInfo. */
const SIGNED_FILES: readonly {
  binary: BinaryKey;
  signer: string;
  issuer: string;
  microsoftRoot: boolean;
  weight: Record<Group, number>;
}[] = [
  {
    binary: 'chrome.exe',
    signer: 'Google LLC',
    issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
    microsoftRoot: false,
    weight: { client: 5, server: 0 },
  },
  {
    binary: 'msedge.exe',
    signer: 'Microsoft Corporation',
    issuer: 'Microsoft Code Signing PCA 2011',
    microsoftRoot: true,
    weight: { client: 4, server: 1 },
  },
  {
    binary: 'ms-teams.exe',
    signer: 'Microsoft Corporation',
    issuer: 'Microsoft Code Signing PCA 2011',
    microsoftRoot: true,
    weight: { client: 3, server: 0 },
  },
  {
    binary: 'outlook.exe',
    signer: 'Microsoft Corporation',
    issuer: 'Microsoft Code Signing PCA 2011',
    microsoftRoot: true,
    weight: { client: 3, server: 0 },
  },
  {
    binary: 'onedrive.exe',
    signer: 'Microsoft Corporation',
    issuer: 'Microsoft Code Signing PCA 2011',
    microsoftRoot: true,
    weight: { client: 2, server: 0 },
  },
  {
    binary: 'code.exe',
    signer: 'Microsoft Corporation',
    issuer: 'Microsoft Code Signing PCA 2011',
    microsoftRoot: true,
    weight: { client: 1, server: 0 },
  },
  {
    binary: 'git.exe',
    signer: 'Johannes Schindelin',
    issuer: 'Sectigo Public Code Signing CA R36',
    microsoftRoot: false,
    weight: { client: 1, server: 0 },
  },
  {
    binary: 'acrobat.exe',
    signer: 'Adobe Inc.',
    issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
    microsoftRoot: false,
    weight: { client: 2, server: 0 },
  },
  {
    binary: 'msmpeng.exe',
    signer: 'Microsoft Windows Publisher',
    issuer: 'Microsoft Windows Production PCA 2011',
    microsoftRoot: true,
    weight: { client: 1, server: 2 },
  },
  {
    binary: 'sqlagent.exe',
    signer: 'Microsoft Corporation',
    issuer: 'Microsoft Code Signing PCA 2011',
    microsoftRoot: true,
    weight: { client: 0, server: 2 },
  },
  {
    binary: 'veeam.backup.service.exe',
    signer: 'Veeam Software Group GmbH',
    issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
    microsoftRoot: false,
    weight: { client: 0, server: 1 },
  },
];

const SLOTS = 1_024;

/** Fills `_demo_<name>_slot` with SLOTS weighted template ids per group, keyed group * SLOTS + slot. */
async function fillSlots(
  connection: DuckDBConnection,
  name: string,
  weights: readonly Record<Group, number>[],
) {
  const rows: [number, number][] = [];
  (['client', 'server'] as const).forEach((group, g) => {
    const counts = apportion(
      SLOTS,
      weights.map((w) => w[group]),
    );
    let slot = 0;
    counts.forEach((count, id) => {
      for (let k = 0; k < count; k++) rows.push([g * SLOTS + slot++, id]);
    });
  });
  await createAndFill(
    connection,
    `_demo_${name}_slot`,
    [
      ['key', 'INTEGER'],
      ['id', 'INTEGER'],
    ],
    rows,
  );
}

async function fillDevices(connection: DuckDBConnection, fleet: DemoFleet) {
  await createAndFill(
    connection,
    '_demo_net_device',
    [
      ['idx', 'INTEGER'],
      ['device_id', 'VARCHAR'],
      ['device_name', 'VARCHAR'],
      ['local_ip', 'VARCHAR'],
      ['grp', 'INTEGER'],
    ],
    fleet.devices.map((d) => [
      d.index,
      d.deviceId,
      d.deviceName,
      deviceLocalIp(d.index),
      d.kind === 'server' ? 1 : 0,
    ]),
  );
}

async function fillBuckets(
  connection: DuckDBConnection,
  name: string,
  seed: number,
  windowStartMs: number,
  perHour: readonly number[],
) {
  await createAndFill(
    connection,
    `_demo_${name}_bucket`,
    [
      ['b', 'INTEGER'],
      ['start_ms', 'BIGINT'],
      ['n', 'BIGINT'],
    ],
    perHour.map((n, b) => [b, windowStartMs + b * HOUR_MS, n]),
  );
  await connection.run(`
CREATE OR REPLACE TEMP TABLE _demo_${name}_rows AS
SELECT b, start_ms, pos, hash(${seed}::BIGINT, ${sqlString(name)}, b, pos) AS h
FROM (SELECT b, start_ms, unnest(range(n)) AS pos FROM _demo_${name}_bucket)`);
}

export interface TableNoiseOptions {
  seed: number;
  fleet: DemoFleet;
  binaries: BinaryCatalog;
  windowStartMs: number;
  /** Rows per hour of the window; ReportIds run 1..n inside each hour. */
  perHour: readonly number[];
}

/**
 * Ordinary connections. Needs the process noise's `_demo_account` table, so it runs before that is dropped.
 */
export async function insertNetworkNoise(
  connection: DuckDBConnection,
  options: TableNoiseOptions,
): Promise<void> {
  const { seed, fleet, binaries, windowStartMs, perHour } = options;
  await fillDevices(connection, fleet);
  await fillSlots(
    connection,
    'net',
    CONNECTION_TEMPLATES.map((c) => c.weight),
  );
  await fillBuckets(connection, 'net', seed, windowStartMs, perHour);
  await createAndFill(
    connection,
    '_demo_net_template',
    [
      ['id', 'INTEGER'],
      ['url', 'VARCHAR'],
      ['ip_prefix', 'VARCHAR'],
      ['port', 'INTEGER'],
      ['account', 'INTEGER'],
      ['integrity', 'VARCHAR'],
      ['elevation', 'VARCHAR'],
      ['command', 'VARCHAR'],
      ['parent', 'VARCHAR'],
      ['sha1', 'VARCHAR'],
      ['sha256', 'VARCHAR'],
      ['md5', 'VARCHAR'],
      ['file_name', 'VARCHAR'],
      ['size', 'BIGINT'],
      ['company', 'VARCHAR'],
      ['product', 'VARCHAR'],
      ['version', 'VARCHAR'],
      ['internal_name', 'VARCHAR'],
      ['original_name', 'VARCHAR'],
      ['description', 'VARCHAR'],
      ['folder_path', 'VARCHAR'],
      ['per_user', 'BOOLEAN'],
    ],
    CONNECTION_TEMPLATES.map((c, id) => {
      const b = binaries.get(c.binary);
      const integrity = defaultIntegrity(c.account);
      return [
        id,
        c.url,
        c.ipPrefix,
        c.port,
        ACCOUNT_KINDS.indexOf(c.account),
        integrity,
        tokenElevation(c.account, integrity),
        c.command,
        binaries.get(c.parent).fileName,
        b.sha1,
        b.sha256,
        b.md5,
        b.fileName,
        b.size,
        b.company,
        b.product,
        b.version,
        b.internalName,
        b.originalName,
        b.description,
        b.folderPath,
        // Only per-user paths pay for replace().
        `${c.command}${b.folderPath}`.includes('{user}'),
      ];
    }),
  );
  const ts = (ms: string) => `make_timestamp((${ms}) * 1000)`;
  const n = fleet.devices.length;
  await connection.run(`
INSERT INTO ${quoteIdent(deviceNetworkEvents.name)} BY NAME
WITH x AS (
  SELECT r.*, d.*, tp.*,
    r.start_ms + (hash(h, 1) % ${HOUR_MS})::BIGINT AS t_ms,
    (hash(h, 3) % 43200000)::BIGINT + 1000 AS age_ms,
    (hash(h, 4) % 259200000)::BIGINT AS parent_age_ms
  FROM _demo_net_rows r
  JOIN _demo_net_device d ON d.idx = (h % ${n})::INTEGER
  JOIN _demo_net_slot s ON s.key = d.grp * ${SLOTS} + (hash(h, 2) % ${SLOTS})::INTEGER
  JOIN _demo_net_template tp ON tp.id = s.id
)
SELECT
  ${ts('x.t_ms')} AS "Timestamp",
  x.device_id AS DeviceId,
  x.device_name AS DeviceName,
  CASE WHEN hash(h, 5) % 40 = 0 THEN 'ConnectionFailed' ELSE 'ConnectionSuccess' END AS ActionType,
  x.ip_prefix || '.' || ((hash(h, 6) % 200) + 10)::VARCHAR AS RemoteIP,
  x.port AS RemotePort,
  x.url AS RemoteUrl,
  x.local_ip AS LocalIP,
  (49152 + hash(h, 7) % 16383)::INTEGER AS LocalPort,
  CASE WHEN x.port = 53 THEN 'Udp' ELSE 'Tcp' END AS Protocol,
  'Private' AS LocalIPType,
  CASE WHEN starts_with(x.ip_prefix, '10.') THEN 'Private' ELSE 'Public' END AS RemoteIPType,
  x.sha1 AS InitiatingProcessSHA1,
  x.sha256 AS InitiatingProcessSHA256,
  x.md5 AS InitiatingProcessMD5,
  x.file_name AS InitiatingProcessFileName,
  x.size AS InitiatingProcessFileSize,
  x.company AS InitiatingProcessVersionInfoCompanyName,
  x.product AS InitiatingProcessVersionInfoProductName,
  x.version AS InitiatingProcessVersionInfoProductVersion,
  x.internal_name AS InitiatingProcessVersionInfoInternalFileName,
  x.original_name AS InitiatingProcessVersionInfoOriginalFileName,
  x.description AS InitiatingProcessVersionInfoFileDescription,
  (((hash(h, 8) % 12000) + 1) * 4)::BIGINT AS InitiatingProcessId,
  CASE WHEN x.per_user THEN replace(x.command, '{user}', a.name) ELSE x.command END AS InitiatingProcessCommandLine,
  ${ts('x.t_ms - x.age_ms')} AS InitiatingProcessCreationTime,
  CASE WHEN x.per_user THEN replace(x.folder_path, '{user}', a.name) ELSE x.folder_path END AS InitiatingProcessFolderPath,
  x.parent AS InitiatingProcessParentFileName,
  (((hash(h, 9) % 3000) + 1) * 4)::BIGINT AS InitiatingProcessParentId,
  ${ts('x.t_ms - x.age_ms - x.parent_age_ms - 1000')} AS InitiatingProcessParentCreationTime,
  a.domain AS InitiatingProcessAccountDomain,
  a.name AS InitiatingProcessAccountName,
  a.sid AS InitiatingProcessAccountSid,
  a.upn AS InitiatingProcessAccountUpn,
  a.oid AS InitiatingProcessAccountObjectId,
  x.integrity AS InitiatingProcessIntegrityLevel,
  x.elevation AS InitiatingProcessTokenElevation,
  x.pos + 1 AS ReportId,
  '' AS AppGuardContainerId,
  '' AS AdditionalFields
FROM x
JOIN _demo_account a ON a.key = x.idx * 8 + x.account`);
}

/** The signers of the fleet's ordinary files, each row joined to process events by the file's SHA1. */
export async function insertCertificateNoise(
  connection: DuckDBConnection,
  options: TableNoiseOptions & { nowMs: number },
): Promise<void> {
  const { seed, fleet, binaries, windowStartMs, perHour, nowMs } = options;
  await fillSlots(
    connection,
    'cert',
    SIGNED_FILES.map((f) => f.weight),
  );
  await fillBuckets(connection, 'cert', seed, windowStartMs, perHour);
  await createAndFill(
    connection,
    '_demo_cert_template',
    [
      ['id', 'INTEGER'],
      ['sha1', 'VARCHAR'],
      ['signer', 'VARCHAR'],
      ['signer_hash', 'VARCHAR'],
      ['issuer', 'VARCHAR'],
      ['issuer_hash', 'VARCHAR'],
      ['serial', 'VARCHAR'],
      ['crl', 'VARCHAR'],
      ['created_ms', 'BIGINT'],
      ['expires_ms', 'BIGINT'],
      ['countersigned_ms', 'BIGINT'],
      ['microsoft_root', 'BOOLEAN'],
    ],
    SIGNED_FILES.map((f, id) => {
      const rng = createRng(seed, `certificate:${f.signer}:${f.binary}`);
      const created = Math.floor((nowMs - rng.between(60, 700) * DAY_MS) / 1000) * 1000;
      return [
        id,
        binaries.get(f.binary).sha1,
        f.signer,
        createRng(seed, `certificate:${f.signer}`).hex(40),
        f.issuer,
        createRng(seed, `issuer:${f.issuer}`).hex(40),
        rng.hex(32),
        JSON.stringify([
          `http://crl.${f.microsoftRoot ? 'microsoft.com/pki' : 'digicert.com'}/${f.issuer.replace(/[^A-Za-z0-9]+/g, '')}.crl`,
        ]),
        created,
        created + 2 * 365 * DAY_MS,
        created + rng.between(1, 30) * DAY_MS,
        f.microsoftRoot,
      ];
    }),
  );
  const ts = (ms: string) => `make_timestamp((${ms}) * 1000)`;
  const n = fleet.devices.length;
  await connection.run(`
INSERT INTO ${quoteIdent(deviceFileCertificateInfo.name)} BY NAME
SELECT
  ${ts(`r.start_ms + (hash(h, 1) % ${HOUR_MS})::BIGINT`)} AS "Timestamp",
  d.device_id AS DeviceId,
  d.device_name AS DeviceName,
  c.sha1 AS SHA1,
  true AS IsSigned,
  'Embedded' AS SignatureType,
  c.signer AS Signer,
  c.signer_hash AS SignerHash,
  c.issuer AS Issuer,
  c.issuer_hash AS IssuerHash,
  c.serial AS CertificateSerialNumber,
  c.crl::JSON AS CrlDistributionPointUrls,
  ${ts('c.created_ms')} AS CertificateCreationTime,
  ${ts('c.expires_ms')} AS CertificateExpirationTime,
  ${ts('c.countersigned_ms')} AS CertificateCountersignatureTime,
  true AS IsTrusted,
  c.microsoft_root AS IsRootSignerMicrosoft,
  r.pos + 1 AS ReportId
FROM _demo_cert_rows r
JOIN _demo_net_device d ON d.idx = (h % ${n})::INTEGER
JOIN _demo_cert_slot s ON s.key = d.grp * ${SLOTS} + (hash(h, 2) % ${SLOTS})::INTEGER
JOIN _demo_cert_template c ON c.id = s.id`);
}

export const TABLE_NOISE_TEMP_TABLES = [
  '_demo_net_device',
  '_demo_net_slot',
  '_demo_net_bucket',
  '_demo_net_rows',
  '_demo_net_template',
  '_demo_cert_slot',
  '_demo_cert_bucket',
  '_demo_cert_rows',
  '_demo_cert_template',
] as const;
