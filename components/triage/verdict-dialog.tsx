// Setting a verdict for one device (from its row or its evidence panel) or for many selected rows at once
// with one reason: status, reason (required for Benign, recent reasons one click away), the false-positive
// scenario it matches and a review date for Benign, a reference for Malicious. Checked with the verdict
// schema before it is sent; a 409 shows who changed what, with "use theirs" and "retry mine".
'use client';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiProblem } from '@/components/api/api-client';
import type { VerdictTarget } from '@/components/api/triage-api';
import { announce } from '@/components/ui/announce';
import { Button } from '@/components/ui/button';
import { plural } from '@/components/ui/format';
import { ModalDialog } from '@/components/ui/modal-dialog';
import type { Verdict, VerdictStatus } from '@/lib/triage/types';
import { ConflictNotice } from './conflict-notice';
import { loadRecentReasons, rememberReason, saveRecentReasons } from './recent-reasons';
import { useSaveVerdicts } from './use-verdicts';
import { iconTone, VERDICT_LABELS, VERDICT_MEANINGS, VerdictIcon } from './verdict-badge';
import {
  type DraftField,
  draftField,
  draftFor,
  draftReady,
  draftToInput,
  type VerdictDraft,
} from './verdict-draft';
import {
  readConflicts,
  retryTargets,
  type VerdictConflict,
  type VerdictIndex,
  verdictTargets,
} from './verdict-state';

/** The decisions first; Unreviewed (taking a verdict back) last. */
const FORM_ORDER: readonly VerdictStatus[] = ['benign', 'suspicious', 'malicious', 'unreviewed'];

export interface VerdictRequest {
  devices: readonly { deviceId: string; deviceName: string }[];
  /** The verdict to start from; null: none chosen yet. */
  status: VerdictStatus | null;
}

export interface VerdictDialogProps {
  huntId: string;
  /** What to set and for whom; null: closed. */
  request: VerdictRequest | null;
  verdicts: VerdictIndex;
  /** The hunt's false-positive rules, for the scenario a Benign verdict matches. */
  scenarios: readonly { id: string; title: string }[];
  onClose: () => void;
  /** Verdicts the store now holds (already in the page's list): what was saved, or what a conflict revealed. */
  onVerdicts: (verdicts: Verdict[]) => void;
}

export function VerdictDialog({
  huntId,
  request,
  verdicts,
  scenarios,
  onClose,
  onVerdicts,
}: VerdictDialogProps) {
  const count = request?.devices.length ?? 0;
  const first = request?.devices[0];
  return (
    <ModalDialog
      open={request !== null}
      onClose={onClose}
      title={count > 1 ? `Set the verdict of ${plural(count, 'device')}` : 'Set verdict'}
      description={
        count > 1
          ? `One verdict and reason for all of them; if any was changed meanwhile, none is saved.`
          : first && (
              <>
                For <span className="font-medium text-fg">{first.deviceName}</span> in this hunt.
              </>
            )
      }
      className="w-[34rem]"
    >
      {request && (
        <VerdictForm
          huntId={huntId}
          request={request}
          verdicts={verdicts}
          scenarios={scenarios}
          onClose={onClose}
          onVerdicts={onVerdicts}
        />
      )}
    </ModalDialog>
  );
}

