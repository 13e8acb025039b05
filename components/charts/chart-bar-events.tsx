// Events matched by the hunt per UTC day.
'use client';
import { Bar } from 'recharts';
import { ChartDayFrame } from './chart-day-frame';
import { partialDayCells } from './chart-theme';
import type { DayChartProps } from './chart-types';

export function ChartBarEvents(props: DayChartProps) {
  return (
    <ChartDayFrame {...props} unit="events / day">
      <Bar dataKey="events" name="Events matched" fill="var(--chart-1)" isAnimationActive={false}>
        {partialDayCells(props.days, 'var(--chart-1)')}
      </Bar>
    </ChartDayFrame>
  );
}
