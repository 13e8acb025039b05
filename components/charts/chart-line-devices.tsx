// Devices flagged per UTC day: how many devices ran the tool each day, the spread a manager watches.
'use client';
import { Line } from 'recharts';
import { ChartDayFrame } from './chart-day-frame';
import type { DayChartProps } from './chart-types';

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

export function ChartLineDevices(props: DayChartProps) {
  return (
    <ChartDayFrame {...props} rows={withSoFar(props.days)} unit="devices / day" composed cursor="rule">
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
    </ChartDayFrame>
  );
}
