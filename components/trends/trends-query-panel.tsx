// The exact KQL the trends ran on the source, for reading and for pasting into Defender or Sentinel.
import type { TrendReport } from '@/lib/trends/trend-report';

const BLOCKS: { key: keyof TrendReport['kql']; title: string }[] = [
  { key: 'daily', title: 'Events and devices per day' },
  { key: 'firstSeen', title: 'Devices seen for the first time, per day' },
  { key: 'deviceDays', title: 'Events per device and day (verdict mix, first flags)' },
  { key: 'topDevices', title: 'Top devices' },
];

export function TrendsQueryPanel({ id, kql }: { id: string; kql: TrendReport['kql'] | null }) {
  return (
    <section
      id={id}
      aria-label="Queries that ran"
      className="max-h-[38vh] shrink-0 overflow-auto border-line border-b bg-surface-2 px-3 py-2"
    >
      {kql ? (
        <div className="grid gap-3 lg:grid-cols-2">
          {BLOCKS.map(({ key, title }) => (
            <figure key={key} className="min-w-0">
              <figcaption className="mb-1 font-medium text-muted text-xs">{title}</figcaption>
              <pre className="overflow-x-auto rounded-md border border-line bg-surface p-2 font-mono text-[12px] leading-relaxed">
                <code>{kql[key]}</code>
              </pre>
            </figure>
          ))}
        </div>
      ) : (
        <p className="text-muted">The queries show here once the trends have loaded.</p>
      )}
    </section>
  );
}
