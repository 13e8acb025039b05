// The hover card of every Trends chart: the UTC day with a relative hint, where the day's numbers come from,
// and each series' exact value beside its colour and name.
import type { TooltipContentProps } from 'recharts';
import { formatCount, formatRelative } from '@/components/ui/format';
import { originLabel } from '@/lib/trends/chart-data';
import type { TrendOrigin } from '@/lib/trends/trend-report';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface ChartTooltipOptions {
  /** The answer's "now" (ISO), for the relative hint. */
  now: string;
  sourceLabel: string;
  /** Formats a value for a series; default: a count. */
  format?: (value: number, dataKey: string) => string;
  /** Rows are devices, not days. */
  byDevice?: boolean;
}

function dayHeading(day: string, nowIso: string): string {
  const start = Date.parse(`${day}T00:00:00Z`);
  const weekday = WEEKDAYS[new Date(start).getUTCDay()] ?? '';
  const now = Date.parse(nowIso);
  const today = new Date(now).toISOString().slice(0, 10) === day;
  return `${weekday} ${day} UTC · ${today ? 'today' : formatRelative(start, now)}`;
}

export function ChartTooltip({
  active,
  payload,
  label,
  now,
  sourceLabel,
  format = (value) => formatCount(value),
  byDevice = false,
}: Partial<TooltipContentProps> & ChartTooltipOptions) {
  if (!active || !payload?.length) return null;
  // A series drawn in two pieces (whole days solid, today's part dashed) shares one name: list it once, with
  // its value where one piece has it.
  const items = [...new Map(payload.map((item) => [item.name, item])).values()].map(
    (item) => payload.find((p) => p.name === item.name && typeof p.value === 'number') ?? item,
  );
  const row = payload[0]?.payload as
    | { origin?: TrendOrigin; partial?: boolean; deviceId?: string }
    | undefined;
  return (
    <div className="min-w-44 rounded-md border border-line bg-surface px-2.5 py-2 text-[12px] shadow-lg">
      <p className="font-medium">{byDevice ? String(label ?? '') : dayHeading(String(label ?? ''), now)}</p>
      {byDevice && row?.deviceId && <p className="font-mono text-[11px] text-muted">{row.deviceId}</p>}
      {!byDevice && row?.origin && (
        <p className="text-muted">
          From {originLabel(row.origin, sourceLabel)}
          {row.partial ? ', part of the day' : ''}
        </p>
      )}
      <ul className="mt-1 space-y-0.5">
        {items.map((item) => (
          <li key={String(item.dataKey)} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="inline-block size-2.5 shrink-0 rounded-sm"
              style={{ background: item.color ?? item.fill }}
            />
            <span className="flex-1">{item.name}</span>
            <span className="font-mono tabular-nums">
              {typeof item.value === 'number' ? format(item.value, String(item.dataKey)) : 'no data'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
