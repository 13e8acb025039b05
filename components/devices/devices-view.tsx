// The devices page: the hunt and window from the URL, its run and verdicts (useDevicesRun), the devices it
// points at (useDeviceSelection), its keyboard shortcuts and verdict form; laid out as the header, any
// problem, the exclusions sidebar, the devices table and the evidence panel of the device in the URL.
'use client';
import { useCallback, useRef, useState } from 'react';
import { useHasRole } from '@/components/auth/use-sign-in-state';
import type { CustomExclusionDraft } from '@/components/exclusions/custom-exclusion-form';
import { HuntRunHeader } from '@/components/hunts/hunt-run-header';
import { VerdictDialog } from '@/components/triage/verdict-dialog';
import { badgeStatus } from '@/components/triage/verdict-draft';
import { Button } from '@/components/ui/button';
import { KeyboardIcon } from '@/components/ui/icons';
import { ShortcutsDialog } from '@/components/ui/shortcuts-dialog';
import { reviewState } from '@/lib/triage/needs-review';
import { DeviceEvidencePanel } from './device-evidence-panel';
import { DeviceTable } from './device-table';
import { DevicesRunProblems } from './devices-run-problems';
import { DevicesSelectionBar } from './devices-selection-bar';
import { DevicesSidebar } from './devices-sidebar';
import { DevicesTableEmpty } from './devices-table-empty';
import { useDeviceSelection } from './use-device-selection';
import { useDeviceViewParams } from './use-device-view-params';
import { useDevicesRun } from './use-devices-run';
import { DEVICES_SHORTCUTS, useDevicesShortcuts } from './use-devices-shortcuts';
import { useLinkNotices } from './use-link-notices';
import { useVerdictRequests } from './use-verdict-requests';

