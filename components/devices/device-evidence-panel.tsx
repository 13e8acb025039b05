// The evidence side panel of the devices page (its own URL: ?device=<id>): the device's verdict and, for
// triagers, the controls that change it; the events behind its row for the run on screen ("showing N of
// M"); and every change of its verdict. The table beside it keeps its scroll, sort and filter.
'use client';
import { useEffect, useId, useState } from 'react';
import { useVerdictHistory } from '@/components/triage/use-verdict-history';
import { VerdictHistory } from '@/components/triage/verdict-history';
import { VerdictSummary } from '@/components/triage/verdict-summary';
import { Button, Kbd } from '@/components/ui/button';
import { CopyableId } from '@/components/ui/copyable-id';
import { formatCount, formatLookback, formatUtc } from '@/components/ui/format';
import { CloseIcon } from '@/components/ui/icons';
import { isEditableTarget } from '@/components/ui/use-hotkeys';
import {
  DEFAULT_EVIDENCE_LIMIT,
  type EvidenceColumn,
  type EvidenceEvent,
  MAX_EVIDENCE_LIMIT,
} from '@/lib/hunts/device-evidence-result';
import type { HuntDevice } from '@/lib/hunts/hunt-run';
import type { SignalId } from '@/lib/signals/definitions';
import { findTable } from '@/lib/tables/registry';
import type { ReviewState } from '@/lib/triage/needs-review';
import type { VerdictStatus } from '@/lib/triage/types';
import { DeviceEvidenceTable } from './device-evidence-table';
import { DeviceSignalsSection } from './device-signals';
import { evidenceLayout } from './evidence-layout';
import { useDeviceEvidence } from './use-device-evidence';

export interface DeviceEvidencePanelProps {
  huntId: string;
  deviceId: string;
  /** The device's row in the run on screen; null when the run does not list it (another window, excluded). */
  device: HuntDevice | null;
  /** Neither the run on screen nor a verdict knows the device: the link names no device. */
  unknown?: boolean;
  /** The signals the hunt's table supports, and why the run has none when its signals query failed. */
  signalsAvailable?: readonly SignalId[];
  signalsError?: string;
  /** The run's window and exclusions, so the events are the ones behind the row. */
  lookback: string | null;
  exclude: readonly string[];
  windowEndMs: number;
  review: ReviewState;
  verdictsUnavailable: boolean;
  canTriage: boolean;
  onSetVerdict: (status: VerdictStatus) => void;
  scenarioTitle: (id: string) => string;
  onClose: () => void;
  /** Triagers: start a custom exclusion from this device's events. */
  onExclude?: (draft: { field: string; value: string }) => void;
}

/**
 * What "Exclude…" starts from: the newest event's process (a file-name column other than the parent's), else
 * its first text value: the column a triager most often excludes by, whatever the table.
 */
function excludeDraft(
  columns: readonly EvidenceColumn[],
  event: EvidenceEvent | undefined,
): { field: string; value: string } {
  const texts = columns.filter((c) => c.type === 'string');
  const value = (name: string) => {
    const v = event?.[name];
    return typeof v === 'string' ? v : '';
  };
  const column =
    texts.find((c) => c.name.endsWith('FileName') && !c.name.includes('Parent') && value(c.name)) ??
    texts.find((c) => value(c.name)) ??
    texts[0];
  return { field: column?.name ?? '', value: column ? value(column.name) : '' };
}

const SKELETON_WIDTHS = ['90%', '82%', '74%', '66%', '58%'];

/** Escape closes the panel unless something nearer owns it: a dialog, a menu, or a field outside the panel. */
function escapeIsOurs(target: Element | null, panel: HTMLElement | null): boolean {
  if (document.querySelector('dialog[open]')) return false;
  if (target?.closest('[role="menu"], [role="listbox"]')) return false;
  if (isEditableTarget(target) && !panel?.contains(target)) return false;
  return true;
}

