// Devices running one unapproved RMM tool per UTC day: how far unapproved use reaches, day by day.
'use client';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartLabel } from './chart-card';
import { countAxis, DAY_AXIS, GRID_STROKE } from './chart-theme';
import { CHART_MARGIN } from './chart-types';

export function ChartBarUnapprovedRmm({
  rows,
}: {
  rows: readonly { day: string; devices: number | null }[];
}) {
  const label = useChartLabel();
  return (
    <BarChart
      aria-label={label}
      responsive
      data={[...rows]}
      margin={CHART_MARGIN}
      style={{ width: '100%', height: '100%' }}
    >
      <CartesianGrid vertical={false} stroke={GRID_STROKE} />
      <XAxis {...DAY_AXIS} />
      <YAxis {...countAxis('devices / day')} />
      <Tooltip
        cursor={{ fill: 'var(--surface-3)' }}
        content={({ active, payload }) => {
          const row = active
            ? (payload?.[0]?.payload as { day: string; devices: number | null } | undefined)
            : undefined;
          return row ? (
            <div className="rounded border border-line bg-surface px-2 py-1 text-xs shadow">
              {row.day} UTC ·{' '}
              {row.devices === null
                ? 'no data from the source'
                : `${row.devices} unapproved ${row.devices === 1 ? 'device' : 'devices'}`}
            </div>
          ) : null;
        }}
      />
      <Bar dataKey="devices" name="Unapproved devices" fill="var(--chart-2)" isAnimationActive={false} />
    </BarChart>
  );
}
