// How a change to a page's URL state enters the browser history. A change a person makes is an entry, so
// Back undoes it; a run of keystrokes in a text filter is one entry: its first keystroke pushes and the
// rest of the burst replaces, so Back returns to the view before the typing, not to half a word.
'use client';
import { useCallback, useEffect, useRef } from 'react';

export type HistoryMode = 'push' | 'replace';

/** Keystrokes further apart than this start a new entry: a pause ends a word, not a letter. */
export const TYPING_BURST_GAP_MS = 1_000;

/**
 * A typing-burst tracker: `next(isTyping)` says whether this change continues the burst before it (so it
 * should replace); any other change, or a pause longer than `gapMs`, ends the burst.
 */
export function createTypingBurst(now: () => number, gapMs = TYPING_BURST_GAP_MS) {
  let lastKeystroke = Number.NEGATIVE_INFINITY;
  return {
    next(isTyping: boolean): boolean {
      const at = now();
      const continues = isTyping && at - lastKeystroke <= gapMs;
      lastKeystroke = isTyping ? at : Number.NEGATIVE_INFINITY;
      return continues;
    },
    end(): void {
      lastKeystroke = Number.NEGATIVE_INFINITY;
    },
  };
}

/** The caller's explicit choice wins; otherwise a change continuing a typing burst replaces, any other pushes. */
export function pushOrReplace(explicit: HistoryMode | undefined, continuesBurst: boolean): HistoryMode {
  return explicit ?? (continuesBurst ? 'replace' : 'push');
}

/** A page's typing burst; Back or Forward ends it, so the next keystroke after them is a new entry. */
export function useFilterBurst(): (isTyping: boolean) => boolean {
  const burst = useRef(createTypingBurst(() => performance.now()));
  useEffect(() => {
    const end = () => burst.current.end();
    window.addEventListener('popstate', end);
    return () => window.removeEventListener('popstate', end);
  }, []);
  return useCallback((isTyping: boolean) => burst.current.next(isTyping), []);
}