export function DeviceEvidencePanel({
  huntId,
  deviceId,
  device,
  unknown = false,
  signalsAvailable = [],
  signalsError,
  lookback,
  exclude,
  windowEndMs,
  review,
  verdictsUnavailable,
  canTriage,
  onSetVerdict,
  scenarioTitle,
  onClose,
  onExclude,
}: DeviceEvidencePanelProps) {
  const headingId = useId();
  const [panel, setPanel] = useState<HTMLElement | null>(null);
  const [limit, setLimit] = useState(DEFAULT_EVIDENCE_LIMIT);
  const { evidence, loading, error, retry } = useDeviceEvidence({
    huntId,
    deviceId,
    lookback,
    exclude,
    limit,
  });
  const history = useVerdictHistory(huntId, deviceId);
  const name = device?.deviceName ?? review.verdict?.deviceName ?? deviceId;

  // Another device: back to the default cap.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets when the device changes.
  useEffect(() => setLimit(DEFAULT_EVIDENCE_LIMIT), [deviceId]);

  // Capture phase: the table's own Escape (clear the active row) must not run when Escape closes the panel.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (!escapeIsOurs(document.activeElement, panel)) return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [onClose, panel]);

  const stale = evidence !== null && loading;
  return (
    <aside
      ref={setPanel}
      aria-labelledby={headingId}
      // Beside the table from md up, narrow enough to leave the device, its signals and verdict in view; over
      // the table on a phone, where there is no room beside it.
      className="flex w-[min(44rem,40vw)] min-w-[22rem] shrink-0 flex-col border-line border-l bg-surface max-md:absolute max-md:inset-0 max-md:z-30 max-md:w-full max-md:min-w-0 max-md:border-l-0"
    >
      <div className="flex h-10 shrink-0 items-center gap-2 border-line border-b px-3">
        <h2 id={headingId} className="min-w-0 truncate font-semibold text-[14px]" title={name}>
          {name}
        </h2>
        <CopyableId value={deviceId} label="device ID" />
        <Button variant="ghost" className="ml-auto h-6 px-1.5" onClick={onClose} title="Close (Esc)">
          <CloseIcon />
          <span className="sr-only">Close the evidence panel</span>
          <Kbd>Esc</Kbd>
        </Button>
      </div>

      {unknown ? (
        <div className="min-h-0 flex-1 space-y-1 p-3">
          <p className="font-semibold">This device is not in the current results.</p>
          <p className="text-[12px] text-muted">
            The run on screen does not list it and no verdict names it; check the link, or widen the window.
          </p>
        </div>
      ) : (
        <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-3">
          {device ? (
            <p className="text-[12px] text-muted tabular-nums">
              First seen {formatUtc(device.firstSeen)} · last seen {formatUtc(device.lastSeen)} ·{' '}
              {formatCount(device.count)} {device.count === 1 ? 'event' : 'events'} in the window
            </p>
          ) : (
            <p className="text-[12px] text-muted">
              The run on screen does not list this device (another window, or its events are excluded).
            </p>
          )}

          {device && (
            <DeviceSignalsSection
              headingId={`${headingId}-signals`}
              signals={device.signals}
              available={signalsAvailable}
              error={signalsError}
            />
          )}

          <section aria-labelledby={`${headingId}-verdict`} className="space-y-1.5">
            <h3 id={`${headingId}-verdict`} className="font-semibold text-[13px]">
              Verdict
            </h3>
            <VerdictSummary
              state={review}
              canTriage={canTriage}
              unavailable={verdictsUnavailable}
              onSet={onSetVerdict}
              scenarioTitle={scenarioTitle}
            />
          </section>

          <section aria-labelledby={`${headingId}-evidence`} aria-busy={loading} className="space-y-1.5">
            <div className="flex items-baseline gap-2">
              <h3 id={`${headingId}-evidence`} className="font-semibold text-[13px]">
                Evidence
              </h3>
              {evidence && (
                <p
                  className={`text-[12px] text-muted tabular-nums ${stale ? 'opacity-60' : ''}`}
                  aria-live="polite"
                >
                  showing {formatCount(evidence.shown)} of {formatCount(evidence.total)}{' '}
                  {evidence.total === 1 ? 'event' : 'events'}, newest first · last{' '}
                  {formatLookback(evidence.window.lookback)}
                  {evidence.exclusions.length > 0 &&
                    ` · ${evidence.exclusions.length} ${evidence.exclusions.length === 1 ? 'exclusion' : 'exclusions'} applied`}
                </p>
              )}
              {onExclude && evidence && evidence.events.length > 0 && (
                <Button
                  variant="ghost"
                  className="ml-auto h-6 px-1.5 text-[12px]"
                  title="Exclude events like the newest one, on this device or all devices"
                  onClick={() => onExclude(excludeDraft(evidence.columns, evidence.events[0]))}
                >
                  Exclude…
                </Button>
              )}
            </div>
            {error ? (
              <div
                role="alert"
                className="flex items-start gap-2 rounded-md border border-danger/30 bg-danger-soft p-2.5"
              >
                <p className="min-w-0 flex-1">
                  <span className="font-semibold text-danger">{error.title}.</span> {error.detail}
                </p>
                <Button onClick={retry} className="shrink-0">
                  Try again
                </Button>
              </div>
            ) : evidence === null ? (
              <div role="status" className="space-y-1.5">
                <span className="sr-only">Loading the events</span>
                {SKELETON_WIDTHS.map((width) => (
                  <div key={width} className="h-4 animate-pulse rounded bg-skeleton" style={{ width }} />
                ))}
              </div>
            ) : evidence.total === 0 ? (
              <p className="text-[12px] text-muted">
                No event of this device matches the hunt in this window
                {evidence.exclusions.length > 0 ? ' with these exclusions' : ''}.
              </p>
            ) : (
              <div className={stale ? 'opacity-60 transition-opacity' : ''}>
                <DeviceEvidenceTable
                  layout={evidenceLayout(findTable(evidence.table), evidence.columns)}
                  events={evidence.events}
                  referenceMs={windowEndMs}
                  label={`Events of ${name}`}
                />
                {evidence.total > evidence.shown && evidence.limit < MAX_EVIDENCE_LIMIT && (
                  <Button className="mt-2" onClick={() => setLimit(MAX_EVIDENCE_LIMIT)} disabled={loading}>
                    Show up to {formatCount(MAX_EVIDENCE_LIMIT)}
                  </Button>
                )}
              </div>
            )}
          </section>

          <section aria-labelledby={`${headingId}-history`} className="space-y-1.5">
            <h3 id={`${headingId}-history`} className="font-semibold text-[13px]">
              History
            </h3>
            <VerdictHistory
              entries={history.entries}
              error={history.error}
              onRetry={history.retry}
              scenarioTitle={scenarioTitle}
            />
          </section>
        </div>
      )}
    </aside>
  );
}
