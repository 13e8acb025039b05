// The one place that reads process.env: every setting validated once, with a message naming the bad one.
import path from 'node:path';
import { z } from 'zod';
import { TABLE_NAMES } from '@/lib/tables/registry';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// The message never repeats the value: a connection URL may hold a password.
const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'must be a postgres:// URL, e.g. postgres://huntboard_app:<password>@db.example:5432/huntboard',
});

/** A cloud service's URL: https, or http on this machine only (local emulators and tests). */
const serviceUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  } catch {
    return false;
  }
}, 'must be an https URL (http only for localhost)');

const ADX_TABLE_NAME = /^[A-Za-z0-9_ .-]{1,1024}$/;
const adxTableName = z
  .string()
  .regex(ADX_TABLE_NAME, 'must be a table name (letters, digits, _ . - and spaces)');

/** `Registry=Target` pairs, comma-separated: where each registry table's export lands in Azure Data Explorer. */
const adxTableMap = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const map: Record<string, string> = {};
    for (const pair of (v ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [table = '', target = '', ...rest] = pair.split('=').map((p) => p.trim());
      if (!TABLE_NAMES.includes(table) || !ADX_TABLE_NAME.test(target) || rest.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `'${pair.slice(0, 80)}' must be <table>=<Azure Data Explorer table>, <table> one of ${TABLE_NAMES.join(', ')}`,
        });
        return z.NEVER;
      }
      if (Object.hasOwn(map, table)) {
        ctx.addIssue({ code: 'custom', message: `names ${table} twice` });
        return z.NEVER;
      }
      map[table] = target;
    }
    return map;
  });

/** How a cloud source authenticates: as the signed-in user (on-behalf-of) or as Huntboard itself. */
const sourceAuthMode = z.enum(['obo', 'client-credentials']).default('client-credentials');

const envSchema = z.object({
  /** Which telemetry source runs hunts: the embedded engine, or where the organisation's telemetry lives. */
  HUNTBOARD_SOURCE: z.enum(['embedded', 'defender', 'sentinel', 'adx']).default('embedded'),
  /** How long a cloud source's answer is reused, in seconds; 0 turns the cache off. */
  HUNTBOARD_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Cloud-source queries each user may start per minute (a hunt run makes two or three). */
  HUNTBOARD_RATE_LIMIT_PER_MINUTE: positiveInt(30),
  /** How many times a throttled (429) cloud query is retried, after the wait the service asks for. */
  HUNTBOARD_SOURCE_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** The app registration Huntboard calls the cloud sources as (MSAL confidential client). */
  SOURCE_TENANT_ID: z.string().min(1).optional(),
  SOURCE_CLIENT_ID: z.string().min(1).optional(),
  /** Never logged; the settings error names it, never shows it. */
  SOURCE_CLIENT_SECRET: z.string().min(1).optional(),
  SOURCE_AUTHORITY_HOST: serviceUrl.default('https://login.microsoftonline.com'),
  DEFENDER_AUTH_MODE: sourceAuthMode,
  DEFENDER_GRAPH_URL: serviceUrl.default('https://graph.microsoft.com'),
  /** The Log Analytics workspace (a GUID) behind Microsoft Sentinel. */
  SENTINEL_WORKSPACE_ID: z.guid('must be the workspace id, a GUID').optional(),
  SENTINEL_ENDPOINT: serviceUrl.default('https://api.loganalytics.io'),
  /** The workspace's Azure resource id, for "Open in Sentinel" links. */
  SENTINEL_WORKSPACE_RESOURCE_ID: z
    .string()
    .regex(
      /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i,
      'must be /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>',
    )
    .optional(),
  SENTINEL_AUTH_MODE: sourceAuthMode,
  ADX_CLUSTER_URL: serviceUrl.optional(),
  ADX_DATABASE: z.string().min(1).optional(),
  /** The table DeviceProcessEvents' export lands in (the same as ADX_TABLES=DeviceProcessEvents=<name>). */
  ADX_TABLE: adxTableName.optional(),
  /** Where each registry table's export lands; a table left out keeps its own name. */
  ADX_TABLES: adxTableMap,
  ADX_AUTH_MODE: sourceAuthMode,
  /** Where the embedded engine keeps its demo database. */
  HUNTBOARD_DATA_DIR: z.string().min(1).default('data'),
  /** Exported DeviceProcessEvents files (CSV, JSON lines, Parquet) to hunt in instead of demo data. */
  HUNTBOARD_EVENTS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  HUNTBOARD_DEMO_SEED: z.coerce.number().int().nonnegative().default(1),
  HUNTBOARD_DEMO_DEVICES: positiveInt(2_000),
  HUNTBOARD_DEMO_EVENTS: positiveInt(500_000),
  /** Pins "now" (ISO 8601) so that runs, demos and tests are reproducible. */
  HUNTBOARD_NOW: z.iso
    .datetime({ offset: true })
    .optional()
    .transform((v) => (v ? new Date(v) : undefined)),
  /** The built-in catalog: a folder of hunt YAML files, read recursively. */
  HUNTBOARD_HUNTS_DIR: z
    .string()
    .min(1)
    .default(path.join('lib', 'hunts', 'catalog')),
  /** More catalog folders (comma-separated), read after the built-in one; e.g. the published RMM catalog. */
  HUNTBOARD_CATALOG: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).max(50, 'may list at most 50 folders')),
  /** A hunt run that takes longer than this is cut off with 504. */
  HUNTBOARD_QUERY_TIMEOUT_MS: positiveInt(120_000),
  /**
   * Every this many minutes the server runs each hunt with its own window and records the result, so that
   * trends reach back beyond the source's retention; 0 (the default) records only the runs people make.
   */
  HUNTBOARD_RECORD_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
  /** Where the embedded triage database (PGlite) lives when DATABASE_URL is not set; default <data dir>/triage. */
  HUNTBOARD_TRIAGE_DIR: z.string().min(1).optional(),
  /** The PostgreSQL database of verdicts, exclusions and the audit log, as the application's own role. */
  DATABASE_URL: postgresUrl.optional(),
  /** The same database as its owner: runs the migrations, so the application's role needs no DDL rights. */
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
});