function VerdictForm({
  huntId,
  request,
  verdicts,
  scenarios,
  onClose,
  onVerdicts,
}: VerdictDialogProps & { request: VerdictRequest }) {
  const id = useId();
  const single = request.devices.length === 1 ? request.devices[0] : undefined;
  const current = single ? verdicts.get(single.deviceId) : undefined;
  const [draft, setDraft] = useState<VerdictDraft>(() => draftFor(request.status, current));
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  // The versions on screen when the dialog opened: a write names what the triager actually saw.
  const [targets, setTargets] = useState<VerdictTarget[]>(() => verdictTargets(request.devices, verdicts));
  const [conflicts, setConflicts] = useState<VerdictConflict[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [recent, setRecent] = useState<string[]>([]);
  const verdictWrites = useSaveVerdicts(huntId);
  const reasonRef = useRef<HTMLInputElement>(null);
  const names = useMemo(
    () => new Map(request.devices.map((d) => [d.deviceId, d.deviceName])),
    [request.devices],
  );

  useEffect(() => {
    setRecent(loadRecentReasons(window.localStorage));
    // After the dialog has opened: showModal() focuses its first control (the close button) itself.
    const frame = requestAnimationFrame(() => reasonRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  const set = (patch: Partial<VerdictDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch) as DraftField[]) delete next[key];
      return next;
    });
  };

  const save = async (to: VerdictTarget[]) => {
    const checked = draftToInput(draft, Date.now());
    if (!checked.ok) {
      setErrors(checked.errors);
      const field = Object.keys(checked.errors)[0];
      document.getElementById(`${id}-${field}`)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await verdictWrites.save(to, checked.input);
      if (checked.input.reason) {
        const next = rememberReason(recent, checked.input.reason);
        saveRecentReasons(window.localStorage, next);
      }
      onVerdicts(saved);
      announce(`${VERDICT_LABELS[checked.input.status]} set for ${plural(saved.length, 'device')}`);
      onClose();
    } catch (error) {
      const apiProblem =
        error instanceof ApiProblem
          ? error
          : new ApiProblem({ title: 'The verdict was not saved', status: 0, detail: String(error) });
      if (apiProblem.status === 409) {
        const found = readConflicts(apiProblem.extensions, to);
        setTargets(to);
        setConflicts(found);
        // The table shows what the store holds now, whatever the triager decides next.
        const current = found.flatMap((c) => (c.current ? [c.current] : []));
        verdictWrites.known(current);
        onVerdicts(current);
        if (found.length === 0) setProblem(apiProblem);
      } else if (apiProblem.status === 400 && draftField(apiProblem.extensions.field)) {
        const field = draftField(apiProblem.extensions.field) as DraftField;
        setErrors({ [field]: apiProblem.detail });
      } else {
        setProblem(apiProblem);
      }
    } finally {
      setBusy(false);
    }
  };

  const keepTheirs = () => {
    const conflicting = new Set(conflicts?.map((c) => c.deviceId));
    const rest = targets.filter((t) => !conflicting.has(t.deviceId));
    setConflicts(null);
    if (rest.length === 0) onClose();
    else void save(rest); // theirs stand; the other devices still get this verdict
  };

  const retryMine = () => {
    const next = retryTargets(targets, conflicts ?? []);
    setConflicts(null);
    void save(next);
  };

  const fieldProps = (field: DraftField) => ({
    id: `${id}-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${id}-${field}-error` : undefined,
  });
  const fieldError = (field: DraftField) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="text-[12px] text-danger">
        {errors[field]}
      </p>
    ) : null;
  const inputClass =
    'h-7 w-full rounded-md border border-line bg-bg px-2 text-[13px] hover:border-line-strong focus-visible:border-accent focus-visible:outline-1 focus-visible:outline-offset-0 aria-invalid:border-danger';
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy && !conflicts && draftReady(draft)) void save(targets);
      }}
    >
      <fieldset>
        <legend className="mb-1.5 font-medium text-[12px] text-muted">Verdict</legend>
        <div className="grid grid-cols-2 gap-1.5">
          {FORM_ORDER.map((status) => (
            <label
              key={status}
              className={`flex cursor-pointer items-start gap-2 rounded-md border px-2 py-1.5 has-focus-visible:outline-2 has-focus-visible:outline-accent ${draft.status === status ? 'border-accent bg-accent-soft' : 'border-line hover:bg-surface-2'}`}
            >
              <input
                type="radio"
                name={`${id}-status`}
                value={status}
                checked={draft.status === status}
                onChange={() => set({ status })}
                className="sr-only"
              />
              <VerdictIcon status={status} size={14} className={`mt-0.5 shrink-0 ${iconTone(status)}`} />
              <span className="min-w-0 flex-1">
                <span className="block font-medium">{VERDICT_LABELS[status]}</span>
                <span className="block text-[11px] text-muted">{VERDICT_MEANINGS[status]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="space-y-1">
        <label htmlFor={`${id}-reason`} className="font-medium text-[12px] text-muted">
          Reason{draft.status === 'benign' ? ' (required for Benign)' : ' (optional)'}
        </label>
        <input
          ref={reasonRef}
          {...fieldProps('reason')}
          type="text"
          list={`${id}-recent`}
          value={draft.reason}
          onChange={(event) => set({ reason: event.target.value })}
          required={draft.status === 'benign'}
          maxLength={2_000}
          autoComplete="off"
          placeholder={
            draft.status === 'benign' ? 'Why this is admin work, e.g. jump host of the server team' : ''
          }
          className={inputClass}
        />
        <datalist id={`${id}-recent`}>
          {recent.map((reason) => (
            <option key={reason} value={reason} />
          ))}
        </datalist>
        {fieldError('reason')}
        {recent.length > 0 && (
          <fieldset className="flex flex-wrap items-center gap-1">
            <legend className="float-left mr-1 text-[11px] text-muted">Recent reasons:</legend>
            {recent.slice(0, 4).map((reason) => (
              <button
                key={reason}
                type="button"
                onClick={() => {
                  set({ reason });
                  reasonRef.current?.focus();
                }}
                title={reason}
                className="max-w-56 truncate rounded-full border border-line px-2 text-[11px] leading-5 hover:bg-surface-2"
              >
                {reason}
              </button>
            ))}
          </fieldset>
        )}
      </div>

      {draft.status === 'benign' && (
        <div className="grid grid-cols-2 gap-3">
          <div className="space-y-1">
            <label htmlFor={`${id}-scenario`} className="font-medium text-[12px] text-muted">
              False-positive scenario (optional)
            </label>
            <select
              {...fieldProps('scenario')}
              value={draft.scenario}
              onChange={(event) => set({ scenario: event.target.value })}
              className={inputClass}
            >
              <option value="">None</option>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            {fieldError('scenario')}
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-reviewAfterDay`} className="font-medium text-[12px] text-muted">
              Review again from (optional, UTC)
            </label>
            <input
              {...fieldProps('reviewAfterDay')}
              type="date"
              min={tomorrow}
              value={draft.reviewAfterDay}
              onChange={(event) => set({ reviewAfterDay: event.target.value })}
              className={inputClass}
            />
            {fieldError('reviewAfterDay')}
          </div>
        </div>
      )}

      {draft.status === 'malicious' && (
        <div className="space-y-1">
          <label htmlFor={`${id}-reference`} className="font-medium text-[12px] text-muted">
            Incident or ticket reference (optional)
          </label>
          <input
            {...fieldProps('reference')}
            type="text"
            value={draft.reference}
            onChange={(event) => set({ reference: event.target.value })}
            maxLength={200}
            autoComplete="off"
            placeholder="e.g. INC-2026-0412"
            className={inputClass}
          />
          {fieldError('reference')}
        </div>
      )}

      {fieldError('status')}

      {conflicts && conflicts.length > 0 && draft.status && (
        <ConflictNotice
          conflicts={conflicts}
          deviceNames={names}
          mine={draft.status}
          busy={busy}
          onUseTheirs={keepTheirs}
          onRetryMine={retryMine}
        />
      )}

      {problem && (
        <div role="alert" className="rounded-md border border-danger/30 bg-danger-soft p-2.5">
          <p className="font-semibold text-danger">{problem.title}</p>
          <p>{problem.detail}</p>
        </div>
      )}

      <div className="flex items-center justify-end gap-2 border-line border-t pt-3">
        <span className="mr-auto text-[11px] text-muted">
          {targets.length > 1
            ? `${plural(targets.length, 'device')}, all or none`
            : 'Enter saves, Esc cancels'}
        </span>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          disabled={busy || conflicts !== null || !draftReady(draft)}
          title={draftReady(draft) ? undefined : 'Choose a verdict first'}
        >
          {busy ? 'Saving…' : draft.status ? `Save ${VERDICT_LABELS[draft.status]}` : 'Save'}
        </Button>
      </div>
    </form>
  );
}
