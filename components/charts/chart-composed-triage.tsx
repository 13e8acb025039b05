// Triage over time: verdicts set per day (bars, left axis) and the median time from a device's first flag to
// its first verdict for the devices first decided that day (line, right axis, hours).
'use client';
import { Bar, Legend, Line, YAxis } from 'recharts';
import { formatCount } from '@/components/ui/format';
import { triageRows } from '@/lib/trends/chart-data';
import { ChartDayFrame } from './chart-day-frame';
import { AXIS_TICK } from './chart-theme';
import type { DayChartProps } from './chart-types';

const formatValue = (value: number, key: string) =>
  key === 'medianHours' ? `${value.toFixed(1)} h` : formatCount(value);

export function ChartComposedTriage(props: DayChartProps) {
  return (
    <ChartDayFrame
      {...props}
      rows={triageRows(props.days)}
      unit="verdicts / day"
      composed
      countAxisId="count"
      format={formatValue}
    >
      <YAxis
        yAxisId="hours"
        orientation="right"
        tick={AXIS_TICK}
        axisLine={false}
        tickLine={false}
        width={60}
        label={{
          value: 'hours',
          angle: 90,
          position: 'insideRight',
          offset: 4,
          style: { fill: 'var(--fg-muted)', fontSize: 11, textAnchor: 'middle' },
        }}
      />
      <Legend
        verticalAlign="top"
        align="right"
        iconSize={9}
        height={20}
        // Bars first, as drawn, not alphabetical.
        itemSorter={(item) => (item.dataKey === 'verdictsSet' ? 0 : 1)}
        wrapperStyle={{ fontSize: 11, color: 'var(--fg-muted)' }}
      />
      <Bar
        yAxisId="count"
        dataKey="verdictsSet"
        name="Verdicts set"
        fill="var(--chart-1)"
        isAnimationActive={false}
      />
      <Line
        yAxisId="hours"
        dataKey="medianHours"
        name="Median time to first verdict"
        stroke="var(--chart-2)"
        strokeWidth={2}
        dot={{ r: 3, fill: 'var(--chart-2)', strokeWidth: 0 }}
        connectNulls
        isAnimationActive={false}
      />
    </ChartDayFrame>
  );
}
