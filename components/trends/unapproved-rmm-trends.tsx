// The fleet beside the hunt: devices running unapproved RMM tools per day, one small chart per tool (the
// most widespread first), each with its table and CSV, judged by the approvals in force now.
'use client';
import { ChartBarUnapprovedRmm } from '@/components/charts/chart-bar-unapproved-rmm';
import { ChartCard } from '@/components/charts/chart-card';
import { formatCount } from '@/components/ui/format';
import type { ChartTable } from '@/lib/trends/chart-data';
import { type UnapprovedRmmTrend, unapprovedRmmRows } from '@/lib/trends/unapproved-rmm';
import { useUnapprovedRmm } from './use-unapproved-rmm';

/** Charts drawn; the rest of the tools are named below them. */
const MAX_TOOLS = 8;

function table(trend: UnapprovedRmmTrend, tool: UnapprovedRmmTrend['tools'][number]): ChartTable {
  return {
    subject: 'unapproved-rmm',
    columns: [
      { key: 'day', label: 'Day (UTC)', numeric: false },
      { key: 'devices', label: 'Unapproved devices', numeric: true },
    ],
    rows: unapprovedRmmRows(trend, tool),
  };
}

export function UnapprovedRmmTrends({ range }: { range: string }) {
  const { trend, error, loading } = useUnapprovedRmm(range);
  const rangeLabel = `last ${trend?.range.days ?? range.replace(/d$/, '')} days`;
  const shown = trend?.tools.slice(0, MAX_TOOLS) ?? [];
  const rest = trend?.tools.slice(MAX_TOOLS) ?? [];
  return (
    <section aria-labelledby="unapproved-rmm-heading" aria-busy={loading} className="space-y-2 p-3">
      <h2 id="unapproved-rmm-heading" className="font-semibold text-[14px]">
        Devices running unapproved RMM tools per day
      </h2>
      <p className="text-muted text-xs">
        Every hunt that names a tool, swept over the {rangeLabel} the source keeps; use that an approval
        covers today is not counted.
      </p>
      {error && (
        <p role="alert" className="rounded-md bg-danger-soft px-2 py-1.5 text-danger text-xs">
          {error.title}: {error.detail}
        </p>
      )}
      {trend && trend.tools.length === 0 && (
        <p className="rounded-md border border-line bg-surface px-3 py-3 text-muted">
          No unapproved RMM tool ran in the {rangeLabel}.
        </p>
      )}
      <div className={`grid gap-3 xl:grid-cols-2 ${loading && trend ? 'opacity-60' : ''}`}>
        {!trend && loading && (
          <ChartCard
            title="Unapproved RMM tools"
            range={rangeLabel}
            source={null}
            table={null}
            csvFileName={null}
            empty={null}
            loading
          >
            {null}
          </ChartCard>
        )}
        {trend &&
          shown.map((tool) => (
            <ChartCard
              key={tool.tool}
              title={`${tool.tool}: unapproved devices per day`}
              range={rangeLabel}
              source={null}
              figure={[
                formatCount(tool.devices),
                tool.devices === 1 ? 'unapproved device' : 'unapproved devices',
              ]}
              table={table(trend, tool)}
              csvFileName={`huntboard-unapproved-rmm-${tool.tool.replace(/[^A-Za-z0-9]+/g, '-')}-${trend.range.days}d-${trend.range.end.slice(0, 10)}.csv`}
              empty={null}
              loading={false}
              height={160}
            >
              <ChartBarUnapprovedRmm rows={unapprovedRmmRows(trend, tool)} />
            </ChartCard>
          ))}
      </div>
      {rest.length > 0 && (
        <p className="text-muted text-xs">
          Also unapproved: {rest.map((t) => `${t.tool} (${formatCount(t.devices)})`).join(', ')}.
        </p>
      )}
    </section>
  );
}
