// The "Custom" part of the Exclusions sidebar: the triagers' own exclusions with who made them, why, and
// until when; each one's impact on the current window; for triagers, switches and removal (each confirmed
// with a reason, since it changes everyone's results) and a button to add one. Custom exclusions apply to
// everyone's runs, so changes are saved, not put in the URL, and the hunt runs again after each.
'use client';
import { useEffect, useId, useState } from 'react';
import { ApiProblem } from '@/components/api/api-client';
import type { CustomExclusionView } from '@/components/api/custom-exclusion-api';
import { useHasRole } from '@/components/auth/use-sign-in-state';
import { Button } from '@/components/ui/button';
import { formatCount, formatRelative, formatUtc, plural } from '@/components/ui/format';
import { ModalDialog } from '@/components/ui/modal-dialog';
import { useNow } from '@/components/ui/use-now';
import { describeCustomExclusion } from '@/lib/triage/custom-exclusion-predicate';
import { type CustomExclusionDraft, CustomExclusionForm } from './custom-exclusion-form';
import { refusedChangeMessage, shownCustomExclusions } from './custom-exclusions-state';
import { customInEffect } from './exclusion-count';
import { useCustomExclusionChanges, useCustomExclusions, usePendingSwitches } from './use-custom-exclusions';

type Impact = { events: number; devices: number; devicesGone: number };

export function CustomExclusions({
  huntId,
  tables,
  impacts,
  deviceNames,
  busy,
  draft,
  onDraftClose,
  readOnly = false,
  onActiveChange,
}: {
  huntId: string;
  /** The registry tables the hunt reads (its summary's `tables`). */
  tables: readonly string[];
  /** Impact of each custom exclusion in effect, by id, from the last run. */
  impacts: ReadonlyMap<string, Impact>;
  deviceNames: ReadonlyMap<string, string>;
  busy: boolean;
  /** Set when a device's row or evidence asks for a new exclusion. */
  draft: CustomExclusionDraft | null;
  onDraftClose: () => void;
  /** List only: no switches, adding or removing (a page that applies them but does not manage them). */
  readOnly?: boolean;
  /** How many are in effect, whenever the list loads. */
  onActiveChange?: (count: number) => void;
}) {
  const isTriager = useHasRole(['Triager']);
  const canEdit = isTriager && !readOnly;
  const headingId = useId();
  const now = useNow(60_000);
  const list = useCustomExclusions(huntId);
  const changes = useCustomExclusionChanges(huntId);
  // Once confirmed with a reason, a switch moves at once; the saved list replaces it when it comes back. A
  // refused change says so, and the list and the results load again with the server's state.
  const items = shownCustomExclusions(list.items, usePendingSwitches(huntId));
  const [formOpen, setFormOpen] = useState(false);
  const [removing, setRemoving] = useState<CustomExclusionView | null>(null);
  const [switching, setSwitching] = useState<{ item: CustomExclusionView; enabled: boolean } | null>(null);

  const active = list.items ? customInEffect(list.items).length : 0;
  const refused = changes.toggle.error;
  const error = refused
    ? refusedChangeMessage(
        refused instanceof ApiProblem
          ? refused
          : { status: 0, detail: refused instanceof Error ? refused.message : String(refused) },
      )
    : (list.loadError?.detail ?? null);
  useEffect(() => onActiveChange?.(active), [active, onActiveChange]);

  return (
    <section aria-labelledby={headingId} className="border-line border-t">
      <div className="flex h-9 items-center gap-2 px-3">
        <h3 id={headingId} className="font-semibold text-[13px]">
          Custom
        </h3>
        <span className="text-[11px] text-muted tabular-nums">{formatCount(active)} active</span>
        {canEdit && (
          <Button
            variant="ghost"
            className="ml-auto h-6 px-1.5 text-[12px]"
            onClick={() => setFormOpen(true)}
          >
            + Add
          </Button>
        )}
      </div>
      {readOnly && (
        <p className="px-3 pb-1 text-[11px] text-muted">Applied here too; switched on the Devices page.</p>
      )}
      {error && (
        <p role="alert" className="mx-3 mb-2 rounded-md bg-danger-soft px-2 py-1 text-[12px] text-danger">
          {error}
        </p>
      )}
      {items === null && !error ? (
        <p className="px-3 pb-2 text-[12px] text-muted">Loading custom exclusions…</p>
      ) : items?.length === 0 ? (
        <p className="px-3 pb-2 text-[12px] text-muted">
          None yet.{canEdit ? ' Add one here or from a device’s events.' : ''}
        </p>
      ) : (
        <ul className="space-y-px px-1.5 pb-2" aria-label="Custom exclusions">
          {items?.map((item) => (
            <CustomExclusionRow
              key={item.id}
              item={item}
              label={describeCustomExclusion(
                item,
                item.deviceId ? (deviceNames.get(item.deviceId) ?? item.deviceName) : undefined,
              )}
              impact={impacts.get(item.id)}
              busy={busy}
              now={now}
              canEdit={canEdit}
              onToggle={(on) => setSwitching({ item, enabled: on })}
              onRemove={() => setRemoving(item)}
            />
          ))}
        </ul>
      )}
      {canEdit && (
        <CustomExclusionForm
          huntId={huntId}
          tables={tables}
          open={formOpen || draft !== null}
          draft={draft ?? {}}
          onClose={() => {
            setFormOpen(false);
            onDraftClose();
          }}
        />
      )}
      {canEdit && (
        <ReasonDialog
          open={removing !== null}
          title="Remove custom exclusion"
          label={removing ? describeCustomExclusion(removing, removing.deviceName) : ''}
          consequence="Its events come back in everyone’s results for this hunt; the audit log keeps it."
          fix="say why the exclusion goes"
          action="Remove"
          onClose={() => setRemoving(null)}
          onConfirm={async (reason) => {
            if (!removing) return;
            await changes.remove.mutateAsync({ id: removing.id, reason });
            setRemoving(null);
          }}
        />
      )}
      {canEdit && (
        <ReasonDialog
          open={switching !== null}
          title={switching?.enabled ? 'Switch on for everyone?' : 'Switch off for everyone?'}
          label={switching ? describeCustomExclusion(switching.item, switching.item.deviceName) : ''}
          consequence={switchConsequence(switching, switching ? impacts.get(switching.item.id) : undefined)}
          fix="say why you switch it, for everyone whose results change"
          action={switching?.enabled ? 'Switch on' : 'Switch off'}
          onClose={() => setSwitching(null)}
          onConfirm={async (reason) => {
            if (!switching) return;
            setSwitching(null);
            changes.toggle.mutate({ item: switching.item, enabled: switching.enabled, reason });
          }}
        />
      )}
    </section>
  );
}

