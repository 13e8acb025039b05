// The reasons a triager gave lately, newest first, kept in this browser (localStorage) so the same
// explanation for the same kind of admin work is one click away. Nothing here leaves the browser.

export const RECENT_REASONS_KEY = 'huntboard.recent-reasons';
export const MAX_RECENT_REASONS = 8;

/** `reason` first, without an earlier copy (compared ignoring case and outer spaces), at most `max`. */
export function rememberReason(
  recent: readonly string[],
  reason: string,
  max = MAX_RECENT_REASONS,
): string[] {
  const text = reason.trim();
  if (text === '') return [...recent].slice(0, max);
  const key = text.toLowerCase();
  return [text, ...recent.filter((r) => r.trim().toLowerCase() !== key)].slice(0, max);
}

/** The stored list, or none when storage is unavailable or holds something else. */
export function loadRecentReasons(storage: Pick<Storage, 'getItem'> | undefined): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(RECENT_REASONS_KEY) ?? '[]');
    return Array.isArray(value)
      ? value
          .filter((r): r is string => typeof r === 'string' && r.trim() !== '')
          .slice(0, MAX_RECENT_REASONS)
      : [];
  } catch {
    return [];
  }
}

/** Saves the list; a full or blocked storage only costs the convenience. */
export function saveRecentReasons(
  storage: Pick<Storage, 'setItem'> | undefined,
  recent: readonly string[],
): void {
  try {
    storage?.setItem(RECENT_REASONS_KEY, JSON.stringify(recent.slice(0, MAX_RECENT_REASONS)));
  } catch {
    // Private browsing or quota: the form still works without suggestions.
  }
}
