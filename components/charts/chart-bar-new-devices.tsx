// Devices seen for the first time, per UTC day: where the tool is spreading to.
'use client';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartLabel } from './chart-card';
import { countAxis, DAY_AXIS, GRID_STROKE, originAreas, partialDayCells } from './chart-theme';
import { ChartTooltip } from './chart-tooltip';
import { CHART_MARGIN, type DayChartProps } from './chart-types';

export function ChartBarNewDevices({ days, now, sourceLabel }: DayChartProps) {
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
      <XAxis {...DAY_AXIS} />
      <YAxis {...countAxis('new devices / day')} />
      <Tooltip
        cursor={{ fill: 'var(--surface-3)' }}
        content={(props) => <ChartTooltip {...props} now={now} sourceLabel={sourceLabel} />}
      />
      <Bar
        dataKey="newDevices"
        name="Seen for the first time"
        fill="var(--chart-4)"
        isAnimationActive={false}
      >
        {partialDayCells(days, 'var(--chart-4)')}
      </Bar>
    </BarChart>
  );
}
