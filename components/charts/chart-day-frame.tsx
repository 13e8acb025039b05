// The frames the per-day Trends charts are drawn in. `ChartDayAxes`: named after its card, the grid, the UTC
// day axis, a count axis with its unit, and a hover card. `ChartDayFrame` adds what every chart of a trend
// report shares: the shading of days that did not come from the source and the report's hover card. Each
// chart adds only its series (and any second axis or legend) as children, which Recharts reads from here.
'use client';
import type { ReactNode } from 'react';
import {
  BarChart,
  CartesianGrid,
  ComposedChart,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { useChartLabel } from './chart-card';
import { countAxis, DAY_AXIS, GRID_STROKE, originAreas } from './chart-theme';
import { ChartTooltip, type ChartTooltipOptions } from './chart-tooltip';
import { CHART_MARGIN, type DayChartProps } from './chart-types';

/** Where the pointer is: a shaded band over the day's bars, or a rule through the day's points. */
const CURSORS = {
  band: { fill: 'var(--surface-3)' },
  rule: { stroke: 'var(--border-strong)' },
} as const;

interface AxesOptions {
  /** The count axis' label, e.g. "events / day". */
  unit: string;
  /** Bars and lines mixed (a ComposedChart); default: bars alone. */
  composed?: boolean;
  cursor?: keyof typeof CURSORS;
  /** The count axis' id, when the chart has a second value axis. */
  countAxisId?: string;
  children: ReactNode;
}

export function ChartDayAxes({
  rows,
  unit,
  composed = false,
  cursor = 'band',
  countAxisId,
  tooltip,
  children,
}: AxesOptions & {
  /** The rows drawn, one per UTC day (`day`: YYYY-MM-DD). */
  rows: readonly { day: string }[];
  tooltip: (props: TooltipContentProps) => ReactNode;
}) {
  const label = useChartLabel();
  const Chart = composed ? ComposedChart : BarChart;
  return (
    <Chart
      aria-label={label}
      responsive
      data={[...rows]}
      margin={CHART_MARGIN}
      style={{ width: '100%', height: '100%' }}
    >
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      <XAxis {...DAY_AXIS} />
      <YAxis {...(countAxisId ? { yAxisId: countAxisId } : {})} {...countAxis(unit)} />
      <Tooltip cursor={CURSORS[cursor]} content={tooltip} />
      {children}
    </Chart>
  );
}

export function ChartDayFrame({
  days,
  now,
  sourceLabel,
  rows = days,
  format,
  children,
  ...axes
}: DayChartProps &
  AxesOptions & {
    /** The rows drawn, one per day; default: the days as they are. */
    rows?: readonly { day: string }[];
    format?: ChartTooltipOptions['format'];
  }) {
  return (
    <ChartDayAxes
      {...axes}
      rows={rows}
      tooltip={(props) => (
        <ChartTooltip {...props} now={now} sourceLabel={sourceLabel} {...(format ? { format } : {})} />
      )}
    >
      {originAreas(days, axes.countAxisId ? { yAxisId: axes.countAxisId } : {})}
      {children}
    </ChartDayAxes>
  );
}
