// The devices page: picks the hunt and window from the URL, runs the hunt, loads its verdicts, and lays
// out the header, any problem, the exclusions sidebar, the devices table and the evidence panel of the
// device in the URL; owns the page's keyboard shortcuts and the verdict form.
'use client';
import type { RowSelectionState } from '@tanstack/react-table';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useHasRole } from '@/components/auth/use-sign-in-state';
import type { DataTableHandle } from '@/components/data-table/data-table';
import type { CustomExclusionDraft } from '@/components/exclusions/custom-exclusion-form';
import { CustomExclusions } from '@/components/exclusions/custom-exclusions';
import { ExclusionToggles } from '@/components/exclusions/exclusion-toggles';
import { ExclusionsSidebarSkeleton } from '@/components/exclusions/exclusions-sidebar-skeleton';
import { HuntRunHeader } from '@/components/hunts/hunt-run-header';
import { splitUnknownExclusions } from '@/components/hunts/ignored-exclusions';
import { RunProblem } from '@/components/hunts/run-problem';
import { useHuntRun } from '@/components/hunts/use-hunt-run';
import { useHunts } from '@/components/hunts/use-hunts';
import { useVerdicts } from '@/components/triage/use-verdicts';
import { VERDICT_LABELS } from '@/components/triage/verdict-badge';
import { VerdictDialog, type VerdictRequest } from '@/components/triage/verdict-dialog';
import { badgeStatus } from '@/components/triage/verdict-draft';
import { VerdictsProblem } from '@/components/triage/verdicts-problem';
import { Button, Kbd } from '@/components/ui/button';
import { formatLookback, plural } from '@/components/ui/format';
import { KeyboardIcon } from '@/components/ui/icons';
import { type ShortcutHelp, ShortcutsDialog } from '@/components/ui/shortcuts-dialog';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import { reviewState } from '@/lib/triage/needs-review';
import type { VerdictStatus } from '@/lib/triage/types';
import { type DeviceRow, deviceRowId, toDeviceRows } from './device-columns';
import { DeviceEvidencePanel } from './device-evidence-panel';
import { DeviceTable } from './device-table';
import { invalidLookback } from './device-view-params';
import {
  AllExcluded,
  HiddenByView,
  NoFilterMatches,
  NoMatchesInWindow,
  NoResult,
} from './devices-empty-state';
import { isUnknownDevice } from './panel-subject';
import { useDeviceViewParams } from './use-device-view-params';
import { ViewNotices } from './view-notices';

const SHORTCUTS: ShortcutHelp[] = [
  { keys: ['j', '↓'], description: 'Next device' },
  { keys: ['k', '↑'], description: 'Previous device' },
  { keys: ['Enter'], description: 'Open the device’s evidence' },
  { keys: ['/'], description: 'Filter devices' },
  { keys: ['Esc'], description: 'Close the evidence, leave the filter, or clear the active row' },
  { keys: ['x'], description: 'Select the device (triagers)' },
  { keys: ['b'], description: 'Benign: for the selection, or the open or active device (triagers)' },
  { keys: ['s'], description: 'Suspicious: likewise (triagers)' },
  { keys: ['m'], description: 'Malicious: likewise (triagers)' },
  { keys: ['r'], description: 'Run the hunt again' },
  { keys: ['?'], description: 'Show these shortcuts' },
];