export type Settings = z.infer<typeof envSchema>;

/** A setting is missing or malformed; the message names it and says what is expected. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  const parsed = parseWith(envSchema, env, 'settings');
  requireSourceSettings(parsed);
  adxTables(parsed);
  return parsed;
}

/**
 * Each registry table's name in Azure Data Explorer that differs from its own: ADX_TABLES, with ADX_TABLE as
 * DeviceProcessEvents' entry. Throws SettingsError when both name DeviceProcessEvents or two tables share one.
 */
export function adxTables(s: Pick<Settings, 'ADX_TABLE' | 'ADX_TABLES'>): Record<string, string> {
  const process = 'DeviceProcessEvents';
  if (s.ADX_TABLE !== undefined && Object.hasOwn(s.ADX_TABLES, process))
    throw new SettingsError(
      `Invalid settings:\n  ADX_TABLE: names ${process}'s table, which ADX_TABLES names too; keep one of them`,
    );
  const map: Record<string, string> = {
    ...(s.ADX_TABLE === undefined ? {} : { [process]: s.ADX_TABLE }),
    ...s.ADX_TABLES,
  };
  const targets = TABLE_NAMES.map((t) => map[t] ?? t);
  const shared = targets.find((target, i) => targets.indexOf(target) !== i);
  if (shared !== undefined)
    throw new SettingsError(`Invalid settings:\n  ADX_TABLES: two tables are mapped to '${shared}'`);
  return map;
}

/** The settings a cloud source cannot start without, named when missing. */
function requireSourceSettings(s: Settings): void {
  if (s.HUNTBOARD_SOURCE === 'embedded') return;
  const required: (keyof Settings)[] = ['SOURCE_TENANT_ID', 'SOURCE_CLIENT_ID', 'SOURCE_CLIENT_SECRET'];
  if (s.HUNTBOARD_SOURCE === 'sentinel') required.push('SENTINEL_WORKSPACE_ID');
  if (s.HUNTBOARD_SOURCE === 'adx') required.push('ADX_CLUSTER_URL', 'ADX_DATABASE');
  const missing = required.filter((name) => s[name] === undefined);
  if (missing.length)
    throw new SettingsError(
      `Invalid settings:\n  ${missing.map((name) => `${name}: is required when HUNTBOARD_SOURCE=${s.HUNTBOARD_SOURCE}`).join('\n  ')}`,
    );
}

function parseWith<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined>,
  what: string,
): z.infer<T> {
  // Empty strings mean "not set", as in most deployment tools' env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new SettingsError(`Invalid ${what}:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

const httpsUrl = z.url({
  protocol: /^https$/,
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be an https URL'),
});

const authSchema = z.object({
  /** The token issuer, exactly as in `iss`, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
  AUTH_ISSUER: httpsUrl,
  /** What MSAL in the browser signs in against; default: the issuer (right for Entra ID v2 and the demo). */
  AUTH_AUTHORITY: httpsUrl.optional(),
  /** Accepted `aud` values of access tokens, comma-separated. */
  AUTH_AUDIENCE: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1, 'must name at least one audience')),
  /** The single-page app's client (application) id. */
  AUTH_CLIENT_ID: z.string().min(1),
  /** The API scope the browser requests, e.g. api://huntboard/huntboard.access. */
  AUTH_API_SCOPE: z.string().min(1),
  AUTH_TENANT_ID: z.string().min(1).optional(),
  AUTH_JWKS_URI: httpsUrl.optional(),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(60).default(60),
});

export type AuthSettings = z.infer<typeof authSchema>;

export function parseAuthSettings(env: Record<string, string | undefined>): AuthSettings {
  return parseWith(authSchema, env, 'sign-in settings');
}

let cached: Settings | undefined;
let cachedAuth: AuthSettings | undefined;

/** The sign-in settings, read and validated on first use; the web app checks them at start. */
export function authSettings(): AuthSettings {
  cachedAuth ??= parseAuthSettings(process.env);
  return cachedAuth;
}

/** The process's settings, read and validated on first use. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
