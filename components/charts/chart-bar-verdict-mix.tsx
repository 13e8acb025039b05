// Each day's flagged devices by verdict status at the end of the day, stacked: how much of the spread has
// been looked at. Colours are paired with names in the legend and the hover card.
'use client';
import { Bar, Legend } from 'recharts';
import { ChartDayFrame } from './chart-day-frame';
import type { DayChartProps } from './chart-types';

/** Most urgent on top, the unreviewed backlog at the base where its height reads directly. */
const STATUSES = [
  { key: 'unreviewed', name: 'Unreviewed', fill: 'var(--chart-unreviewed)' },
  { key: 'benign', name: 'Benign', fill: 'var(--verdict-benign)' },
  { key: 'suspicious', name: 'Suspicious', fill: 'var(--verdict-suspicious)' },
  { key: 'malicious', name: 'Malicious', fill: 'var(--verdict-malicious)' },
] as const;

export function ChartBarVerdictMix(props: DayChartProps) {
  return (
    <ChartDayFrame {...props} unit="devices / day">
      <Legend
        verticalAlign="top"
        align="right"
        iconType="square"
        iconSize={9}
        height={20}
        // In the order the series are stacked, not alphabetical.
        itemSorter={(item) => STATUSES.findIndex((status) => status.key === item.dataKey)}
        wrapperStyle={{ fontSize: 11, color: 'var(--fg-muted)' }}
      />
      {STATUSES.map((status) => (
        <Bar
          key={status.key}
          dataKey={status.key}
          name={status.name}
          stackId="verdicts"
          fill={status.fill}
          isAnimationActive={false}
        />
      ))}
    </ChartDayFrame>
  );
}