export function DevicesView() {
  const [params, updateParams] = useDeviceViewParams();
  const { hunts, problems: catalogProblems, error: huntsError } = useHunts();
  const huntId = params.hunt ?? hunts?.[0]?.id ?? null;
  const result = useHuntRun(huntId ? { huntId, lookback: params.lookback, exclude: params.exclude } : null);
  const { run, status, runAgain, cancel } = result;

  // Parts of a link the page cannot follow are dropped from the address, and the page says so.
  const [notices, setNotices] = useState<string[]>([]);
  const addNotice = useCallback(
    (notice: string) => setNotices((shown) => (shown.includes(notice) ? shown : [...shown, notice])),
    [],
  );
  const rawLookback = useSearchParams().get('lookback');
  useEffect(() => {
    const invalid = invalidLookback({ get: () => rawLookback });
    if (invalid === null) return;
    addNotice(
      `The window '${invalid.slice(0, 40)}' in the link is not valid; showing the hunt's own window.`,
    );
    updateParams({ lookback: null }, 'replace');
  }, [rawLookback, addNotice, updateParams]);
  useEffect(() => {
    const split = splitUnknownExclusions(result.error, params.exclude);
    if (!split) return;
    addNotice(
      `Ignored exclusion ${split.ignored.length === 1 ? 'id' : 'ids'} this hunt does not have: ${split.ignored.join(', ')}.`,
    );
    updateParams({ exclude: split.kept }, 'replace');
  }, [result.error, params.exclude, addNotice, updateParams]);

  const filterRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  const canTriage = useHasRole(['Triager']);
  const [exclusionDraft, setExclusionDraft] = useState<CustomExclusionDraft | null>(null);
  const [customActive, setCustomActive] = useState(0);
  const verdicts = useVerdicts(huntId);
  const tableRef = useRef<DataTableHandle>(null);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [activeRowId, setActiveRowId] = useState<string | null>(null);
  const [verdictRequest, setVerdictRequest] = useState<VerdictRequest | null>(null);

  // Selections belong to one hunt's list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared when the hunt changes.
  useEffect(() => setRowSelection({}), [huntId]);

  // The run's devices by device id (a renamed host's first row) and by row id (for the selection).
  const { devicesById, rowsById } = useMemo(() => {
    const rows = toDeviceRows(run?.devices ?? []);
    const byDevice = new Map<string, DeviceRow>();
    for (const row of rows) if (!byDevice.has(row.deviceId)) byDevice.set(row.deviceId, row);
    return { devicesById: byDevice, rowsById: new Map(rows.map((row) => [deviceRowId(row), row])) };
  }, [run]);
  const selectedDevices = useMemo(
    () =>
      Object.keys(rowSelection)
        .filter((id) => rowSelection[id])
        .flatMap((id) => {
          const row = rowsById.get(id);
          return row ? [{ deviceId: row.deviceId, deviceName: row.deviceName }] : [];
        }),
    [rowSelection, rowsById],
  );

  const openDeviceId = params.device;
  const openDevice = openDeviceId ? (devicesById.get(openDeviceId) ?? null) : null;
  // A link to an id that neither the run nor a verdict knows names no device: nothing to set a verdict on.
  const openUnknown =
    openDeviceId !== null &&
    isUnknownDevice({
      listed: openDevice !== null,
      hasVerdict: verdicts.verdicts?.get(openDeviceId) !== undefined,
      runCurrent: run !== null && result.current,
    });
  const closePanel = useCallback(() => {
    updateParams({ device: null }, 'replace');
    tableRef.current?.focus();
  }, [updateParams]);

  // A panel opened from the URL (a link, a reload) makes its device's row the active one, so the keyboard
  // carries on from there rather than from the top of the table.
  useEffect(() => {
    if (!openDeviceId || !openDevice) return;
    setActiveRowId((current) => {
      if (current && rowsById.get(current)?.deviceId === openDeviceId) return current;
      return deviceRowId(openDevice);
    });
  }, [openDeviceId, openDevice, rowsById]);

  // While the panel is open it follows the active row, so j/k walk through the devices' evidence.
  const onActiveRowChange = useCallback(
    (rowId: string | null) => {
      setActiveRowId(rowId);
      const row = rowId ? rowsById.get(rowId) : undefined;
      if (row && new URLSearchParams(window.location.search).has('device'))
        updateParams({ device: row.deviceId }, 'replace');
    },
    [rowsById, updateParams],
  );

  /** Who b/s/m apply to: the selection, else the device whose evidence is open, else the active row. */
  const verdictSubjects = (): { deviceId: string; deviceName: string }[] => {
    if (selectedDevices.length > 0) return selectedDevices;
    if (openDeviceId) {
      if (openUnknown) return [];
      const name = openDevice?.deviceName ?? verdicts.verdicts?.get(openDeviceId)?.deviceName ?? openDeviceId;
      return [{ deviceId: openDeviceId, deviceName: name }];
    }
    const active = activeRowId ? rowsById.get(activeRowId) : undefined;
    return active ? [{ deviceId: active.deviceId, deviceName: active.deviceName }] : [];
  };
  const askVerdict = (status: VerdictStatus | null, devices = verdictSubjects()) => {
    if (!canTriage || !huntId || verdicts.verdicts === null || devices.length === 0) return;
    setVerdictRequest({ devices, status });
  };
  const verdictKey = (status: VerdictStatus) => (event: KeyboardEvent) => {
    if (!canTriage) return;
    event.preventDefault();
    askVerdict(status);
  };

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
      verdicts.reload();
    },
    x: (event) => {
      if (!canTriage || !activeRowId) return;
      event.preventDefault();
      setRowSelection((current) => {
        const next = { ...current };
        if (next[activeRowId]) delete next[activeRowId];
        else next[activeRowId] = true;
        return next;
      });
    },
    b: verdictKey('benign'),
    s: verdictKey('suspicious'),
    m: verdictKey('malicious'),
  });

  // Enter or a double click opens the evidence panel; Back closes it again.
  const openEvidence = useCallback(
    (device: DeviceRow) => updateParams({ device: device.deviceId }, params.device ? 'replace' : 'push'),
    [updateParams, params.device],
  );
  const scenarios = useMemo(() => (run?.exclusions ?? []).map(({ id, title }) => ({ id, title })), [run]);
  const scenarioTitle = useCallback(
    (id: string) => scenarios.find((scenario) => scenario.id === id)?.title ?? id,
    [scenarios],
  );

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
        catalogProblems={catalogProblems}
        huntId={huntId}
        hunt={hunt}
        onHuntChange={(id) => updateParams({ hunt: id, lookback: null, exclude: [] })}
        lookback={params.lookback}
        defaultLookback={hunt?.lookback ?? null}
        onLookbackChange={(lookback) => updateParams({ lookback })}
        run={run}
        running={running}
        startedAt={result.startedAt}
        stale={stale}
        failed={status === 'failed'}
        cancelled={status === 'cancelled'}
        onRunAgain={() => {
          runAgain();
          verdicts.reload();
        }}
        onCancel={cancel}
      />
      <ViewNotices notices={notices} onDismiss={() => setNotices([])} />
      {result.error && !splitUnknownExclusions(result.error, params.exclude) && (
        <RunProblem problem={result.error} staleSince={run?.ranAt ?? null} onRetry={runAgain} />
      )}
      {noHunt && huntsError && (
        <RunProblem problem={huntsError} staleSince={null} onRetry={() => window.location.reload()} />
      )}
      {verdicts.error && (
        <VerdictsProblem
          problem={verdicts.error}
          haveOlder={verdicts.verdicts !== null}
          onRetry={verdicts.reload}
        />
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
        {rules !== null ? (
          <ExclusionToggles
            rules={rules}
            selected={params.exclude}
            onChange={setExclude}
            busy={running && run !== null}
            customActive={customActive}
            custom={
              huntId && run ? (
                <CustomExclusions
                  huntId={huntId}
                  tables={run.hunt.tables}
                  impacts={new Map(run.customExclusions.map((c) => [c.id, c.impact]))}
                  deviceNames={new Map(run.devices.map((d) => [d.deviceId, d.deviceName]))}
                  busy={running}
                  draft={exclusionDraft}
                  onDraftClose={() => setExclusionDraft(null)}
                  onActiveChange={setCustomActive}
                />
              ) : null
            }
          />
        ) : rules === null && !noHunt && (running || status === 'idle') ? (
          <ExclusionsSidebarSkeleton />
        ) : rules === null && params.exclude.length > 0 ? (
          <ExclusionToggles rules={null} selected={params.exclude} onChange={setExclude} busy={false} />
        ) : null}
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          {canTriage && selectedDevices.length > 0 && (
            <SelectionBar
              count={selectedDevices.length}
              disabled={verdicts.verdicts === null}
              onSet={(status) => askVerdict(status, selectedDevices)}
              onClear={() => setRowSelection({})}
            />
          )}
          <DeviceTable
            run={run}
            loading={loading}
            busy={running && run !== null}
            stale={stale}
            view={params}
            onViewChange={updateParams}
            verdicts={verdicts.verdicts}
            onEditVerdict={canTriage ? (row) => askVerdict(badgeStatus(row.review.status), [row]) : undefined}
            rowSelection={rowSelection}
            onRowSelectionChange={setRowSelection}
            activeRowId={activeRowId}
            onActiveRowChange={onActiveRowChange}
            tableRef={tableRef}
            onOpenDevice={openEvidence}
            filterRef={filterRef}
            toolbarEnd={
              <Button variant="ghost" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)">
                <KeyboardIcon />
                <span className="sr-only">Keyboard shortcuts</span>
              </Button>
            }
            renderEmpty={({ filtered, clearFilter }) => {
              if (run && filtered && params.q.trim() !== '')
                return <NoFilterMatches query={params.q} onClear={() => updateParams({ q: '' })} />;
              if (run && filtered)
                return (
                  <HiddenByView
                    needsReview={params.view === 'needs-review' && params.verdict.length === 0}
                    onShowAll={clearFilter}
                  />
                );
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
        {huntId && openDeviceId && (
          <DeviceEvidencePanel
            unknown={openUnknown}
            huntId={huntId}
            deviceId={openDeviceId}
            device={openDevice}
            signalsAvailable={run?.signals?.available ?? []}
            signalsError={run?.signals?.error}
            lookback={params.lookback}
            exclude={params.exclude}
            windowEndMs={run ? Date.parse(run.window.end) : Date.now()}
            review={reviewState(
              verdicts.verdicts?.get(openDeviceId),
              openDevice ? openDevice.lastSeenMs : Number.NEGATIVE_INFINITY,
              Date.now(),
            )}
            verdictsUnavailable={verdicts.verdicts === null && verdicts.error !== null}
            canTriage={canTriage && verdicts.verdicts !== null}
            onSetVerdict={(status) => askVerdict(status, verdictSubjectsForPanel(openDeviceId))}
            scenarioTitle={scenarioTitle}
            onClose={closePanel}
            onExclude={
              canTriage
                ? ({ field, value }) =>
                    setExclusionDraft({
                      field,
                      value,
                      device: { id: openDeviceId, name: openDevice?.deviceName ?? openDeviceId },
                    })
                : undefined
            }
          />
        )}
      </div>
      {huntId && verdicts.verdicts && (
        <VerdictDialog
          huntId={huntId}
          request={verdictRequest}
          verdicts={verdicts.verdicts}
          scenarios={scenarios}
          onClose={() => setVerdictRequest(null)}
          onVerdicts={(saved) => {
            // Devices that leave the list with their new verdict leave the selection too.
            if (saved.length > 1) setRowSelection({});
          }}
        />
      )}
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={SHORTCUTS} />
    </div>
  );

  function verdictSubjectsForPanel(deviceId: string) {
    const name = openDevice?.deviceName ?? verdicts.verdicts?.get(deviceId)?.deviceName ?? deviceId;
    return [{ deviceId, deviceName: name }];
  }
}

/** Above the table while rows are selected: one verdict and reason for all of them. */
function SelectionBar({
  count,
  disabled,
  onSet,
  onClear,
}: {
  count: number;
  disabled: boolean;
  onSet: (status: VerdictStatus) => void;
  onClear: () => void;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Selected devices"
      className="flex min-h-9 shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-line border-b bg-accent-soft px-3 py-1"
    >
      <span className="whitespace-nowrap font-medium tabular-nums">{plural(count, 'device')} selected</span>
      <span className="whitespace-nowrap text-muted">Set verdict:</span>
      {(['benign', 'suspicious', 'malicious'] as const).map((status) => (
        <Button
          key={status}
          onClick={() => onSet(status)}
          disabled={disabled}
          className="h-6 px-2 text-[12px]"
        >
          {VERDICT_LABELS[status]}
          <Kbd>{status[0]}</Kbd>
        </Button>
      ))}
      <Button variant="ghost" onClick={onClear} className="ml-auto h-6 px-2 text-[12px]">
        Clear selection
      </Button>
    </div>
  );
}
