// The Trends page: picks the hunt, range and exclusions from the URL, loads the trends, and lays out the
// header, any problem, the exclusion toggles and the charts as small multiples, each titled with its range
// and source and with its numbers one click (or one screen reader) away.
'use client';
import { useEffect, useState } from 'react';
import { ChartBarEvents } from '@/components/charts/chart-bar-events';
import { ChartBarNewDevices } from '@/components/charts/chart-bar-new-devices';
import { ChartBarTopDevices } from '@/components/charts/chart-bar-top-devices';
import { ChartBarVerdictMix } from '@/components/charts/chart-bar-verdict-mix';
import { ChartCard } from '@/components/charts/chart-card';
import { ChartComposedTriage } from '@/components/charts/chart-composed-triage';
import { ChartLineDevices } from '@/components/charts/chart-line-devices';
import { ViewNotices } from '@/components/devices/view-notices';
import { CustomExclusions } from '@/components/exclusions/custom-exclusions';
import { ExclusionToggles } from '@/components/exclusions/exclusion-toggles';
import { ExclusionsSidebarSkeleton } from '@/components/exclusions/exclusions-sidebar-skeleton';
import { HuntPicker } from '@/components/hunts/hunt-picker';
import { splitUnknownExclusions } from '@/components/hunts/ignored-exclusions';
import { attackLabel } from '@/components/hunts/mitre';
import { QueryButton, useQueryDisclosure } from '@/components/hunts/query-panel';
import { RunProblem } from '@/components/hunts/run-problem';
import { RunStatus } from '@/components/hunts/run-status';
import { useHunts } from '@/components/hunts/use-hunts';
import { Button } from '@/components/ui/button';
import { formatCount, plural } from '@/components/ui/format';
import { RefreshIcon } from '@/components/ui/icons';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import {
  csvFileName,
  emptyReason,
  rangeLabel,
  sourcesLabel,
  type TrendSubject,
  toHours,
  trendTable,
  weekChangeText,
  weekOverWeek,
} from '@/lib/trends/chart-data';
import type { TrendReport } from '@/lib/trends/trend-report';
import { RangeSelect } from './range-select';
import { TrendsCoverage } from './trends-coverage';
import { TrendsChartsSkeleton } from './trends-page-skeleton';
import { TrendsQueryPanel } from './trends-query-panel';
import { UnapprovedRmmTrends } from './unapproved-rmm-trends';
import { useTrendViewParams } from './use-trend-view-params';
import { useTrends } from './use-trends';

function medianText(ms: number | null): string {
  const hours = toHours(ms);
  return hours === null ? 'no median yet' : `median ${hours.toFixed(1)} h from first flag to first verdict`;
}

const NO_IMPACTS = new Map<string, { events: number; devices: number; devicesGone: number }>();
const NO_NAMES = new Map<string, string>();