export function DevicesView() {
  const [params, updateParams] = useDeviceViewParams();
  const page = useDevicesRun(params);
  const { huntId, run, result, verdicts, running } = page;
  const notices = useLinkNotices(params.exclude, updateParams, result.error);
  const canTriage = useHasRole(['Triager']);
  const onOpenDeviceChange = useCallback(
    (device: string | null, history: 'push' | 'replace') => updateParams({ device }, history),
    [updateParams],
  );
  const selection = useDeviceSelection({
    huntId,
    run,
    runCurrent: result.current,
    verdicts: verdicts.verdicts,
    openDeviceId: params.device,
    onOpenDeviceChange,
  });
  const verdictForm = useVerdictRequests({
    enabled: canTriage && huntId !== null && verdicts.verdicts !== null,
    subjects: selection.verdictSubjects,
  });
  const filterRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [exclusionDraft, setExclusionDraft] = useState<CustomExclusionDraft | null>(null);
  useDevicesShortcuts({
    filterRef,
    canTriage,
    canRun: huntId !== null,
    onHelp: () => setHelpOpen(true),
    onRunAgain: page.refresh,
    onToggleActive: selection.toggleActive,
    onVerdict: (status) => verdictForm.ask(status),
  });

  const openDeviceId = params.device;
  const setExclude = (exclude: string[]) => updateParams({ exclude });

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <HuntRunHeader
        hunts={page.hunts}
        huntsError={page.huntsError}
        catalogProblems={page.catalogProblems}
        huntId={huntId}
        hunt={page.hunt}
        onHuntChange={(id) => updateParams({ hunt: id, lookback: null, exclude: [] })}
        lookback={params.lookback}
        defaultLookback={page.hunt?.lookback ?? null}
        onLookbackChange={(lookback) => updateParams({ lookback })}
        run={run}
        running={running}
        startedAt={result.startedAt}
        stale={page.stale}
        failed={page.status === 'failed'}
        cancelled={page.status === 'cancelled'}
        onRunAgain={page.refresh}
        onCancel={result.cancel}
      />
      <DevicesRunProblems
        page={page}
        exclude={params.exclude}
        notices={notices.notices}
        onDismissNotices={notices.dismiss}
      />

      <div className="relative flex min-h-0 flex-1">
        <DevicesSidebar
          huntId={huntId}
          run={run}
          rules={page.rules}
          running={running}
          waiting={!page.noHunt && (running || page.status === 'idle')}
          selected={params.exclude}
          onSelectedChange={setExclude}
          draft={exclusionDraft}
          onDraftClose={() => setExclusionDraft(null)}
        />
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          {canTriage && selection.selectedDevices.length > 0 && (
            <DevicesSelectionBar
              count={selection.selectedDevices.length}
              disabled={verdicts.verdicts === null}
              onSet={(status) => verdictForm.ask(status, selection.selectedDevices)}
              onClear={selection.clearSelection}
            />
          )}
          <DeviceTable
            run={run}
            loading={page.loading}
            busy={running && run !== null}
            stale={page.stale}
            view={params}
            onViewChange={updateParams}
            verdicts={verdicts.verdicts}
            onEditVerdict={
              canTriage ? (row) => verdictForm.ask(badgeStatus(row.review.status), [row]) : undefined
            }
            rowSelection={selection.rowSelection}
            onRowSelectionChange={selection.setRowSelection}
            activeRowId={selection.activeRowId}
            onActiveRowChange={selection.onActiveRowChange}
            tableRef={selection.tableRef}
            besidePanel={openDeviceId !== null}
            onOpenDevice={selection.openEvidence}
            filterRef={filterRef}
            toolbarEnd={
              <Button variant="ghost" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)">
                <KeyboardIcon />
                <span className="sr-only">Keyboard shortcuts</span>
              </Button>
            }
            renderEmpty={({ filtered, clearFilter }) => (
              <DevicesTableEmpty
                run={run}
                status={page.status}
                filtered={filtered}
                query={params.q}
                needsReviewOnly={params.view === 'needs-review' && params.verdict.length === 0}
                enabledRules={page.enabledRules}
                noHunt={page.noHunt}
                huntsError={page.huntsError}
                onClearQuery={() => updateParams({ q: '' })}
                onShowAll={clearFilter}
                onClearRules={() => setExclude([])}
                onWiden={(lookback) => updateParams({ lookback })}
                onRun={result.runAgain}
              />
            )}
          />
        </div>
        {huntId && openDeviceId && (
          <DeviceEvidencePanel
            unknown={selection.openUnknown}
            huntId={huntId}
            deviceId={openDeviceId}
            device={selection.openDevice}
            signalsAvailable={run?.signals?.available ?? []}
            signalsError={run?.signals?.error}
            lookback={params.lookback}
            exclude={params.exclude}
            windowEndMs={run ? Date.parse(run.window.end) : Date.now()}
            review={reviewState(
              verdicts.verdicts?.get(openDeviceId),
              selection.openDevice ? selection.openDevice.lastSeenMs : Number.NEGATIVE_INFINITY,
              Date.now(),
            )}
            verdictsUnavailable={verdicts.verdicts === null && verdicts.error !== null}
            canTriage={canTriage && verdicts.verdicts !== null}
            onSetVerdict={(status) => verdictForm.ask(status, [selection.openSubject(openDeviceId)])}
            scenarioTitle={page.scenarioTitle}
            onClose={selection.closePanel}
            onExclude={
              canTriage
                ? ({ field, value }) =>
                    setExclusionDraft({
                      field,
                      value,
                      device: {
                        id: openDeviceId,
                        name: selection.openDevice?.deviceName ?? openDeviceId,
                      },
                    })
                : undefined
            }
          />
        )}
      </div>
      {huntId && verdicts.verdicts && (
        <VerdictDialog
          huntId={huntId}
          request={verdictForm.request}
          verdicts={verdicts.verdicts}
          scenarios={page.scenarios}
          onClose={verdictForm.close}
          onVerdicts={(saved) => {
            // Devices that leave the list with their new verdict leave the selection too.
            if (saved.length > 1) selection.clearSelection();
          }}
        />
      )}
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} shortcuts={DEVICES_SHORTCUTS} />
    </div>
  );
}
