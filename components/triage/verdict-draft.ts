// The verdict form's contents and their check: what a triager typed becomes a VerdictInput through the one
// verdict schema (reason required for Benign), plus the review date, which must lie ahead.
import { type Verdict, type VerdictInput, type VerdictStatus, verdictInputSchema } from '@/lib/triage/types';

export interface VerdictDraft {
  /** Null until the triager picks one: the form never decides for them. */
  status: VerdictStatus | null;
  reason: string;
  /** A false-positive rule id, or '' for none (Benign only). */
  scenario: string;
  /** YYYY-MM-DD, or '' for none (Benign only); the verdict lapses at the start of that UTC day. */
  reviewAfterDay: string;
  /** Incident or ticket reference, or '' (Malicious only). */
  reference: string;
}

export type DraftField = keyof VerdictDraft;

export type DraftResult =
  | { ok: true; input: VerdictInput }
  | { ok: false; errors: Partial<Record<DraftField, string>> };

/**
 * The status a device's verdict badge opens the form with: its current verdict, to edit; none for an
 * unreviewed device, so a verdict is always a choice and never a default.
 */
export function badgeStatus(current: VerdictStatus): VerdictStatus | null {
  return current === 'unreviewed' ? null : current;
}

/** Whether the form can be sent: a verdict has been chosen. */
export function draftReady(draft: VerdictDraft): draft is VerdictDraft & { status: VerdictStatus } {
  return draft.status !== null;
}

/** A fresh form for `status`; the device's current verdict fills it when it has that status already. */
export function draftFor(status: VerdictStatus | null, current: Verdict | null | undefined): VerdictDraft {
  const same = status !== null && current?.status === status ? current : null;
  return {
    status,
    reason: same?.reason ?? '',
    scenario: same?.scenario ?? '',
    reviewAfterDay: same?.reviewAfter ? same.reviewAfter.slice(0, 10) : '',
    reference: same?.reference ?? '',
  };
}

const FIELD_OF: Record<string, DraftField> = {
  status: 'status',
  reason: 'reason',
  scenario: 'scenario',
  reviewAfter: 'reviewAfterDay',
  reference: 'reference',
};

/** A server 400 names the field as the API knows it; this is the form's name for it. */
export function draftField(apiField: unknown): DraftField | undefined {
  return typeof apiField === 'string' ? FIELD_OF[apiField.split('.').pop() ?? ''] : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function sameDay(iso: string, day: string): boolean {
  const ms = Date.parse(iso);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

export function draftToInput(draft: VerdictDraft, nowMs: number): DraftResult {
  if (!draftReady(draft)) return { ok: false, errors: { status: 'choose a verdict' } };
  const errors: Partial<Record<DraftField, string>> = {};
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  let reviewAfter: string | undefined;
  if (draft.status === 'benign' && draft.reviewAfterDay !== '') {
    const iso = `${draft.reviewAfterDay}T00:00:00.000Z`;
    // Date.parse rolls 2026-02-31 over into March; a date that does not read back the same does not exist.
    if (!DAY.test(draft.reviewAfterDay) || !sameDay(iso, draft.reviewAfterDay)) {
      errors.reviewAfterDay = 'must be a date, e.g. 2026-12-31';
    } else if (Date.parse(iso) <= nowMs) {
      errors.reviewAfterDay = 'must be in the future';
    } else {
      reviewAfter = iso;
    }
  }
  const candidate = {
    status: draft.status,
    reason: draft.status === 'benign' ? draft.reason : optional(draft.reason),
    ...(draft.status === 'benign' ? { scenario: optional(draft.scenario), reviewAfter } : {}),
    ...(draft.status === 'malicious' ? { reference: optional(draft.reference) } : {}),
  };
  const parsed = verdictInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = draftField(String(issue.path[0] ?? 'status')) ?? 'status';
      errors[name] ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  // Undefined members would travel as absent anyway; leaving them out keeps the request minimal.
  const input = Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== undefined),
  ) as VerdictInput;
  return { ok: true, input };
}