function CustomExclusionRow({
  item,
  label,
  impact,
  busy,
  now,
  canEdit,
  onToggle,
  onRemove,
}: {
  item: CustomExclusionView;
  label: string;
  impact: Impact | undefined;
  busy: boolean;
  now: number;
  canEdit: boolean;
  onToggle: (on: boolean) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const state = item.expired ? 'expired' : item.enabled ? 'on' : 'off';
  return (
    <li className="rounded-md px-1.5 py-1 hover:bg-surface-2" data-state={state}>
      <div className="flex items-start gap-1.5">
        <input
          id={id}
          type="checkbox"
          checked={item.enabled && !item.expired}
          disabled={!canEdit || item.expired}
          onChange={(event) => onToggle(event.target.checked)}
          className="mt-[3px] size-3.5 shrink-0 cursor-pointer accent-accent disabled:cursor-default"
          aria-describedby={`${id}-meta`}
        />
        <label
          htmlFor={id}
          className={`min-w-0 flex-1 break-words font-mono text-[12px] leading-5 ${item.expired ? 'text-muted line-through' : ''}`}
        >
          {label}
        </label>
        {impact && (
          <span
            className={`shrink-0 font-mono text-[12px] tabular-nums leading-5 ${busy ? 'opacity-50' : ''}`}
            title={`Hides ${plural(impact.events, 'event')} on ${plural(impact.devices, 'device')}; ${plural(impact.devicesGone, 'device')} left the table because of it.`}
          >
            {impact.devicesGone ? `−${formatCount(impact.devicesGone)}` : '0'}
            <span className="text-muted"> dev</span>
          </span>
        )}
      </div>
      <div id={`${id}-meta`} className="pl-5 text-[11px] text-muted leading-snug">
        <p className="break-words">“{item.reason}”</p>
        <p>
          {item.createdBy.name},{' '}
          <time dateTime={item.createdAt} title={formatUtc(item.createdAt)}>
            {formatRelative(Math.min(Date.parse(item.createdAt), now), now)}
          </time>
          {item.expiresAt && (
            <>
              {' · '}
              {item.expired ? (
                <span className="rounded bg-warning-soft px-1 text-warning">
                  expired {formatUtc(item.expiresAt)}
                </span>
              ) : (
                <>
                  expires{' '}
                  <time dateTime={item.expiresAt} title={formatUtc(item.expiresAt)}>
                    {formatRelative(Date.parse(item.expiresAt), now)}
                  </time>
                </>
              )}
            </>
          )}
          {!item.enabled && !item.expired && ' · off'}
        </p>
        {canEdit && (
          <button type="button" onClick={onRemove} className="text-danger hover:underline">
            Remove…
          </button>
        )}
      </div>
    </li>
  );
}

/** What a switch changes for everyone, with the devices it hides now when the last run measured them. */
function switchConsequence(
  switching: { item: CustomExclusionView; enabled: boolean } | null,
  impact: Impact | undefined,
): string {
  if (!switching) return '';
  if (switching.enabled) return 'Its events leave every analyst’s results, runs and trends for this hunt.';
  const back = impact?.devicesGone
    ? ` The table gets back the ${plural(impact.devicesGone, 'device')} it hides now.`
    : '';
  return `Its events come back in every analyst’s results, runs and trends for this hunt.${back}`;
}

/** A change to everyone's results, confirmed with the reason the audit log keeps. */
function ReasonDialog({
  open,
  title,
  label,
  consequence,
  fix,
  action,
  onClose,
  onConfirm,
}: {
  open: boolean;
  title: string;
  /** The exclusion, as the list shows it. */
  label: string;
  consequence: string;
  /** The end of "reason: is required: …" when none is given. */
  fix: string;
  action: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <ModalDialog open={open} onClose={onClose} title={title} description={label}>
      <form
        className="grid gap-3"
        onSubmit={async (event) => {
          event.preventDefault();
          if (reason.trim() === '') {
            setProblem(`reason: is required: ${fix}`);
            return;
          }
          setSaving(true);
          try {
            await onConfirm(reason.trim());
            setReason('');
            setProblem(null);
          } catch (e) {
            setProblem(e instanceof ApiProblem ? e.detail : String(e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <p className="text-[12px]">{consequence}</p>
        <label className="grid gap-1">
          <span className="font-medium text-[12px]">Reason (required)</span>
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            className="w-full rounded-md border border-line bg-surface px-2 py-1 text-[13px]"
            required
          />
        </label>
        {problem && (
          <p role="alert" className="rounded-md bg-danger-soft px-2 py-1.5 text-[12px] text-danger">
            {problem}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" disabled={saving}>
            {action}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
