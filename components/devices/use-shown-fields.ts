// Which optional field columns (device-fields.ts) a person shows, per hunt, kept in this browser's
// localStorage: the fields differ per hunt, and the choice is a habit of the analyst's rather than part of a
// view a link shares (the fixed columns' hide=… stays in the URL).
'use client';
import { useCallback, useSyncExternalStore } from 'react';
import { isFieldColumnId } from './device-fields';

const PREFIX = 'huntboard.device-columns.';
/** More than any run has; a tampered entry cannot grow the page's work without bound. */
const MAX_SHOWN = 64;
const NONE: readonly string[] = [];
const CHANGED = 'huntboard:shown-fields';

export function shownFieldsKey(huntId: string): string {
  return `${PREFIX}${huntId}`;
}

/** The stored choice: field column ids, each once; anything else in the entry is ignored. */
export function parseShownFields(text: string | null): readonly string[] {
  if (!text) return NONE;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return NONE;
  }
  if (!Array.isArray(value)) return NONE;
  const ids = value.filter((id): id is string => typeof id === 'string' && isFieldColumnId(id));
  return [...new Set(ids)].slice(0, MAX_SHOWN);
}

function read(key: string | null): string | null {
  if (key === null) return null;
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage may be switched off; the columns then stay hidden.
    return null;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

let cache: { text: string | null; ids: readonly string[] } = { text: null, ids: NONE };
function parsed(text: string | null): readonly string[] {
  if (text !== cache.text) cache = { text, ids: parseShownFields(text) };
  return cache.ids;
}

/** The field column ids shown for a hunt (none until a person shows one), and a setter that keeps them. */
export function useShownFields(huntId: string | null): [readonly string[], (ids: readonly string[]) => void] {
  const key = huntId === null ? null : shownFieldsKey(huntId);
  const text = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const shown = parsed(text);
  const setShown = useCallback(
    (ids: readonly string[]) => {
      if (key === null) return;
      try {
        if (ids.length === 0) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, JSON.stringify([...new Set(ids)].slice(0, MAX_SHOWN)));
      } catch {
        return;
      }
      // The storage event reaches other tabs only; this one hears its own change here.
      window.dispatchEvent(new Event(CHANGED));
    },
    [key],
  );
  return [shown, setShown];
}
