// The verdict form's check: the verdict schema's rules in the form's terms (reason required for Benign),
// fields that belong to other statuses dropped, and a review date that must lie ahead.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '@/lib/triage/types';
import {
  badgeStatus,
  draftField,
  draftFor,
  draftReady,
  draftToInput,
  type VerdictDraft,
} from './verdict-draft';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const draft = (patch: Partial<VerdictDraft>): VerdictDraft => ({
  status: 'benign',
  reason: '',
  scenario: '',
  reviewAfterDay: '',
  reference: '',
  ...patch,
});

describe('draftToInput', () => {
  it('Benign without a reason is refused, naming the reason', () => {
    const result = draftToInput(draft({ reason: '   ' }), NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.reason).toMatch(/required for Benign/);
  });

  it('Benign with a reason, scenario and review date', () => {
    expect(
      draftToInput(
        draft({ reason: ' Jump host ', scenario: 'veeam-backup', reviewAfterDay: '2027-01-15' }),
        NOW,
      ),
    ).toEqual({
      ok: true,
      input: {
        status: 'benign',
        reason: 'Jump host',
        scenario: 'veeam-backup',
        reviewAfter: '2027-01-15T00:00:00.000Z',
      },
    });
  });

  it('a review date today or earlier is refused', () => {
    for (const day of ['2026-11-30', '2026-01-01']) {
      const result = draftToInput(draft({ reason: 'x', reviewAfterDay: day }), NOW);
      expect(result.ok ? null : result.errors.reviewAfterDay).toBe('must be in the future');
    }
    const bad = draftToInput(draft({ reason: 'x', reviewAfterDay: '2026-02-31' }), NOW);
    expect(bad.ok ? null : bad.errors.reviewAfterDay).toMatch(/must be a date/);
  });

  it('Suspicious needs no reason and drops the Benign and Malicious fields', () => {
    expect(
      draftToInput(
        draft({ status: 'suspicious', scenario: 'x', reviewAfterDay: '2027-01-01', reference: 'INC' }),
        NOW,
      ),
    ).toEqual({ ok: true, input: { status: 'suspicious' } });
  });

  it('Malicious keeps a reference and an optional reason', () => {
    expect(draftToInput(draft({ status: 'malicious', reference: ' INC-42 ', reason: 'C2' }), NOW)).toEqual({
      ok: true,
      input: { status: 'malicious', reference: 'INC-42', reason: 'C2' },
    });
  });

  it('an over-long reason is refused', () => {
    const result = draftToInput(draft({ status: 'suspicious', reason: 'x'.repeat(2_001) }), NOW);
    expect(result.ok ? null : result.errors.reason).toMatch(/at most 2000/);
  });
});

describe('draftFor', () => {
  const current: Verdict = {
    huntId: 'h',
    deviceId: 'a',
    deviceName: 'ws-a',
    status: 'benign',
    reason: 'Jump host',
    scenario: 'veeam-backup',
    reviewAfter: '2027-01-15T00:00:00.000Z',
    reference: null,
    version: 2,
    setBy: { id: 'u', name: 'T' },
    setAt: '2026-11-30T10:00:00.000Z',
  };

  it('fills the form from the current verdict of the same status, and starts empty otherwise', () => {
    expect(draftFor('benign', current)).toEqual({
      status: 'benign',
      reason: 'Jump host',
      scenario: 'veeam-backup',
      reviewAfterDay: '2027-01-15',
      reference: '',
    });
    expect(draftFor('malicious', current)).toEqual(draft({ status: 'malicious' }));
    expect(draftFor('suspicious', null)).toEqual(draft({ status: 'suspicious' }));
  });
});

describe('draftField', () => {
  it('maps the API’s field names to the form’s', () => {
    expect(draftField('reviewAfter')).toBe('reviewAfterDay');
    expect(draftField('verdict.reason')).toBe('reason');
    expect(draftField('expectedVersion')).toBeUndefined();
    expect(draftField(undefined)).toBeUndefined();
  });
});

describe('a form opened from a verdict badge', () => {
  it('has nothing chosen for an unreviewed device, and the current verdict otherwise', () => {
    expect(badgeStatus('unreviewed')).toBeNull();
    expect(badgeStatus('suspicious')).toBe('suspicious');
    expect(draftFor(badgeStatus('unreviewed'), null)).toEqual(draft({ status: null }));
  });

  it('cannot be sent until a verdict is chosen', () => {
    const empty = draftFor(null, null);
    expect(draftReady(empty)).toBe(false);
    expect(draftToInput(empty, NOW)).toEqual({ ok: false, errors: { status: 'choose a verdict' } });
    expect(draftReady({ ...empty, status: 'suspicious' })).toBe(true);
  });
});
