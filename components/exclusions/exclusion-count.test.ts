import { describe, expect, it } from 'vitest';
import { activeExclusionCount, customInEffect } from './exclusion-count';

describe('the exclusions count', () => {
  it('adds the custom exclusions in effect to the rules switched on', () => {
    expect(activeExclusionCount({ ruleIds: ['a', 'b'], selected: ['a'], customActive: 2 })).toBe(3);
    expect(activeExclusionCount({ ruleIds: ['a', 'b'], selected: [], customActive: 1 })).toBe(1);
  });

  it('counts only rules the hunt defines once they are known', () => {
    expect(activeExclusionCount({ ruleIds: ['a'], selected: ['a', 'gone'], customActive: 0 })).toBe(1);
    expect(activeExclusionCount({ ruleIds: null, selected: ['a', 'gone'], customActive: 0 })).toBe(2);
  });

  it('takes a custom exclusion as in effect when on and not expired', () => {
    const items = [
      { id: 'on', enabled: true, expired: false },
      { id: 'off', enabled: false, expired: false },
      { id: 'old', enabled: true, expired: true },
    ];
    expect(customInEffect(items).map((item) => item.id)).toEqual(['on']);
  });
});