export function TrendsView() {
  const [params, updateParams] = useTrendViewParams();
  const { hunts, error: huntsError } = useHunts();
  const huntId = params.hunt ?? hunts?.[0]?.id ?? null;
  const result = useTrends(huntId ? { huntId, range: params.range, exclude: params.exclude } : null);
  const { report, status } = result;
  const query = useQueryDisclosure();

  // Exclusion ids in a link that the hunt does not have are dropped, and the page says which.
  const [ignored, setIgnored] = useState<string[]>([]);
  // The custom exclusions the trends apply, listed (switched on the devices page) and counted.
  const [customActive, setCustomActive] = useState(0);
  useEffect(() => {
    const split = splitUnknownExclusions(result.error, params.exclude);
    if (!split) return;
    setIgnored(split.ignored);
    updateParams({ exclude: split.kept }, 'replace');
  }, [result.error, params.exclude, updateParams]);

  useHotkeys({
    r: (event) => {
      if (!huntId) return;
      event.preventDefault();
      result.refresh();
    },
  });

  const loadingNow = status === 'loading';
  const noHunt = !huntId && (huntsError !== null || hunts?.length === 0);
  const loading = !report && !noHunt && (loadingNow || status === 'idle');
  const busy = loadingNow && report !== null;
  const stale = report !== null && !loadingNow && (status === 'failed' || !result.current);
  const rules = report && report.hunt.id === huntId ? report.exclusions : null;
  const hunt = hunts?.find((h) => h.id === huntId) ?? (report?.hunt.id === huntId ? report.hunt : null);
  const setExclude = (exclude: string[]) => updateParams({ exclude });

  const announcement = loadingNow
    ? 'Loading trends'
    : status === 'done' && report
      ? `Trends loaded: ${plural(report.totals.events, 'event')} in the last ${report.range.days} days`
      : '';

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="shrink-0 space-y-1.5 border-line border-b bg-surface px-3 py-2">
        <div className="flex min-h-7 flex-wrap items-center gap-x-3 gap-y-1">
          <HuntPicker
            hunts={hunts}
            error={huntsError}
            selectedId={huntId}
            onSelect={(id) => updateParams({ hunt: id, exclude: [] })}
          />
          <h1 className="min-w-0 truncate text-[15px]" title={hunt?.description}>
            <span className="font-semibold">Trends</span>
            {hunt ? (
              <span className="text-muted"> · {hunt.name}</span>
            ) : hunts === null && !huntsError ? (
              <span className="ml-2 inline-block h-4 w-80 animate-pulse rounded bg-skeleton align-middle" />
            ) : null}
          </h1>
          {hunt && <span className="shrink-0 text-muted">{attackLabel(hunt)}</span>}
        </div>
        <div className="flex min-h-7 flex-wrap items-center gap-x-4 gap-y-1">
          <RangeSelect range={params.range} onChange={(range) => updateParams({ range })} />
          <span className="flex items-center gap-1.5">
            <span className="text-muted">Source</span>
            <span className="min-w-36 font-medium">{report ? sourcesLabel(report) : '—'}</span>
          </span>
          <span className="min-w-52">
            <RunStatus
              running={loadingNow}
              startedAt={result.startedAt}
              ranAt={report?.ranAt ?? null}
              elapsedMs={report?.elapsedMs ?? null}
              stale={stale}
              failed={status === 'failed'}
              cancelled={status === 'cancelled'}
              onCancel={result.cancel}
            />
          </span>
          {report?.truncated && (
            <span
              className="rounded bg-warning-soft px-1.5 py-px font-medium text-warning text-xs"
              title="The source stopped at its row limit; some series may be incomplete. Choose a shorter range."
            >
              Truncated by the source
            </span>
          )}
          <div className="ml-auto flex flex-wrap items-center gap-1.5">
            <Button onClick={result.refresh} title="Load again (r)" disabled={!huntId}>
              <RefreshIcon />
              Refresh
            </Button>
            <QueryButton query={query} />
          </div>
        </div>
      </div>
      {query.open && <TrendsQueryPanel id={query.id} kql={report?.kql ?? null} />}
      <ViewNotices
        notices={
          ignored.length > 0
            ? [
                `Ignored exclusion ${ignored.length === 1 ? 'id' : 'ids'} this hunt does not have: ${ignored.join(', ')}.`,
              ]
            : []
        }
        onDismiss={() => setIgnored([])}
      />
      {result.error && !splitUnknownExclusions(result.error, params.exclude) && (
        <RunProblem problem={result.error} staleSince={report?.ranAt ?? null} onRetry={result.refresh} />
      )}
      {noHunt && huntsError && (
        <RunProblem problem={huntsError} staleSince={null} onRetry={() => window.location.reload()} />
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>

      <div className="relative flex min-h-0 flex-1">
        {rules !== null && rules.length > 0 ? (
          <ExclusionToggles
            rules={rules}
            selected={params.exclude}
            onChange={setExclude}
            busy={busy}
            customActive={customActive}
            custom={
              huntId && report ? (
                <CustomExclusions
                  huntId={huntId}
                  tables={report.hunt.tables}
                  impacts={NO_IMPACTS}
                  deviceNames={NO_NAMES}
                  busy={busy}
                  draft={null}
                  onDraftClose={() => {}}
                  readOnly
                  onActiveChange={setCustomActive}
                />
              ) : null
            }
          />
        ) : rules === null && !noHunt && (loadingNow || status === 'idle') ? (
          <ExclusionsSidebarSkeleton />
        ) : rules === null && params.exclude.length > 0 ? (
          <ExclusionToggles rules={null} selected={params.exclude} onChange={setExclude} busy={false} />
        ) : null}
        <div className="relative min-h-0 min-w-0 flex-1 overflow-y-auto">
          {noHunt ? (
            <p className="p-6 text-center text-muted">
              {huntsError
                ? 'The hunt list could not be loaded; see the message above.'
                : 'The hunt catalog is empty.'}
            </p>
          ) : loading ? (
            <TrendsChartsSkeleton />
          ) : report ? (
            <>
              <TrendCharts report={report} busy={busy || stale} />
              <UnapprovedRmmTrends range={params.range} />
            </>
          ) : (
            <p className="p-6 text-center text-muted">
              {status === 'cancelled'
                ? 'Loading was cancelled. Refresh to try again.'
                : 'No trends to show; see the message above.'}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

/** Devices per day do not add up across days: the week's daily mean against the week before's. */
function deviceChange(report: TrendReport): string {
  const text = weekChangeText(weekOverWeek(report.days, 'devices', 'mean'));
  return text ? `${text} (daily mean)` : '';
}

function TrendCharts({ report, busy }: { report: TrendReport; busy: boolean }) {
  const range = rangeLabel(report);
  const source = sourcesLabel(report);
  const chart = { days: report.days, now: report.range.end, sourceLabel: report.source.label };
  const card = (subject: TrendSubject) => ({
    range,
    source,
    table: trendTable(report, subject),
    csvFileName: csvFileName(report, subject),
    empty: emptyReason(report, subject),
    loading: false,
    busy,
  });
  const { totals } = report;

  return (
    <div className="space-y-3 p-3">
      <TrendsCoverage report={report} />
      <div className="grid gap-3 xl:grid-cols-2">
        <ChartCard
          title="Events matched per day"
          figure={[formatCount(totals.events), 'events matched']}
          change={weekChangeText(weekOverWeek(report.days, 'events'))}
          {...card('events')}
        >
          <ChartBarEvents {...chart} />
        </ChartCard>
        <ChartCard
          title="Devices flagged per day"
          figure={[formatCount(totals.devices), totals.devices === 1 ? 'device flagged' : 'devices flagged']}
          change={deviceChange(report)}
          {...card('devices')}
        >
          <ChartLineDevices {...chart} />
        </ChartCard>
        <ChartCard
          title="Devices seen for the first time"
          figure={[formatCount(totals.newDevices), totals.newDevices === 1 ? 'new device' : 'new devices']}
          change={weekChangeText(weekOverWeek(report.days, 'newDevices'))}
          {...card('new-devices')}
        >
          <ChartBarNewDevices {...chart} />
        </ChartCard>
        <ChartCard
          title="Verdict mix of flagged devices"
          figure={[formatCount(totals.unreviewedNow), 'flagged devices await a verdict now']}
          {...card('verdicts')}
        >
          <ChartBarVerdictMix {...chart} />
        </ChartCard>
        <ChartCard
          title="Triage throughput"
          figure={[formatCount(totals.verdictsSet), `verdicts set; ${medianText(totals.medianMsToVerdict)}`]}
          change={weekChangeText(weekOverWeek(report.days, 'verdictsSet'))}
          {...card('triage')}
        >
          <ChartComposedTriage {...chart} />
        </ChartCard>
        <ChartCard
          title="Top devices by events"
          figure={[
            formatCount(report.topDevices.length),
            report.topDevices.length === 1 ? 'device' : 'devices',
          ]}
          {...card('top-devices')}
          height={Math.max(200, report.topDevices.length * 22 + 30)}
        >
          <ChartBarTopDevices
            devices={report.topDevices}
            now={report.range.end}
            sourceLabel={report.source.label}
          />
        </ChartCard>
      </div>
    </div>
  );
}
