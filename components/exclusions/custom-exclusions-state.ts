// The custom exclusions list as the sidebar shows it: the server's list with switches moved ahead of the
// server while a change is in flight, what a refused change says, and which list changes make the hunt's
// results out of date.
import { customInEffect } from './exclusion-count';

type Switchable = { id: string; enabled: boolean };

/** The server's items with this person's switches still in flight applied. */
export function shownCustomExclusions<T extends Switchable>(
  items: readonly T[] | null,
  pending: readonly { id: string; enabled: boolean }[],
): T[] | null {
  if (!items) return null;
  const moved = new Map(pending.map((p) => [p.id, p.enabled]));
  return items.map((item) => {
    const enabled = moved.get(item.id);
    return enabled === undefined ? item : { ...item, enabled };
  });
}

/** What to say when a switch was refused. */
export function refusedChangeMessage(problem: { status: number; detail: string }): string {
  return problem.status === 409
    ? 'Not changed: someone changed this exclusion meanwhile. The list and the results now show its saved state.'
    : `Not changed: ${problem.detail}`;
}

/**
 * The exclusions a run applies, as one string: those in effect, by id. Two lists with the same signature give
 * the same results, whatever else (a version, a reason) differs.
 */
export function inEffectSignature(
  items: readonly { id: string; enabled: boolean; expired: boolean }[],
): string {
  return customInEffect(items)
    .map((item) => item.id)
    .sort()
    .join(',');
}

/**
 * Whether a result must load again because the list changed at `changedAt`: not if it is loading now (it reads
 * the new list), nor if it was answered (or failed) after the change was seen.
 */
export function outdatedByListChange(
  result: { dataUpdatedAt: number; errorUpdatedAt: number; fetching: boolean },
  changedAt: number,
): boolean {
  return !result.fetching && Math.max(result.dataUpdatedAt, result.errorUpdatedAt) < changedAt;
}
