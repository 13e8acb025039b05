// A refused switch reverts to the server's state and stays reported after the list reloads.
import { describe, expect, it } from 'vitest';
import {
  type CustomExclusionsAction,
  type CustomExclusionsState,
  customExclusionsReducer,
  initialCustomExclusionsState,
  refusedChangeMessage,
  shownCustomExclusions,
} from './custom-exclusions-state';

type Item = { id: string; enabled: boolean; version: number };
const run = (actions: CustomExclusionsAction<Item>[]): CustomExclusionsState<Item> =>
  actions.reduce(customExclusionsReducer<Item>, initialCustomExclusionsState<Item>());

describe('the custom exclusions list', () => {
  const loaded: CustomExclusionsAction<Item> = {
    type: 'loaded',
    items: [{ id: 'x', enabled: true, version: 1 }],
  };

  it('moves a switch at once while the change is in flight', () => {
    const state = run([loaded, { type: 'toggle', id: 'x', enabled: false }]);
    expect(shownCustomExclusions(state)?.[0]?.enabled).toBe(false);
  });

  it('after a 409, shows the server state and keeps the error through the reload', () => {
    const error = refusedChangeMessage({ status: 409, detail: 'version 1 is not current' });
    const state = run([
      loaded,
      { type: 'toggle', id: 'x', enabled: false },
      { type: 'toggle-failed', id: 'x', error },
      // The reload brings the server's state: someone else's edit, still on.
      { type: 'loaded', items: [{ id: 'x', enabled: true, version: 2 }] },
    ]);
    expect(shownCustomExclusions(state)).toEqual([{ id: 'x', enabled: true, version: 2 }]);
    expect(state.changeError).toMatch(/someone changed this exclusion meanwhile/);
  });

  it('clears a refused change on the next change, and a load problem on the next load', () => {
    const refused = run([loaded, { type: 'toggle-failed', id: 'x', error: 'no' }]);
    expect(
      customExclusionsReducer(refused, { type: 'toggle', id: 'x', enabled: true }).changeError,
    ).toBeNull();
    const failed = run([{ type: 'load-failed', error: 'down' }]);
    expect(failed.loadError).toBe('down');
    expect(customExclusionsReducer(failed, loaded).loadError).toBeNull();
  });
});
