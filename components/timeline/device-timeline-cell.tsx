// One device's activity on the shared axis: a thin bar from first to last seen, and per-day bars
// whose height grows with the day's count relative to the busiest device-day in the whole result.
// Drawn with a handful of SVG nodes per row (paths in axis units, day lines from a shared CSS
// gradient) so thousands of rows stay cheap to scroll.
'use client';
import { type CSSProperties, type PointerEvent, useMemo } from 'react';
import { formatCount, formatUtcExact, plural } from '@/components/ui/format';
import { dayAt, type TimeScale } from './timeline-scale';
import { useTimelineTooltip } from './timeline-tooltip';

const HEIGHT = 22;
const BASELINE = HEIGHT - 4;
const BAR_MAX = BASELINE - 2;
/** Share of a day's width a bar takes, leaving gaps so neighbouring days stay apart. */
const BAR_SHARE = 0.6;
/** The SVG's horizontal units: the axis from 0 (window start) to 1000 (window end). */
const UNITS = 1000;

export interface TimelineDevice {
  deviceName: string;
  firstSeenMs: number;
  lastSeenMs: number;
  count: number;
  activity: readonly { day: string; count: number }[];
}

/**
 * The day lines behind every timeline cell, set once on a container as a CSS variable that the
 * cells paint as their background.
 */
export function timelineGridStyle(scale: TimeScale | null): CSSProperties {
  if (!scale) return {};
  const stops = scale.days.slice(1).map((day) => {
    const at = `${(day.x0 * 100).toFixed(3)}%`;
    return `transparent ${at}, var(--timeline-grid) ${at}, var(--timeline-grid) calc(${at} + 1px), transparent calc(${at} + 1px)`;
  });
  const image = stops.length > 0 ? `linear-gradient(to right, ${stops.join(', ')})` : 'none';
  return { '--timeline-grid-image': image } as CSSProperties;
}

const u = (fraction: number) => (fraction * UNITS).toFixed(2);

export function DeviceTimelineCell({ device, scale }: { device: TimelineDevice; scale: TimeScale }) {
  const tooltip = useTimelineTooltip();
  const counts = useMemo(() => new Map(device.activity.map((a) => [a.day, a.count])), [device.activity]);

  const first = scale.fraction(device.firstSeenMs);
  const last = scale.fraction(device.lastSeenMs);
  let bars = '';
  let activeDays = 0;
  for (const entry of device.activity) {
    const day = scale.dayByKey.get(entry.day);
    if (!day || entry.count <= 0) continue;
    activeDays++;
    const width = (day.x1 - day.x0) * BAR_SHARE;
    const x = (day.x0 + day.x1) / 2 - width / 2;
    // Square root keeps quiet days visible next to a burst while the order stays the same.
    const height = Math.max(
      3,
      Math.round(Math.sqrt(entry.count / Math.max(1, scale.maxDailyCount)) * BAR_MAX),
    );
    bars += `M${u(x)} ${BASELINE - 1}v${-height}h${u(width)}v${height}z`;
  }
  const summary = `${plural(device.count, 'event')} on ${plural(activeDays, 'day')}, first ${formatUtcExact(device.firstSeenMs)}, last ${formatUtcExact(device.lastSeenMs)}`;

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!tooltip) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const day = dayAt(scale, (event.clientX - rect.left) / Math.max(1, rect.width));
    if (!day) return tooltip.hide();
    const count = counts.get(day.day) ?? 0;
    tooltip.show({
      key: `${device.deviceName}|${day.day}`,
      x: rect.left + ((day.x0 + day.x1) / 2) * rect.width,
      y: rect.top,
      title: `${device.deviceName} · ${day.day} (UTC)`,
      lines: [
        `${formatCount(count)} ${count === 1 ? 'event' : 'events'} this day`,
        `First seen ${formatUtcExact(device.firstSeenMs)}`,
        `Last seen ${formatUtcExact(device.lastSeenMs)}`,
        `${plural(device.count, 'event')} in the window`,
      ],
    });
  };

  return (
    <div className="w-full bg-(image:--timeline-grid-image)">
      <svg
        width="100%"
        height={HEIGHT}
        viewBox={`0 0 ${UNITS} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={summary}
        className="block overflow-visible"
        onPointerMove={onPointerMove}
        onPointerLeave={() => tooltip?.hide()}
      >
        <rect x={0} y={BASELINE} width={UNITS} height={2} fill="var(--timeline-track)" />
        <rect
          x={u(first)}
          y={BASELINE - 1}
          width={u(Math.max(0, last - first))}
          height={4}
          fill="var(--timeline-span)"
        />
        <path
          d={`M${u(first)} ${BASELINE - 3}v8M${u(last)} ${BASELINE - 3}v8`}
          stroke="var(--timeline-bar)"
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
        />
        {bars && <path d={bars} fill="var(--timeline-bar)" />}
      </svg>
    </div>
  );
}
