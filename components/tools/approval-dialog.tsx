// Approving a tool: the scope (all devices, a name pattern or a list), a reason, an owner and an optional
// expiry, with the devices it will stop flagging shown before it is saved. A refusal from the API (a field, a
// limit) is shown beside the form, which keeps what was typed.
'use client';
import { useId, useState } from 'react';
import { ApiProblem } from '@/components/api/api-client';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/modal-dialog';
import type { OverviewTool } from '@/lib/hunts/fleet-overview';
import type { ToolApprovalInput } from '@/lib/triage/approvals';
import { type ApprovalDraft, devicesApprovedBy, draftInput, EMPTY_DRAFT } from './approval-draft';

const inputClass =
  'w-full rounded-md border border-line bg-surface px-2 py-1 text-[13px] text-fg placeholder:text-muted';

const SCOPES: [ApprovalDraft['scope'], string][] = [
  ['all', 'All devices'],
  ['pattern', 'Devices whose name matches a pattern'],
  ['devices', 'These devices'],
];

export function ApprovalDialog({
  tool,
  now,
  onClose,
  onApprove,
}: {
  /** The tool to approve; null: the dialog is closed. */
  tool: OverviewTool | null;
  now: Date;
  onClose: () => void;
  onApprove: (input: ToolApprovalInput) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState<ApprovalDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const set = (patch: Partial<ApprovalDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const close = () => {
    setDraft(EMPTY_DRAFT);
    setProblem(null);
    onClose();
  };

  const parsed = tool ? draftInput(tool.tool, draft) : null;
  const preview = tool && parsed?.success ? devicesApprovedBy(parsed.data, tool.devices, now) : null;
  const firstIssue = parsed?.error?.issues[0];

  async function submit() {
    if (!parsed?.success) {
      setProblem(
        firstIssue ? `${firstIssue.path.join('.') || 'form'}: ${firstIssue.message}` : 'Check the form.',
      );
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      await onApprove(parsed.data);
      close();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.detail : String(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <ModalDialog
      open={tool !== null}
      onClose={close}
      title={tool ? `Approve ${tool.tool}` : 'Approve'}
      description="Approved use stays listed but is no longer flagged. When the approval expires, it is flagged again."
      className="w-[34rem]"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" form={`${id}-form`} type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Approve'}
          </Button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        className="flex flex-col gap-3 text-[13px]"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
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
            : `Stops flagging ${preview.length} of ${tool?.devices.length ?? 0} devices seen in the window${
                preview.length ? `: ${preview.slice(0, 8).join(', ')}${preview.length > 8 ? ', …' : ''}` : ''
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
