// The embedded engine a `huntboard hunt` run hunts in: the exported files it names, or the demo data. A module of
// its own so that the command loads it, and DuckDB with it, only once the hunt itself has loaded.
import type { Settings } from '@/lib/env';
import { demoAnchor, openEmbeddedSource } from '@/lib/sources/configured-source';
import type { EmbeddedSource } from '@/lib/sources/embedded/embedded-source';

export function openHuntSource(
  config: Settings,
  { events, now }: { events: readonly string[]; now?: Date },
): Promise<EmbeddedSource> {
  return openEmbeddedSource({
    dataDir: config.HUNTBOARD_DATA_DIR,
    files: events.length ? events : config.HUNTBOARD_EVENTS,
    demo: {
      seed: config.HUNTBOARD_DEMO_SEED,
      devices: config.HUNTBOARD_DEMO_DEVICES,
      events: config.HUNTBOARD_DEMO_EVENTS,
    },
    // A pinned --now also anchors the demo month, so that a reproducible run sees reproducible data.
    anchor: demoAnchor(now ?? config.HUNTBOARD_NOW),
  });
}
