// The top of a hunt's results: which hunt (and its ATT&CK mapping), the window, the source, how
// fresh the result is, and the actions on the run: run again, copy the KQL, open it in the source's console,
// show the query.
'use client';
import type { ApiProblem } from '@/components/api/api-client';
import { Button, buttonClass } from '@/components/ui/button';
import { CheckIcon, CopyIcon, ExternalLinkIcon, RefreshIcon } from '@/components/ui/icons';
import { useCopy } from '@/components/ui/use-copy';
import type { CatalogProblemSummary, HuntRun, HuntSummary } from '@/lib/hunts/hunt-run';
import { CatalogProblemsNotice } from './catalog-problems-notice';
import { HuntPicker } from './hunt-picker';
import { attackLabel } from './mitre';
import { QueryButton, QueryPanel, useQueryDisclosure } from './query-panel';
import { RunStatus } from './run-status';
import { WindowSelect } from './window-select';

export interface HuntRunHeaderProps {
  hunts: HuntSummary[] | null;
  huntsError: ApiProblem | null;
  /** Catalog files that did not load. */
  catalogProblems?: readonly CatalogProblemSummary[];
  huntId: string | null;
  /** The selected hunt, from the catalog or the last run. */
  hunt: HuntSummary | null;
  onHuntChange: (huntId: string) => void;
  lookback: string | null;
  defaultLookback: string | null;
  onLookbackChange: (lookback: string | null) => void;
  /** The result on screen (possibly stale). */
  run: HuntRun | null;
  running: boolean;
  startedAt: number | null;
  stale: boolean;
  failed: boolean;
  cancelled: boolean;
  onRunAgain: () => void;
  onCancel: () => void;
}

export function HuntRunHeader(props: HuntRunHeaderProps) {
  const { hunt, run } = props;
  const query = useQueryDisclosure();
  const [copyState, copy] = useCopy();

  return (
    <>
      <div className="shrink-0 space-y-1.5 border-line border-b bg-surface px-3 py-2">
        <div className="flex min-h-7 flex-wrap items-center gap-x-3 gap-y-1">
          <HuntPicker
            hunts={props.hunts}
            error={props.huntsError}
            selectedId={props.huntId}
            onSelect={props.onHuntChange}
          />
          <h1 className="min-w-0 truncate font-semibold text-[15px]" title={hunt?.description}>
            {hunt ? (
              hunt.name
            ) : props.hunts === null && !props.huntsError ? (
              <span className="inline-block h-4 w-80 animate-pulse rounded bg-skeleton align-middle" />
            ) : (
              <span className="text-muted">No hunt selected</span>
            )}
          </h1>
          {hunt && <span className="shrink-0 text-muted">{attackLabel(hunt)}</span>}
        </div>
        <div className="flex min-h-7 flex-wrap items-center gap-x-4 gap-y-1">
          <WindowSelect
            lookback={props.lookback}
            defaultLookback={props.defaultLookback}
            onChange={props.onLookbackChange}
          />
          <span className="flex items-center gap-1.5">
            <span className="text-muted">Source</span>
            <span className="min-w-36 font-medium">{run ? run.source.label : '—'}</span>
          </span>
          <span className="min-w-52">
            <RunStatus
              running={props.running}
              startedAt={props.startedAt}
              ranAt={run?.ranAt ?? null}
              elapsedMs={run?.elapsedMs ?? null}
              stale={props.stale}
              failed={props.failed}
              cancelled={props.cancelled}
              onCancel={props.onCancel}
            />
          </span>
          <CatalogProblemsNotice problems={props.catalogProblems ?? []} />
          {run?.truncated && (
            <span
              className="rounded bg-warning-soft px-1.5 py-px font-medium text-warning text-xs"
              title="The source stopped at its row limit; some devices may be missing. Narrow the window to see all."
            >
              Truncated at {run.rowCount.toLocaleString('en-US')} rows
            </span>
          )}
          <div className="ml-auto flex flex-wrap items-center gap-1.5">
            <Button
              variant="primary"
              onClick={props.onRunAgain}
              title="Run again (r)"
              disabled={!props.huntId}
            >
              <RefreshIcon />
              Run again
            </Button>
            <span className="relative">
              <Button
                onClick={() => run && copy(run.kql.devices)}
                disabled={!run}
                title="Copy the devices query"
              >
                {copyState === 'copied' ? <CheckIcon className="text-accent" /> : <CopyIcon />}
                Copy KQL
              </Button>
              <span
                aria-live="polite"
                className="pointer-events-none absolute top-full right-0 z-20 mt-1 whitespace-nowrap rounded bg-fg px-1.5 py-0.5 text-bg text-xs empty:hidden"
              >
                {copyState === 'copied'
                  ? 'KQL copied to the clipboard'
                  : copyState === 'failed'
                    ? 'Could not copy: the browser refused'
                    : ''}
              </span>
            </span>
            {run?.consoleLink && (
              <a
                href={run.consoleLink.url}
                target="_blank"
                rel="noopener noreferrer"
                className={buttonClass('secondary')}
                title={`${run.consoleLink.label}: the devices query, in a new tab`}
              >
                <ExternalLinkIcon />
                {run.consoleLink.label}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            )}
            <QueryButton query={query} />
          </div>
        </div>
      </div>
      {query.open && (
        <QueryPanel
          id={query.id}
          label="Query that ran"
          blocks={
            run
              ? [
                  { title: 'Devices', text: run.kql.devices },
                  { title: 'Timeline (per day)', text: run.kql.timeline },
                ]
              : null
          }
          pending="The query shows here once the hunt has run."
        />
      )}
    </>
  );
}
