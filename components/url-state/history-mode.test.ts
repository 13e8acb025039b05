// A word typed into a filter is one history entry; any other change, or a pause, starts a new one.
import { describe, expect, it } from 'vitest';
import { createTypingBurst, pushOrReplace } from './history-mode';

function burstAt(times: number[]) {
  let i = 0;
  return createTypingBurst(() => times[i++] ?? Number.NaN, 1_000);
}

describe('typing bursts', () => {
  it('push the first keystroke of a word and replace the rest', () => {
    const burst = burstAt([0, 120, 260, 900, 1_800]);
    const modes = [1, 2, 3, 4, 5].map(() => pushOrReplace(undefined, burst.next(true)));
    expect(modes).toEqual(['push', 'replace', 'replace', 'replace', 'replace']);
  });

  it('start a new entry after a pause, after another change, or after Back', () => {
    const burst = burstAt([0, 100, 1_500, 1_600, 1_700, 1_800, 1_900]);
    expect(burst.next(true)).toBe(false);
    expect(burst.next(true)).toBe(true);
    expect(burst.next(true)).toBe(false); // 1.4 s later
    expect(burst.next(false)).toBe(false); // a sort
    expect(burst.next(true)).toBe(false);
    expect(burst.next(true)).toBe(true);
    burst.end(); // Back
    expect(burst.next(true)).toBe(false);
  });

  it('let the caller choose, as the page does for its own corrections', () => {
    expect(pushOrReplace('replace', false)).toBe('replace');
    expect(pushOrReplace('push', true)).toBe('push');
    expect(pushOrReplace(undefined, false)).toBe('push');
  });
});
