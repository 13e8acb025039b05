// Devices seen for the first time, per UTC day: where the tool is spreading to.
'use client';
import { Bar } from 'recharts';
import { ChartDayFrame } from './chart-day-frame';
import { partialDayCells } from './chart-theme';
import type { DayChartProps } from './chart-types';

export function ChartBarNewDevices(props: DayChartProps) {
  return (
    <ChartDayFrame {...props} unit="new devices / day">
      <Bar
        dataKey="newDevices"
        name="Seen for the first time"
        fill="var(--chart-4)"
        isAnimationActive={false}
      >
        {partialDayCells(props.days, 'var(--chart-4)')}
      </Bar>
    </ChartDayFrame>
  );
}
