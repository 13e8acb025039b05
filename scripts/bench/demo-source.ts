// The demo month the app serves by default (500,000 events on 2,000 devices), generated once per bench process
// into a temporary directory and opened through the configured-source path, as the app opens it.
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Hunt, loadCatalog } from '@/lib/hunts/catalog';
import { findHunt } from '@/lib/hunts/run-hunt';
import { openEmbeddedSource } from '@/lib/sources/configured-source';
import { DEMO_DEFAULTS } from '@/lib/sources/embedded/demo-generator';
import type { EmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { BENCH_NOW } from './common';

/** The seed hunt (mRemoteNG, create process). */
export const SEED_HUNT_ID = 'a2d8dde6-007d-4bea-964d-97bb81006849';

let demo: Promise<{ source: EmbeddedSource; hunt: Hunt }> | undefined;

async function open(seed: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'huntboard-bench-demo-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const { devices, events } = DEMO_DEFAULTS;
  console.log(`Generating the demo month: ${events.toLocaleString('en')} events on ${devices} devices…`);
  const started = performance.now();
  const source = await openEmbeddedSource({
    dataDir: dir,
    files: [],
    demo: { seed, devices, events },
    anchor: BENCH_NOW,
  });
  console.log(`  ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { source, hunt: findHunt(await loadCatalog(), SEED_HUNT_ID) };
}

/** The demo source (unguarded: each benchmark puts its own guard in front) and the seed hunt. */
export function benchDemo(seed: number): Promise<{ source: EmbeddedSource; hunt: Hunt }> {
  demo ??= open(seed);
  return demo;
}
