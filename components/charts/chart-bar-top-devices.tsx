// The devices with the most matched events in the range, most first, as horizontal bars.
'use client';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { truncateMiddle } from '@/components/ui/format';
import type { TopDevice } from '@/lib/trends/trend-report';
import { useChartLabel } from './chart-card';
import { AXIS_LINE, AXIS_TICK, GRID_STROKE } from './chart-theme';
import { ChartTooltip } from './chart-tooltip';

/** Host names are long FQDNs; the first label is what people recognise. */
function shortName(name: string): string {
  const host = name.split('.')[0] || name;
  return truncateMiddle(host, 12, 6);
}

export function ChartBarTopDevices({
  devices,
  now,
  sourceLabel,
}: {
  devices: readonly TopDevice[];
  now: string;
  sourceLabel: string;
}) {
  const label = useChartLabel();
  return (
    <BarChart
      aria-label={label}
      responsive
      layout="vertical"
      data={[...devices]}
      margin={{ top: 0, right: 16, bottom: 14, left: 0 }}
      style={{ width: '100%', height: '100%' }}
    >
      <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
      <XAxis
        type="number"
        tick={AXIS_TICK}
        axisLine={AXIS_LINE}
        tickLine={false}
        allowDecimals={false}
        label={{
          value: 'events',
          position: 'insideBottomRight',
          offset: -8,
          fill: 'var(--fg-muted)',
          fontSize: 11,
        }}
      />
      <YAxis
        type="category"
        dataKey="deviceName"
        tick={AXIS_TICK}
        tickFormatter={shortName}
        axisLine={false}
        tickLine={false}
        width={140}
        interval={0}
      />
      <Tooltip
        cursor={{ fill: 'var(--surface-3)' }}
        content={(props) => <ChartTooltip {...props} now={now} sourceLabel={sourceLabel} byDevice />}
      />
      <Bar dataKey="events" name="Events matched" fill="var(--chart-5)" isAnimationActive={false} />
    </BarChart>
  );
}
