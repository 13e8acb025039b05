// The frame every per-day Trends chart is drawn in: named after its card, the grid, the shading of days that
// did not come from the source, the UTC day axis, a count axis with its unit, and the hover card. Each chart
// adds only its series (and any second axis or legend) as children, which Recharts reads from here.
'use client';
import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartLabel } from './chart-card';
import { countAxis, DAY_AXIS, GRID_STROKE, originAreas } from './chart-theme';
import { ChartTooltip, type ChartTooltipOptions } from './chart-tooltip';
import { CHART_MARGIN, type DayChartProps } from './chart-types';

/** Where the pointer is: a shaded band over the day's bars, or a rule through the day's points. */
const CURSORS = {
  band: { fill: 'var(--surface-3)' },
  rule: { stroke: 'var(--border-strong)' },
} as const;

export function ChartDayFrame({
  days,
  now,
  sourceLabel,
  rows = days,
  unit,
  composed = false,
  cursor = 'band',
  countAxisId,
  format,
  children,
}: DayChartProps & {
  /** The rows drawn, one per day; default: the days as they are. */
  rows?: readonly object[];
  /** The count axis' label, e.g. "events / day". */
  unit: string;
  /** Bars and lines mixed (a ComposedChart); default: bars alone. */
  composed?: boolean;
  cursor?: keyof typeof CURSORS;
  /** The count axis' id, when the chart has a second value axis. */
  countAxisId?: string;
  format?: ChartTooltipOptions['format'];
  children: ReactNode;
}) {
  const label = useChartLabel();
  const Chart = composed ? ComposedChart : BarChart;
  const axisId = countAxisId ? { yAxisId: countAxisId } : {};
  return (
    <Chart
      aria-label={label}
      responsive
      data={[...rows]}
      margin={CHART_MARGIN}
      style={{ width: '100%', height: '100%' }}
    >
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      {originAreas(days, axisId)}
      <XAxis {...DAY_AXIS} />
      <YAxis {...axisId} {...countAxis(unit)} />
      <Tooltip
        cursor={CURSORS[cursor]}
        content={(props) => (
          <ChartTooltip {...props} now={now} sourceLabel={sourceLabel} {...(format ? { format } : {})} />
        )}
      />
      {children}
    </Chart>
  );
}
