// The custom exclusions list as the sidebar holds it: the server's list, switches moved ahead of the server
// while a change is in flight, and two kinds of problem. A refused change (409: someone changed the exclusion
// meanwhile) stays on screen after the list reloads with the server's state, so it is never silent.

export interface CustomExclusionsState<T extends { id: string; enabled: boolean }> {
  items: T[] | null;
  /** Switches moved by this person, not yet confirmed. */
  pending: ReadonlyMap<string, boolean>;
  /** The list could not be loaded; cleared by the next load. */
  loadError: string | null;
  /** A change was refused; kept until the next change. */
  changeError: string | null;
}

export type CustomExclusionsAction<T> =
  | { type: 'loaded'; items: T[] }
  | { type: 'load-failed'; error: string }
  | { type: 'toggle'; id: string; enabled: boolean }
  | { type: 'toggle-failed'; id: string; error: string };

export function initialCustomExclusionsState<
  T extends { id: string; enabled: boolean },
>(): CustomExclusionsState<T> {
  return { items: null, pending: new Map(), loadError: null, changeError: null };
}

export function customExclusionsReducer<T extends { id: string; enabled: boolean }>(
  state: CustomExclusionsState<T>,
  action: CustomExclusionsAction<T>,
): CustomExclusionsState<T> {
  switch (action.type) {
    case 'loaded':
      return { ...state, items: action.items, pending: new Map(), loadError: null };
    case 'load-failed':
      return { ...state, loadError: action.error };
    case 'toggle':
      return { ...state, pending: new Map(state.pending).set(action.id, action.enabled), changeError: null };
    case 'toggle-failed': {
      const pending = new Map(state.pending);
      pending.delete(action.id);
      return { ...state, pending, changeError: action.error };
    }
  }
}

/** The list as shown: the server's items with this person's pending switches applied. */
export function shownCustomExclusions<T extends { id: string; enabled: boolean }>(
  state: CustomExclusionsState<T>,
): T[] | null {
  return (
    state.items?.map((item) =>
      state.pending.has(item.id) ? { ...item, enabled: state.pending.get(item.id) === true } : item,
    ) ?? null
  );
}

/** What to say when a switch was refused. */
export function refusedChangeMessage(problem: { status: number; detail: string }): string {
  return problem.status === 409
    ? 'Not changed: someone changed this exclusion meanwhile. The list and the results now show its saved state.'
    : `Not changed: ${problem.detail}`;
}
