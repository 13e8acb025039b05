// Which days of the range came from the source, which from recorded runs, and which from nowhere: the
// legend for the shading in every chart, with what to do to reach further back.
import { plural } from '@/components/ui/format';
import { originSpans } from '@/lib/trends/chart-data';
import type { TrendReport } from '@/lib/trends/trend-report';

function Swatch({ className }: { className: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block size-2.5 shrink-0 rounded-sm border border-line-strong ${className}`}
    />
  );
}

export function TrendsCoverage({ report }: { report: TrendReport }) {
  const { coverage } = report;
  const spans = originSpans(report.days);
  const from = (origin: 'history' | 'none') => spans.filter((s) => s.origin === origin);
  const history = from('history');
  const missing = from('none');
  const range = (list: typeof spans) =>
    list.length === 1 && list[0] ? `${list[0].from} – ${list[0].to}` : `${list.length} stretches`;

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-[12px] text-muted">
      <span className="font-medium text-fg">Days from</span>
      <span className="inline-flex items-center gap-1.5">
        <Swatch className="bg-surface" />
        {report.source.label}: {coverage.sourceFrom} – {coverage.sourceTo}
      </span>
      {coverage.historyDays > 0 && (
        <span className="inline-flex items-center gap-1.5">
          <Swatch className="bg-[var(--chart-history)]" />
          recorded runs: {plural(coverage.historyDays, 'day')} ({range(history)})
        </span>
      )}
      {coverage.missingDays > 0 && (
        <span className="inline-flex items-center gap-1.5">
          <Swatch className="bg-[var(--chart-missing)]" />
          no data: {plural(coverage.missingDays, 'day')} ({range(missing)}). The source keeps{' '}
          {coverage.retentionDays} days; record hunt runs regularly (
          <code className="font-mono">npm run hunt -- … --record</code> or the scheduled job) to reach further
          back.
        </span>
      )}
      {coverage.snapshotsIgnored > 0 && (
        <span>
          {plural(coverage.snapshotsIgnored, 'recorded run')} left out: another source or other exclusions.
        </span>
      )}
    </div>
  );
}
