// The exact KQL the run executed, for reading and for pasting into Defender or Sentinel.
import type { HuntRun } from '@/lib/hunts/hunt-run';

export function QueryPanel({ id, kql }: { id: string; kql: HuntRun['kql'] | null }) {
  return (
    <section
      id={id}
      aria-label="Query that ran"
      className="max-h-[38vh] shrink-0 overflow-auto border-line border-b bg-surface-2 px-3 py-2"
    >
      {kql ? (
        <div className="grid gap-3 lg:grid-cols-2">
          <QueryBlock title="Devices" text={kql.devices} />
          <QueryBlock title="Timeline (per day)" text={kql.timeline} />
        </div>
      ) : (
        <p className="text-muted">The query shows here once the hunt has run.</p>
      )}
    </section>
  );
}

function QueryBlock({ title, text }: { title: string; text: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 font-medium text-muted text-xs">{title}</figcaption>
      <pre className="overflow-x-auto rounded-md border border-line bg-surface p-2 font-mono text-[12px] leading-relaxed">
        <code>{text}</code>
      </pre>
    </figure>
  );
}
