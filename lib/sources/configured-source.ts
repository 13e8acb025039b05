// Chooses and opens the telemetry source the settings name, once per process.
import 'server-only';
import path from 'node:path';
import { type Settings, settings } from '@/lib/env';
import { createEmbeddedSource, type EmbeddedSource } from './embedded/embedded-source';
import { openTelemetryStore, type TelemetryStoreOptions } from './embedded/telemetry-store';
import { type GuardedSource, type GuardOptions, guardSource } from './source-guard';
import type { TelemetrySource } from './types';

const HOUR_MS = 3_600_000;

export interface EmbeddedConfig {
  dataDir: string;
  /** Exported files to hunt in; empty for the demo data. */
  files: readonly string[];
  demo: { seed: number; devices: number; events: number };
  /** The end of the demo month. */
  anchor: Date;
}

/**
 * The demo month ends at the pinned "now", or else at the start of the hour the process started in (never in the future): a stable
 * anchor, so that a server and a CLI started in the same hour share one generated file.
 */
export function demoAnchor(pinned: Date | undefined, startedAt = new Date()): Date {
  return pinned ?? new Date(Math.floor(startedAt.getTime() / HOUR_MS) * HOUR_MS);
}

function storeOptions(config: EmbeddedConfig): TelemetryStoreOptions {
  if (config.files.length) return { mode: 'files', files: config.files };
  return { mode: 'demo', file: path.join(config.dataDir, 'demo.duckdb'), ...config.demo, now: config.anchor };
}

/** The embedded engine on its own, for one-off use (the command line); the app puts it behind the guard. */
export async function openEmbeddedSource(config: EmbeddedConfig): Promise<EmbeddedSource> {
  return createEmbeddedSource(await openTelemetryStore(storeOptions(config)));
}

/**
 * The embedded engine behind the same guard as the cloud sources: identical runs in flight share one query and
 * answers are reused for HUNTBOARD_CACHE_TTL_SECONDS. There is no per-user rate limit: that limit spares a
 * tenant's query quota, and the embedded engine has none; each query is still bound by the query time limit.
 */
export function guardEmbeddedSource(
  source: EmbeddedSource,
  s: Pick<Settings, 'HUNTBOARD_CACHE_TTL_SECONDS'>,
  { clock }: Pick<GuardOptions, 'clock'> = {},
): GuardedSource {
  return guardSource(source, {
    cacheTtlMs: s.HUNTBOARD_CACHE_TTL_SECONDS * 1000,
    retries: 0,
    ...(clock ? { clock } : {}),
  });
}

let processAnchor: Date | undefined;

function configured(): EmbeddedConfig {
  const s = settings();
  // Fixed on first use, so that the whole life of the process sees one demo month.
  processAnchor ??= demoAnchor(s.HUNTBOARD_NOW);
  return {
    dataDir: s.HUNTBOARD_DATA_DIR,
    files: s.HUNTBOARD_EVENTS,
    demo: { seed: s.HUNTBOARD_DEMO_SEED, devices: s.HUNTBOARD_DEMO_DEVICES, events: s.HUNTBOARD_DEMO_EVENTS },
    anchor: processAnchor,
  };
}

let source: Promise<TelemetrySource> | undefined;

/** The source HUNTBOARD_SOURCE names, behind its guard: the embedded engine or a cloud source. */
export function openConfiguredSource(): Promise<TelemetrySource> {
  const id = settings().HUNTBOARD_SOURCE;
  source ??= (
    id === 'embedded'
      ? openEmbeddedSource(configured()).then((opened) => guardEmbeddedSource(opened, settings()))
      : // Loaded on demand: the embedded engine, and the command line with it, never load the cloud SDKs.
        import('./cloud/from-settings').then(({ cloudSourceFromSettings }) =>
          cloudSourceFromSettings(id, settings()),
        )
  ).catch((error) => {
    source = undefined; // fixed files or settings are picked up by the next request
    throw error;
  });
  return source;
}

/** Makes sure the configured data is ready (generating the demo month if needed) and says what it is. */
export async function prepareEmbeddedData(log: (line: string) => void = () => {}): Promise<string> {
  const config = configured();
  if (!config.files.length)
    log(`Preparing demo telemetry (${config.demo.events.toLocaleString('en')} events)…`);
  const started = performance.now();
  const opened = await openEmbeddedSource(config);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const label = opened.label;
  await opened.close();
  return `Telemetry: ${label}, ready in ${seconds} s`;
}
