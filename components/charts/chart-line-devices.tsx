// Devices flagged per UTC day: how many devices ran the tool each day, the spread a manager watches.
'use client';
import { CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartLabel } from './chart-card';
import { countAxis, DAY_AXIS, GRID_STROKE, originAreas } from './chart-theme';
import { ChartTooltip } from './chart-tooltip';
import { CHART_MARGIN, type DayChartProps } from './chart-types';

/**
 * The whole days as the solid line; the step into a day counted only in part (today) dashed, so a drop there
 * reads as "so far", not as a fall.
 */
function withSoFar(days: DayChartProps['days']) {
  return days.map((d, i) => {
    const next = days[i + 1];
    return {
      ...d,
      devicesWhole: d.partial ? null : d.devices,
      devicesSoFar: d.partial || next?.partial ? d.devices : null,
    };
  });
}

export function ChartLineDevices({ days, now, sourceLabel }: DayChartProps) {
  const label = useChartLabel();
  return (
    <ComposedChart
      aria-label={label}
      responsive
      data={withSoFar(days)}
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
        dataKey="devicesWhole"
        name="Devices flagged"
        stroke="var(--chart-3)"
        strokeWidth={2}
        dot={{ r: 2, fill: 'var(--chart-3)', strokeWidth: 0 }}
        activeDot={{ r: 4 }}
        connectNulls={false}
        isAnimationActive={false}
      />
      <Line
        dataKey="devicesSoFar"
        name="Devices flagged"
        stroke="var(--chart-3)"
        strokeWidth={2}
        strokeDasharray="4 3"
        dot={{ r: 2, fill: 'var(--chart-3)', strokeWidth: 0 }}
        activeDot={{ r: 4 }}
        legendType="none"
        connectNulls={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
