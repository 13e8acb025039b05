// Links into Microsoft's consoles with the query or device filled in. None of these formats is an official
// API; they are what the consoles' own "share link" buttons produce, so a console change can break them:
// - Defender advanced hunting: the KQL as UTF-16LE, gzipped, base64 (URL-safe alphabet), then URL-encoded;
// - Defender device page: /machines/v2/<DeviceId>/overview;
// - Log Analytics (Sentinel) Logs blade: the KQL as UTF-8, gzipped, base64, URL-encoded, on the workspace's
//   Azure resource id.
import 'server-only';
import { gunzipSync, gzipSync } from 'node:zlib';

const DEFENDER_PORTAL = 'https://security.microsoft.com';
const AZURE_PORTAL = 'https://portal.azure.com';
const DAY_MS = 86_400_000;

function toBase64Url(bytes: Buffer): string {
  return bytes.toString('base64').replaceAll('+', '-').replaceAll('/', '_');
}

/** The `query` parameter of a Defender advanced-hunting link, before URL encoding. */
export function encodeDefenderQuery(kql: string): string {
  return toBase64Url(gzipSync(Buffer.from(kql, 'utf16le')));
}

/** The KQL back from the `query` parameter (already URL-decoded), for tests and for reading shared links. */
export function decodeDefenderQuery(encoded: string): string {
  const base64 = encoded.replaceAll('-', '+').replaceAll('_', '/');
  return gunzipSync(Buffer.from(base64, 'base64')).toString('utf16le');
}

/** The portal's time-range choice that covers the lookback; the query's own window still decides. */
function defenderTimeRange(lookbackMs: number): string {
  if (lookbackMs <= DAY_MS) return 'day';
  if (lookbackMs <= 7 * DAY_MS) return 'week';
  return 'month';
}

export function defenderAdvancedHuntingUrl(kql: string, lookbackMs: number, tenantId?: string): string {
  const params = [
    `query=${encodeURIComponent(encodeDefenderQuery(kql))}`,
    `timeRangeId=${defenderTimeRange(lookbackMs)}`,
    ...(tenantId ? [`tid=${encodeURIComponent(tenantId)}`] : []),
  ];
  return `${DEFENDER_PORTAL}/v2/advanced-hunting?${params.join('&')}`;
}

export function defenderDevicePageUrl(deviceId: string, tenantId?: string): string {
  const tid = tenantId ? `?tid=${encodeURIComponent(tenantId)}` : '';
  return `${DEFENDER_PORTAL}/machines/v2/${encodeURIComponent(deviceId)}/overview${tid}`;
}

/** The `q` segment of a Logs blade link, before URL encoding. */
export function encodeLogsQuery(kql: string): string {
  return gzipSync(Buffer.from(kql, 'utf8')).toString('base64');
}

export function decodeLogsQuery(encoded: string): string {
  return gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8');
}

/** ISO 8601 duration in whole hours (or days), as the Logs blade's timespan segment takes it. */
function isoDuration(ms: number): string {
  if (ms % DAY_MS === 0) return `P${ms / DAY_MS}D`;
  return `PT${Math.max(1, Math.ceil(ms / 3_600_000))}H`;
}

/**
 * The query in the Logs blade of a Sentinel workspace. `workspaceResourceId` is the workspace's Azure
 * resource id, /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>.
 */
export function sentinelLogsUrl(
  kql: string,
  lookbackMs: number,
  workspaceResourceId: string,
  tenantId?: string,
): string {
  const tenant = tenantId ? `@${encodeURIComponent(tenantId)}` : '';
  return [
    `${AZURE_PORTAL}/#${tenant}/blade/Microsoft_OperationsManagementSuite_Workspace/Logs.ReactView`,
    `resourceId/${encodeURIComponent(workspaceResourceId)}`,
    'source/LogsBlade.AnalyticsShareLinkToQuery',
    `q/${encodeURIComponent(encodeLogsQuery(kql))}`,
    `timespan/${isoDuration(lookbackMs)}`,
  ].join('/');
}
