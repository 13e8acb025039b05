// Approving a tool, or changing an approval on record: the scope (all devices, a name pattern or a list), a
// reason, an owner and an optional expiry, with the devices it will stop flagging shown before it is saved. A
// change is confirmed first, since it changes what everyone sees flagged; an expiry in the past ends the
// approval (it stays on record, expired). A refusal from the API (a field, a limit, someone else's change) is
// shown beside the form, which keeps what was typed.
'use client';
import { useId, useState } from 'react';
import { ApiProblem } from '@/components/api/api-client';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/modal-dialog';
import type { ListedApproval } from '@/lib/triage/approval-service';
import { isApprovalExpired, type ToolApprovalInput } from '@/lib/triage/approvals';
import {
  type ApprovalDraft,
  approvalChangeEffect,
  devicesApprovedBy,
  draftInput,
  draftOf,
  EMPTY_DRAFT,
} from './approval-draft';

const inputClass =
  'w-full rounded-md border border-line bg-surface px-2 py-1 text-[13px] text-fg placeholder:text-muted';

const SCOPES: [ApprovalDraft['scope'], string][] = [
  ['all', 'All devices'],
  ['pattern', 'Devices whose name matches a pattern'],
  ['devices', 'These devices'],
];

/** What the dialog approves: a tool, or an approval on record to change. */
export interface ApprovalTarget {
  tool: string;
  /** The tool's devices seen in the window, for the preview. */
  devices: readonly { DeviceId: string; DeviceName: string }[];
  /** The approval to change (its latest version); absent: a new approval. */
  approval?: ListedApproval;
}

const listed = (names: readonly string[]) =>
  `${names.slice(0, 8).join(', ')}${names.length > 8 ? `, and ${names.length - 8} more` : ''}`;

const CHANGE_APPLIES_TO_EVERYONE =
  "The change applies to everyone: every analyst, triager and manager sees the tool flagged, or not, as this approval now says, on the overview, the tool's devices and the trends.";

