// What every Trends chart shares: the look of axes and grid (colours from CSS variables, so light and dark
// follow the theme), UTC day ticks, the shading of days that did not come from the source, and the size.
import { Cell, ReferenceArea, ReferenceLine } from 'recharts';
import { originSpans } from '@/lib/trends/chart-data';
import type { TrendDay } from '@/lib/trends/trend-report';

export const CHART_HEIGHT = 200;

export const AXIS_TICK = { fill: 'var(--fg-muted)', fontSize: 11 } as const;
export const AXIS_LINE = { stroke: 'var(--border-strong)' } as const;
export const GRID_STROKE = 'var(--border)';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Oct 28" for 2026-10-28: short, UTC, the same for everyone on the shift. */
export function formatDayTick(day: string): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1] ?? '';
  return `${month} ${Number(day.slice(8, 10))}`;
}

/** Props for the day axis of every per-day chart. */
export const DAY_AXIS = {
  dataKey: 'day',
  tick: AXIS_TICK,
  axisLine: AXIS_LINE,
  tickLine: false,
  tickFormatter: formatDayTick,
  minTickGap: 18,
  interval: 'preserveStartEnd',
} as const;

/** A count axis with its unit as the label. */
export function countAxis(unit: string) {
  return {
    tick: AXIS_TICK,
    axisLine: false,
    tickLine: false,
    allowDecimals: false,
    width: 48,
    label: {
      value: unit,
      angle: -90,
      position: 'insideLeft',
      offset: 12,
      style: { fill: 'var(--fg-muted)', fontSize: 11, textAnchor: 'middle' },
    },
  } as const;
}

/**
 * The days that came from recorded runs, or from nowhere, shaded behind the series, and a dashed "so far" line
 * on a day counted only in part (today), so a short last bar or a drop in the line does not read as a fall;
 * called inline in a chart's children (Recharts reads its reference areas from there).
 */
export function originAreas(
  days: readonly Pick<TrendDay, 'day' | 'origin' | 'partial'>[],
  { yAxisId }: { yAxisId?: string } = {},
) {
  return [...spanAreas(days, yAxisId), ...partialDayLines(days, yAxisId)];
}

function partialDayLines(days: readonly Pick<TrendDay, 'day' | 'partial'>[], yAxisId: string | undefined) {
  return days
    .filter((d) => d.partial)
    .map((d) => (
      <ReferenceLine
        key={`partial-${d.day}`}
        x={d.day}
        {...(yAxisId ? { yAxisId } : {})}
        stroke="var(--border-strong)"
        strokeDasharray="3 3"
        label={{ value: 'so far', position: 'top', fill: 'var(--fg-muted)', fontSize: 10 }}
      />
    ));
}

/** One cell per day for a bar series: a day counted only in part is drawn fainter. */
export function partialDayCells(days: readonly Pick<TrendDay, 'day' | 'partial'>[], fill: string) {
  return days.map((d) => <Cell key={d.day} fill={fill} fillOpacity={d.partial ? 0.4 : 1} />);
}

function spanAreas(days: readonly Pick<TrendDay, 'day' | 'origin'>[], yAxisId: string | undefined) {
  return originSpans(days)
    .filter((span) => span.origin !== 'source')
    .map((span) => (
      <ReferenceArea
        key={`${span.origin}-${span.from}`}
        x1={span.from}
        x2={span.to}
        {...(yAxisId ? { yAxisId } : {})}
        fill={span.origin === 'history' ? 'var(--chart-history)' : 'var(--chart-missing)'}
        fillOpacity={1}
        // Below the grid, so the grid lines still read across the shading.
        zIndex={-200}
        ifOverflow="extendDomain"
        // Narrow stretches go unlabelled: their words would spill over their neighbours.
        label={
          span.days >= Math.max(3, days.length / 8)
            ? {
                value: span.origin === 'history' ? 'Recorded runs' : 'No data',
                position: 'insideTop',
                fill: 'var(--fg-muted)',
                fontSize: 11,
              }
            : undefined
        }
      />
    ));
}
