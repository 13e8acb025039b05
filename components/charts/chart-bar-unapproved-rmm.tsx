// Devices running one unapproved RMM tool per UTC day: how far unapproved use reaches, day by day.
'use client';
import { Bar } from 'recharts';
import { ChartDayAxes } from './chart-day-frame';

type UnapprovedDay = { day: string; devices: number | null };

export function ChartBarUnapprovedRmm({ rows }: { rows: readonly UnapprovedDay[] }) {
  return (
    <ChartDayAxes
      rows={rows}
      unit="devices / day"
      tooltip={({ active, payload }) => {
        const row = active ? (payload?.[0]?.payload as UnapprovedDay | undefined) : undefined;
        return row ? (
          <div className="rounded border border-line bg-surface px-2 py-1 text-xs shadow">
            {row.day} UTC ·{' '}
            {row.devices === null
              ? 'no data from the source'
              : `${row.devices} unapproved ${row.devices === 1 ? 'device' : 'devices'}`}
          </div>
        ) : null;
      }}
    >
      <Bar dataKey="devices" name="Unapproved devices" fill="var(--chart-2)" isAnimationActive={false} />
    </ChartDayAxes>
  );
}
