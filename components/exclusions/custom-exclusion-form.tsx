// The dialog in which a triager writes a custom exclusion: a string column of the hunt's main table, an operator from
// the fixed list, the value(s), this device or all devices, a required reason and an optional expiry. It
// shows the exact predicate that will be added, and the server's word on anything it refuses.
'use client';
import { type FormEvent, useId, useState } from 'react';
import { ApiProblem } from '@/components/api/api-client';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/modal-dialog';
import { mainTable } from '@/lib/tables/registry';
import { customExclusionPredicate } from '@/lib/triage/custom-exclusion-predicate';
import {
  type CustomExclusionInput,
  customExclusionInputSchemaFor,
  type ExclusionOperator,
  exclusionOperators,
  listOperators,
} from '@/lib/triage/types';
import { useCustomExclusionChanges } from './use-custom-exclusions';

/** What the dialog starts from, e.g. a cell of a device's events. */
export interface CustomExclusionDraft {
  field?: string;
  value?: string;
  /** The device the triager came from; the scope can still be widened to all devices. */
  device?: { id: string; name: string };
}

const OPERATOR_HINTS: Record<ExclusionOperator, string> = {
  '==': 'equals (case-sensitive)',
  '=~': 'equals (any case)',
  has: 'contains the whole term',
  has_any: 'contains any of the terms',
  contains: 'contains the text',
  startswith: 'starts with',
  endswith: 'ends with',
  'in~': 'is one of (any case)',
};

const inputClass =
  'w-full rounded-md border border-line bg-surface px-2 py-1 text-[13px] text-fg placeholder:text-muted';

function valuesOf(text: string, list: boolean): string[] {
  return list ? text.split('\n').filter((line) => line.trim() !== '') : [text];
}

export function CustomExclusionForm({
  huntId,
  tables,
  draft,
  open,
  onClose,
}: {
  huntId: string;
  /** The registry tables the hunt reads; the first (its main table) decides the columns offered. */
  tables: readonly string[];
  draft: CustomExclusionDraft;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title="New custom exclusion"
      description="Events that match stop counting towards this hunt for everyone, until the exclusion is switched off, removed or expires. Every change is audited."
      className="w-[34rem]"
    >
      <FormBody key={JSON.stringify(draft)} huntId={huntId} tables={tables} draft={draft} onClose={onClose} />
    </ModalDialog>
  );
}

function FormBody({
  huntId,
  tables,
  draft,
  onClose,
}: {
  huntId: string;
  tables: readonly string[];
  draft: CustomExclusionDraft;
  onClose: () => void;
}) {
  const id = useId();
  const { create } = useCustomExclusionChanges(huntId);
  const table = mainTable(tables);
  const fields = table?.exclusionFields ?? [];
  // A command line when the table has one: what triagers most often narrow an exclusion by.
  const [field, setField] = useState(
    draft.field ?? fields.findLast((f) => f.endsWith('CommandLine')) ?? fields[0] ?? '',
  );
  const [operator, setOperator] = useState<ExclusionOperator>(draft.field ? '==' : 'has');
  const [value, setValue] = useState(draft.value ?? '');
  const [scope, setScope] = useState<'device' | 'all'>(draft.device ? 'device' : 'all');
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState('');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const list = listOperators.has(operator);
  const input: CustomExclusionInput = {
    field,
    operator,
    values: valuesOf(value, list),
    ...(scope === 'device' && draft.device
      ? { deviceId: draft.device.id, deviceName: draft.device.name }
      : {}),
    reason,
    ...(expiry ? { expiresAt: `${expiry}T00:00:00Z` } : {}),
  };
  const parsed = customExclusionInputSchemaFor(table).safeParse(input);
  let preview = '';
  try {
    preview = parsed.success ? customExclusionPredicate(parsed.data, table) : '';
  } catch {
    preview = '';
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem({
        field: String(issue?.path[0] ?? ''),
        message: `${issue?.path.join('.')}: ${issue?.message}`,
      });
      return;
    }
    if (parsed.data.expiresAt && Date.parse(parsed.data.expiresAt) <= Date.now()) {
      setProblem({ field: 'expiresAt', message: 'expiresAt: must be in the future' });
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      await create.mutateAsync(parsed.data);
      onClose();
    } catch (error) {
      const field = error instanceof ApiProblem ? String(error.extensions.field ?? '') : '';
      setProblem({
        field,
        message: error instanceof Error && 'detail' in error ? String(error.detail) : String(error),
      });
    } finally {
      setSaving(false);
    }
  };

  const invalid = (name: string) => (problem?.field === name ? true : undefined);
  const errorId = `${id}-error`;

  return (
    <form onSubmit={submit} className="grid gap-3" noValidate>
      <div className="grid grid-cols-[1fr_auto] gap-2">
        <label className="grid gap-1">
          <span className="font-medium text-[12px]">Column</span>
          <select
            value={field}
            onChange={(e) => setField(e.target.value)}
            className={inputClass}
            aria-invalid={invalid('field')}
            aria-describedby={invalid('field') && errorId}
          >
            {fields.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1">
          <span className="font-medium text-[12px]">Operator</span>
          <select
            value={operator}
            onChange={(e) => setOperator(e.target.value as ExclusionOperator)}
            className={inputClass}
            aria-invalid={invalid('operator')}
          >
            {exclusionOperators.map((op) => (
              <option key={op} value={op}>
                {op} — {OPERATOR_HINTS[op]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="grid gap-1">
        <span className="font-medium text-[12px]">{list ? 'Values, one per line' : 'Value'}</span>
        <textarea
          value={value}
          onChange={(e) => setValue(e.target.value)}
          rows={list ? 4 : 2}
          className={`${inputClass} font-mono`}
          aria-invalid={invalid('values')}
          aria-describedby={invalid('values') && errorId}
          required
        />
      </label>
      <fieldset className="grid gap-1">
        <legend className="font-medium text-[12px]">Applies to</legend>
        <div className="flex flex-wrap gap-4">
          {draft.device && (
            <label className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === 'device'}
                onChange={() => setScope('device')}
                className="accent-accent"
              />
              Only {draft.device.name}
            </label>
          )}
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={scope === 'all'}
              onChange={() => setScope('all')}
              className="accent-accent"
            />
            All devices
          </label>
        </div>
      </fieldset>
      <label className="grid gap-1">
        <span className="font-medium text-[12px]">Reason (required)</span>
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          placeholder="e.g. Nightly Veeam job on the backup server, change CHG-1234"
          className={inputClass}
          aria-invalid={invalid('reason')}
          aria-describedby={invalid('reason') && errorId}
          required
        />
      </label>
      <label className="grid gap-1">
        <span className="font-medium text-[12px]">Expires (optional, at 00:00 UTC)</span>
        <input
          type="date"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          className={`${inputClass} w-48`}
          aria-invalid={invalid('expiresAt')}
        />
      </label>
      <div className="grid gap-1">
        <span className="font-medium text-[12px]">Adds to the hunt</span>
        <code className="block max-h-24 overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-2 px-2 py-1.5 font-mono text-[12px]">
          {preview ? `| where not(${preview})` : '—'}
        </code>
      </div>
      {problem && (
        <p
          id={errorId}
          role="alert"
          className="rounded-md bg-danger-soft px-2 py-1.5 text-[12px] text-danger"
        >
          {problem.message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Create exclusion'}
        </Button>
      </div>
    </form>
  );
}
