// The one place that reads process.env: every setting validated once, with a message naming the bad one.
import path from 'node:path';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  /** Which telemetry source runs hunts. Only the embedded engine exists so far. */
  HUNTBOARD_SOURCE: z.enum(['embedded']).default('embedded'),
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
  /** Folder of hunt YAML files. */
  HUNTBOARD_HUNTS_DIR: z
    .string()
    .min(1)
    .default(path.join('lib', 'hunts', 'catalog')),
  /** A hunt run that takes longer than this is cut off with 504. */
  HUNTBOARD_QUERY_TIMEOUT_MS: positiveInt(120_000),
});

export type Settings = z.infer<typeof envSchema>;

/** A setting is missing or malformed; the message names it and says what is expected. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  return parseWith(envSchema, env, 'settings');
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
