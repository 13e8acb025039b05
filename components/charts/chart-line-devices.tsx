// Devices flagged per UTC day: how many devices ran the tool each day, the spread a manager watches.
'use client';
import { CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartLabel } from './chart-card';
import { countAxis, DAY_AXIS, GRID_STROKE, originAreas } from './chart-theme';
import { ChartTooltip } from './chart-tooltip';
import { CHART_MARGIN, type DayChartProps } from './chart-types';

export function ChartLineDevices({ days, now, sourceLabel }: DayChartProps) {
  const label = useChartLabel();
  return (
    <ComposedChart
      aria-label={label}
      responsive
      data={[...days]}
      margin={CHART_MARGIN}
      style={{ width: '100%', height: '100%' }}
    >
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      {originAreas(days)}
      <XAxis {...DAY_AXIS} />
      <YAxis {...countAxis('devices / day')} />
      <Tooltip
        cursor={{ stroke: 'var(--border-strong)' }}
        content={(props) => <ChartTooltip {...props} now={now} sourceLabel={sourceLabel} />}
      />
      <Line
        dataKey="devices"
        name="Devices flagged"
        stroke="var(--chart-3)"
        strokeWidth={2}
        dot={{ r: 2, fill: 'var(--chart-3)', strokeWidth: 0 }}
        activeDot={{ r: 4 }}
        connectNulls={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
