// The needs-review rule: a Benign verdict takes a device out of "Needs review" until the device is seen again
// after the verdict or its review date passes; other verdicts and no verdict keep it in.
import { describe, expect, it } from 'vitest';
import { needsReview, reviewState } from './needs-review';
import type { Verdict, VerdictStatus } from './types';

const SET_AT = '2026-11-20T10:00:00.000Z';
const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-30T12:00:00Z');

function verdict(status: VerdictStatus, extra: Partial<Verdict> = {}): Verdict {
  return {
    huntId: 'hunt',
    deviceId: 'dev-1',
    deviceName: 'ws-1',
    status,
    reason: status === 'benign' ? 'Admin jump host' : null,
    scenario: null,
    reviewAfter: null,
    reference: null,
    version: 1,
    setBy: { id: 'u1', name: 'Tristan Triager' },
    setAt: SET_AT,
    ...extra,
  };
}

describe('reviewState', () => {
  it('no verdict: unreviewed, needs review', () => {
    const state = reviewState(null, at('2026-11-19T00:00:00Z'), NOW);
    expect(state).toEqual({ status: 'unreviewed', verdict: null, newActivity: false, reviewDue: false });
    expect(needsReview(state)).toBe(true);
  });

  it('benign, last seen before the verdict: benign, out of needs review', () => {
    const state = reviewState(verdict('benign'), at('2026-11-20T09:59:59Z'), NOW);
    expect(state).toMatchObject({ status: 'benign', newActivity: false, reviewDue: false });
    expect(needsReview(state)).toBe(false);
  });

  it('benign, last seen exactly at the verdict time: still benign', () => {
    expect(reviewState(verdict('benign'), at(SET_AT), NOW).status).toBe('benign');
  });

  it('benign, seen again after the verdict: new activity, back in needs review', () => {
    const state = reviewState(verdict('benign'), at('2026-11-20T10:00:00.001Z'), NOW);
    expect(state).toMatchObject({ status: 'unreviewed', newActivity: true, reviewDue: false });
    expect(state.verdict?.status).toBe('benign');
    expect(needsReview(state)).toBe(true);
  });

  it('benign with a review date still ahead: benign', () => {
    const state = reviewState(
      verdict('benign', { reviewAfter: '2026-12-01T00:00:00Z' }),
      at('2026-11-19T00:00:00Z'),
      NOW,
    );
    expect(state).toMatchObject({ status: 'benign', reviewDue: false });
  });

  it('benign past its review date: review due, back in needs review', () => {
    const state = reviewState(
      verdict('benign', { reviewAfter: '2026-11-30T12:00:00Z' }),
      at('2026-11-19T00:00:00Z'),
      NOW,
    );
    expect(state).toMatchObject({ status: 'unreviewed', reviewDue: true, newActivity: false });
    expect(needsReview(state)).toBe(true);
  });

  it.each(['suspicious', 'malicious', 'unreviewed'] as const)(
    '%s stays %s and needs review, whatever the activity',
    (status) => {
      for (const lastSeen of ['2026-11-01T00:00:00Z', '2026-11-29T00:00:00Z']) {
        const state = reviewState(verdict(status), at(lastSeen), NOW);
        expect(state).toMatchObject({ status, newActivity: false, reviewDue: false });
        expect(needsReview(state)).toBe(true);
      }
    },
  );
});
