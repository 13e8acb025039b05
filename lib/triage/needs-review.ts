// Whether a flagged device still needs a person to look at it: what its verdict counts as today. A Benign
// verdict holds only for the activity it was given for and only until its review date; after either, the
// device counts as unreviewed again and is back in the "Needs review" view.
import type { Verdict, VerdictStatus } from './types';

export interface ReviewState {
  /** What the device counts as now: its verdict's status, or `unreviewed` when none holds. */
  status: VerdictStatus;
  /** The verdict as recorded, whether or not it still holds. */
  verdict: Verdict | null;
  /** Benign, but the device was seen after the verdict was set. */
  newActivity: boolean;
  /** Benign, but its review date has passed. */
  reviewDue: boolean;
}

/**
 * The state of a device whose latest matching event is at `lastSeenMs`, judged at `nowMs`. Times compare as
 * instants; a verdict with an unreadable time is taken at its word rather than thrown away.
 */
export function reviewState(
  verdict: Verdict | null | undefined,
  lastSeenMs: number,
  nowMs: number,
): ReviewState {
  if (!verdict) return { status: 'unreviewed', verdict: null, newActivity: false, reviewDue: false };
  if (verdict.status !== 'benign')
    return { status: verdict.status, verdict, newActivity: false, reviewDue: false };
  const setAtMs = Date.parse(verdict.setAt);
  const reviewAfterMs = verdict.reviewAfter === null ? Number.NaN : Date.parse(verdict.reviewAfter);
  const newActivity = lastSeenMs > setAtMs;
  const reviewDue = nowMs >= reviewAfterMs;
  return {
    status: newActivity || reviewDue ? 'unreviewed' : 'benign',
    verdict,
    newActivity,
    reviewDue,
  };
}

/** The "Needs review" view: everything except devices whose Benign verdict still holds. */
export function needsReview(state: ReviewState): boolean {
  return state.status !== 'benign';
}
