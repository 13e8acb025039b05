// The sidebar shows switches in flight at once, says what a refused change means, and tells list changes that
// alter the results from those that do not.
import { describe, expect, it } from 'vitest';
import {
  inEffectSignature,
  outdatedByListChange,
  refusedChangeMessage,
  shownCustomExclusions,
} from './custom-exclusions-state';

const item = (id: string, enabled: boolean, expired = false, version = 1) => ({
  id,
  enabled,
  expired,
  version,
});

describe('the custom exclusions list as shown', () => {
  it('moves a switch at once while the change is in flight, and only that one', () => {
    const shown = shownCustomExclusions([item('x', true), item('y', true)], [{ id: 'x', enabled: false }]);
    expect(shown?.map((i) => [i.id, i.enabled])).toEqual([
      ['x', false],
      ['y', true],
    ]);
  });

  it('shows the server list as it is once nothing is in flight, and nothing before it loads', () => {
    const list = [item('x', true, false, 2)];
    expect(shownCustomExclusions(list, [])).toEqual(list);
    expect(shownCustomExclusions(null, [{ id: 'x', enabled: false }])).toBeNull();
  });

  it('says that a 409 means someone else changed it, and gives any other refusal’s detail', () => {
    expect(refusedChangeMessage({ status: 409, detail: 'version 1 is not current' })).toMatch(
      /someone changed this exclusion meanwhile/,
    );
    expect(refusedChangeMessage({ status: 403, detail: 'Only triagers may do this.' })).toBe(
      'Not changed: Only triagers may do this.',
    );
  });
});

describe('which list changes alter the results', () => {
  it('is the set of exclusions in effect: switched on and not expired, in any order', () => {
    const a = inEffectSignature([item('b', true), item('a', true), item('c', false), item('d', true, true)]);
    expect(a).toBe('a,b');
    expect(inEffectSignature([item('a', true, false, 7), item('b', true)])).toBe(a);
    expect(inEffectSignature([item('a', false), item('b', true)])).not.toBe(a);
  });

  it('reloads a result answered before the change was seen, not one loading now or answered after', () => {
    const changedAt = 1_000;
    expect(outdatedByListChange({ dataUpdatedAt: 900, errorUpdatedAt: 0, fetching: false }, changedAt)).toBe(
      true,
    );
    expect(outdatedByListChange({ dataUpdatedAt: 900, errorUpdatedAt: 0, fetching: true }, changedAt)).toBe(
      false,
    );
    expect(
      outdatedByListChange({ dataUpdatedAt: 1_100, errorUpdatedAt: 0, fetching: false }, changedAt),
    ).toBe(false);
    // A run that failed after the change was seen is not run again by it: that would loop.
    expect(
      outdatedByListChange({ dataUpdatedAt: 900, errorUpdatedAt: 1_100, fetching: false }, changedAt),
    ).toBe(false);
  });
});
