// One tool's devices per UTC day across the window, as a small bar sparkline named for screen readers; the
// exact numbers are in the tooltip and in the tool's row.
'use client';
import { Bar, BarChart, Tooltip, YAxis } from 'recharts';

export function ChartSparklineToolDays({
  tool,
  days,
  rangeLabel,
}: {
  tool: string;
  /** Every day of the window, oldest first (see dailyDevices). */
  days: readonly { day: string; devices: number }[];
  /** e.g. "last 30 days" */
  rangeLabel: string;
}) {
  const peak = days.reduce((max, d) => Math.max(max, d.devices), 0);
  const active = days.filter((d) => d.devices > 0).length;
  return (
    <BarChart
      aria-label={`${tool}: devices per day, ${rangeLabel}; seen on ${active} of ${days.length} days, at most ${peak} devices a day`}
      width={120}
      height={24}
      data={[...days]}
      margin={{ top: 1, right: 0, bottom: 1, left: 0 }}
      barCategoryGap={1}
    >
      <YAxis hide domain={[0, Math.max(1, peak)]} />
      <Tooltip
        cursor={false}
        wrapperStyle={{ zIndex: 20 }}
        content={({ active: shown, payload }) => {
          const point = shown
            ? (payload?.[0]?.payload as { day: string; devices: number } | undefined)
            : undefined;
          return point ? (
            <div className="rounded border border-line bg-surface px-2 py-1 text-xs shadow">
              {point.day} UTC · {point.devices} {point.devices === 1 ? 'device' : 'devices'}
            </div>
          ) : null;
        }}
      />
      <Bar dataKey="devices" fill="var(--chart-1)" minPointSize={1} isAnimationActive={false} />
    </BarChart>
  );
}