export function ApprovalDialog({
  target,
  now,
  onClose,
  onSave,
}: {
  /** Null: the dialog is closed. Give the dialog a key per target so each opens with its own draft. */
  target: ApprovalTarget | null;
  now: Date;
  onClose: () => void;
  onSave: (input: ToolApprovalInput) => Promise<unknown>;
}) {
  const editing = target?.approval;
  const [draft, setDraft] = useState<ApprovalDraft>(() => (editing ? draftOf(editing) : EMPTY_DRAFT));
  const [confirming, setConfirming] = useState<ToolApprovalInput | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const set = (patch: Partial<ApprovalDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const close = () => {
    setDraft(editing ? draftOf(editing) : EMPTY_DRAFT);
    setConfirming(null);
    setProblem(null);
    onClose();
  };

  const parsed = target ? draftInput(target.tool, draft) : null;
  const preview = target && parsed?.success ? devicesApprovedBy(parsed.data, target.devices, now) : null;
  const firstIssue = parsed?.error?.issues[0];
  const ends = parsed?.success === true && isApprovalExpired(parsed.data, now);

  async function save(input: ToolApprovalInput) {
    setSaving(true);
    setProblem(null);
    try {
      await onSave(input);
      close();
    } catch (error) {
      setConfirming(null);
      setProblem(error instanceof ApiProblem ? error.detail : String(error));
    } finally {
      setSaving(false);
    }
  }

  function submit() {
    if (!parsed?.success) {
      setProblem(
        firstIssue ? `${firstIssue.path.join('.') || 'form'}: ${firstIssue.message}` : 'Check the form.',
      );
      return;
    }
    if (editing) {
      setProblem(null);
      setConfirming(parsed.data);
    } else void save(parsed.data);
  }

  if (editing && confirming && target) {
    const effect = approvalChangeEffect(editing, confirming, target.devices, now);
    return (
      <ModalDialog
        open
        onClose={close}
        title={`Save the change to the approval of ${target.tool}?`}
        description={CHANGE_APPLIES_TO_EVERYONE}
        className="w-[34rem]"
        footer={
          <>
            <Button onClick={() => setConfirming(null)} disabled={saving}>
              Back
            </Button>
            <Button variant="primary" onClick={() => void save(confirming)} disabled={saving}>
              {saving ? 'Saving…' : 'Save for everyone'}
            </Button>
          </>
        }
      >
        <ul className="flex list-disc flex-col gap-1 pl-5 text-[13px]">
          {isApprovalExpired(confirming, now) && (
            <li>
              The expiry is in the past: the approval ends now and stays listed as expired; its use is flagged
              again.
            </li>
          )}
          <li>
            {effect.uncovers.length
              ? `Flagged again (unless another approval covers them): ${listed(effect.uncovers)}.`
              : 'No device seen in the window is flagged again.'}
          </li>
          <li>
            {effect.covers.length
              ? `No longer flagged: ${listed(effect.covers)}.`
              : 'No other device seen in the window stops being flagged.'}
          </li>
        </ul>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog
      open={target !== null}
      onClose={close}
      title={target ? `${editing ? 'Change the approval of' : 'Approve'} ${target.tool}` : 'Approve'}
      description={
        editing
          ? `Recorded by ${editing.createdBy.name}, last changed by ${editing.updatedBy.name}. An expiry in the past ends it.`
          : 'Approved use stays listed but is no longer flagged. When the approval expires, it is flagged again.'
      }
      className="w-[34rem]"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" form={`${id}-form`} type="submit" disabled={saving}>
            {saving ? 'Saving…' : editing ? 'Review the change…' : 'Approve'}
          </Button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        className="flex flex-col gap-3 text-[13px]"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">Scope</legend>
          {SCOPES.map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-scope`}
                value={value}
                checked={draft.scope === value}
                onChange={() => set({ scope: value })}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {draft.scope === 'pattern' && (
          <label className="flex flex-col gap-1">
            <span className="font-medium">Device name pattern</span>
            <input
              className={`${inputClass} font-mono`}
              value={draft.pattern}
              onChange={(e) => set({ pattern: e.target.value })}
              placeholder="jump-*"
              maxLength={200}
            />
            <span className="text-muted text-xs">
              Matched on the whole device name, ignoring case: * any characters, ? one character.
            </span>
          </label>
        )}
        {draft.scope === 'devices' && (
          <label className="flex flex-col gap-1">
            <span className="font-medium">Device names, one per line</span>
            <textarea
              className={`${inputClass} h-20 font-mono`}
              value={draft.devices}
              onChange={(e) => set({ devices: e.target.value })}
              placeholder={'jump-01\njump-02'}
            />
            <span className="text-muted text-xs">
              A name also matches its host part: jump-01 matches jump-01.corp.example.
            </span>
          </label>
        )}
        <label className="flex flex-col gap-1">
          <span className="font-medium">Reason</span>
          <textarea
            className={`${inputClass} h-14`}
            value={draft.reason}
            onChange={(e) => set({ reason: e.target.value })}
            placeholder="Help desk remote support from the jump hosts"
            required
          />
        </label>
        <div className="flex gap-3">
          <label className="flex flex-1 flex-col gap-1">
            <span className="font-medium">Owner</span>
            <input
              className={inputClass}
              value={draft.owner}
              onChange={(e) => set({ owner: e.target.value })}
              placeholder="IT help desk"
              required
            />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Expires (UTC, optional)</span>
            <input
              type="date"
              className={inputClass}
              value={draft.expires}
              onChange={(e) => set({ expires: e.target.value })}
            />
          </label>
        </div>
        <output className="rounded-md bg-surface-2 px-2 py-1.5 text-xs" aria-live="polite">
          {preview === null
            ? 'Fill in the scope, a reason and an owner to see which devices this approves.'
            : ends
              ? 'The expiry is in the past: this approval approves nothing, and its use is flagged again.'
              : `Stops flagging ${preview.length} of ${target?.devices.length ?? 0} devices seen in the window${
                  preview.length ? `: ${listed(preview)}` : ''
                }.`}
        </output>
        {problem && (
          <p role="alert" className="rounded-md bg-danger-soft px-2 py-1.5 text-danger text-xs">
            {problem}
          </p>
        )}
      </form>
    </ModalDialog>
  );
}
