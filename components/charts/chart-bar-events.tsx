// Events matched by the hunt per UTC day.
'use client';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartLabel } from './chart-card';
import { AXIS_LINE, countAxis, DAY_AXIS, GRID_STROKE, originAreas, partialDayCells } from './chart-theme';
import { ChartTooltip } from './chart-tooltip';
import { CHART_MARGIN, type DayChartProps } from './chart-types';

export function ChartBarEvents({ days, now, sourceLabel }: DayChartProps) {
  const label = useChartLabel();
  return (
    <BarChart
      aria-label={label}
      responsive
      data={[...days]}
      margin={CHART_MARGIN}
      style={{ width: '100%', height: '100%' }}
    >
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      {originAreas(days)}
      <XAxis {...DAY_AXIS} axisLine={AXIS_LINE} />
      <YAxis {...countAxis('events / day')} />
      <Tooltip
        cursor={{ fill: 'var(--surface-3)' }}
        content={(props) => <ChartTooltip {...props} now={now} sourceLabel={sourceLabel} />}
      />
      <Bar dataKey="events" name="Events matched" fill="var(--chart-1)" isAnimationActive={false}>
        {partialDayCells(days, 'var(--chart-1)')}
      </Bar>
    </BarChart>
  );
}
