// The devices page: picks the hunt and window from the URL, runs the hunt, and lays out the
// header, any problem, the exclusions sidebar and the devices table; owns the page's keyboard
// shortcuts.
'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ExclusionToggles } from '@/components/exclusions/exclusion-toggles';
import { ExclusionsSidebarSkeleton } from '@/components/exclusions/exclusions-sidebar-skeleton';
import { HuntRunHeader } from '@/components/hunts/hunt-run-header';
import { RunProblem } from '@/components/hunts/run-problem';
import { useHuntRun } from '@/components/hunts/use-hunt-run';
import { useHunts } from '@/components/hunts/use-hunts';
import { Button } from '@/components/ui/button';
import { formatLookback, plural } from '@/components/ui/format';
import { KeyboardIcon } from '@/components/ui/icons';
import { type ShortcutHelp, ShortcutsDialog } from '@/components/ui/shortcuts-dialog';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import type { DeviceRow } from './device-columns';
import { DeviceTable } from './device-table';
import { AllExcluded, NoFilterMatches, NoMatchesInWindow, NoResult } from './devices-empty-state';
import { useDeviceViewParams } from './use-device-view-params';

const SHORTCUTS: ShortcutHelp[] = [
  { keys: ['j', '↓'], description: 'Next device' },
  { keys: ['k', '↑'], description: 'Previous device' },
  { keys: ['Enter'], description: 'Open the device’s evidence (coming soon)' },
  { keys: ['/'], description: 'Filter devices' },
  { keys: ['Esc'], description: 'Leave the filter, or clear the selection' },
  { keys: ['r'], description: 'Run the hunt again' },
  { keys: ['?'], description: 'Show these shortcuts' },
];

export function DevicesView() {
  const [params, updateParams] = useDeviceViewParams();
  const { hunts, error: huntsError } = useHunts();
  const huntId = params.hunt ?? hunts?.[0]?.id ?? null;
  const result = useHuntRun(huntId ? { huntId, lookback: params.lookback, exclude: params.exclude } : null);
  const { run, status, runAgain, cancel } = result;

  // The catalog does not say a hunt's own window; a run without an explicit one reveals it.
  const [defaultLookbacks, setDefaultLookbacks] = useState<Record<string, string>>({});
  useEffect(() => {
    const request = result.runRequest;
    if (!run || !request || request.lookback !== null) return;
    setDefaultLookbacks((known) =>
      known[request.huntId] === run.window.lookback
        ? known
        : { ...known, [request.huntId]: run.window.lookback },
    );
  }, [run, result.runRequest]);

  const filterRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  useHotkeys({
    '/': (event) => {
      event.preventDefault();
      filterRef.current?.focus();
      filterRef.current?.select();
    },
    '?': (event) => {
      event.preventDefault();
      setHelpOpen(true);
    },
    r: (event) => {
      if (!huntId) return;
      event.preventDefault();
      runAgain();
    },
  });

  // Enter on a row will open the evidence side panel; the panel is not built yet.
  const openDevice = useCallback((_device: DeviceRow) => {}, []);

  const running = status === 'running';
  const noHunt = !huntId && (huntsError !== null || hunts?.length === 0);
  const loading = !run && !noHunt && (running || status === 'idle');
  const stale = run !== null && !running && (status === 'failed' || !result.current);
  // Rules belong to a hunt: while another hunt's result is still on screen, they are not offered.
  const rules = run && run.hunt.id === huntId ? (run.exclusions ?? []) : null;
  const enabledCount = rules?.filter((rule) => rule.enabled).length ?? 0;
  const setExclude = (exclude: string[]) => updateParams({ exclude });
  const hunt = hunts?.find((h) => h.id === huntId) ?? (run?.hunt.id === huntId ? run.hunt : null);

  const announcement = running
    ? 'Running the hunt'
    : status === 'done' && run
      ? `Run finished: ${plural(run.devices.length, 'device')} in the last ${formatLookback(run.window.lookback)}`
      : status === 'cancelled'
        ? 'Run cancelled'
        : '';

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <HuntRunHeader
        hunts={hunts}
        huntsError={huntsError}
        huntId={huntId}
        hunt={hunt}
        onHuntChange={(id) => updateParams({ hunt: id, lookback: null, exclude: [] })}
        lookback={params.lookback}
        defaultLookback={huntId ? (defaultLookbacks[huntId] ?? null) : null}
        onLookbackChange={(lookback) => updateParams({ lookback })}
        run={run}
        running={running}
        startedAt={result.startedAt}
        stale={stale}
        failed={status === 'failed'}
        cancelled={status === 'cancelled'}
        onRunAgain={runAgain}
        onCancel={cancel}
      />
      {result.error && (
        <RunProblem problem={result.error} staleSince={run?.ranAt ?? null} onRetry={runAgain} />
      )}
      {noHunt && huntsError && (
        <RunProblem problem={huntsError} staleSince={null} onRetry={() => window.location.reload()} />
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>

      <div className="relative h-0" aria-hidden="true">
        {running && run && (
          <div className="absolute inset-x-0 top-0 z-20 h-0.5 overflow-hidden">
            <div className="h-full w-1/3 animate-[progress_1.1s_ease-in-out_infinite] bg-accent" />
          </div>
        )}
      </div>

      <div className="flex min-h-0 flex-1">
        {rules !== null && rules.length > 0 ? (
          <ExclusionToggles
            rules={rules}
            selected={params.exclude}
            onChange={setExclude}
            busy={running && run !== null}
          />
        ) : rules === null && !noHunt && (running || status === 'idle') ? (
          <ExclusionsSidebarSkeleton />
        ) : rules === null && params.exclude.length > 0 ? (
          <ExclusionToggles rules={null} selected={params.exclude} onChange={setExclude} busy={false} />
        ) : null}
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <DeviceTable
            run={run}
            loading={loading}
            busy={running && run !== null}
            stale={stale}
            view={params}
            onViewChange={updateParams}
            onOpenDevice={openDevice}
            filterRef={filterRef}
            toolbarEnd={
              <Button variant="ghost" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)">
                <KeyboardIcon />
                <span className="sr-only">Keyboard shortcuts</span>
              </Button>
            }
            renderEmpty={({ filtered, clearFilter }) => {
              if (run && filtered) return <NoFilterMatches query={params.q} onClear={clearFilter} />;
              if (run && enabledCount > 0)
                return <AllExcluded run={run} count={enabledCount} onClear={() => setExclude([])} />;
              if (run)
                return <NoMatchesInWindow run={run} onWiden={(lookback) => updateParams({ lookback })} />;
              if (noHunt)
                return (
                  <NoResult
                    title="No hunt to run"
                    detail={
                      huntsError
                        ? 'The hunt list could not be loaded; see the message above.'
                        : 'The hunt catalog is empty.'
                    }
                  />
                );
              if (status === 'failed')
                return (
                  <NoResult
                    title="No result to show"
                    detail="The run failed before returning devices; see the message above."
                  />
                );
              if (status === 'cancelled')
                return (
                  <NoResult
                    title="Run cancelled"
                    detail="The run was stopped before it returned."
                    onRun={runAgain}
                  />
                );
              return null;
            }}
          />
        </div>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={SHORTCUTS} />
    </div>
  );
}
