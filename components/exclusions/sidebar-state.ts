// Whether the exclusions sidebar is open, remembered in the browser (localStorage) across reloads and shared
// by the devices and trends pages. Without a stored choice it starts open where there is room for it beside
// the table, and folded on narrow screens.
'use client';
import { useSyncExternalStore } from 'react';

export const SIDEBAR_STORAGE_KEY = 'huntboard-exclusions-sidebar';

/** Below this width the open sidebar lies over the content rather than beside it (Tailwind's md). */
export const WIDE_QUERY = '(min-width: 768px)';

type Stored = 'open' | 'closed';

function readStored(): Stored | null {
  try {
    const value = window.localStorage.getItem(SIDEBAR_STORAGE_KEY);
    return value === 'open' || value === 'closed' ? value : null;
  } catch {
    // Storage can be blocked (privacy settings): the default applies.
    return null;
  }
}

export function readSidebarOpen(): boolean {
  const stored = readStored();
  return stored === null ? window.matchMedia(WIDE_QUERY).matches : stored === 'open';
}

const listeners = new Set<() => void>();

export function writeSidebarOpen(open: boolean): void {
  try {
    window.localStorage.setItem(SIDEBAR_STORAGE_KEY, open ? 'open' : 'closed');
  } catch {
    // Not remembered, but still applied on this page.
    memory = open;
  }
  for (const listener of listeners) listener();
}

/** The choice made on this page when storage refuses to keep it. */
let memory: boolean | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === SIDEBAR_STORAGE_KEY) listener();
  };
  // Without a stored choice the default follows the width of the window.
  const media = window.matchMedia(WIDE_QUERY);
  window.addEventListener('storage', onStorage);
  media.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
    media.removeEventListener('change', listener);
  };
}

/** [open, setOpen]: the remembered state of the exclusions sidebar. */
export function useSidebarOpen(): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(
    subscribe,
    () => memory ?? readSidebarOpen(),
    () => true,
  );
  return [open, writeSidebarOpen];
}
