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
  HUNTBOARD_HUNTS_DIR: z.string().min(1).default(path.join('lib', 'hunts', 'catalog')),
  /** A hunt run that takes longer than this is cut off with 504. */
  HUNTBOARD_QUERY_TIMEOUT_MS: positiveInt(120_000),
});

export type Settings = z.infer<typeof envSchema>;

/** A setting is missing or malformed; the message names it and says what is expected. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  // Empty strings mean "not set", as in most deployment tools' env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new SettingsError(`Invalid settings:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

let cached: Settings | undefined;

/** The process's settings, read and validated on first use. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
