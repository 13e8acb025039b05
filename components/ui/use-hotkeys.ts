// Single-key shortcuts on the document (j, k, /, ?, r, …) that stay out of the way while the
// analyst types in a field, works in a menu or dialog, or holds a modifier for the browser's own keys.
'use client';
import { useEffect, useRef } from 'react';

export type HotkeyHandler = (event: KeyboardEvent) => void;

export interface HotkeyOptions {
  /** Also fire while focus is in a text field (e.g. Escape to leave it). */
  inFields?: boolean;
  /** Only fire when this returns true for the focused element. */
  when?: (target: Element | null) => boolean;
}

export type HotkeyBinding = HotkeyHandler | { handler: HotkeyHandler; options: HotkeyOptions };

export function isEditableTarget(target: Element | null): boolean {
  if (!target) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
  }
  return false;
}

/** Bindings are keyed by `KeyboardEvent.key` ("j", "/", "?", "ArrowDown", "Escape"). */
export function useHotkeys(bindings: Record<string, HotkeyBinding>, enabled = true): void {
  // Read through a ref so callers can pass a fresh object each render without re-subscribing.
  const ref = useRef(bindings);
  ref.current = bindings;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      const binding = ref.current[event.key];
      if (!binding) return;
      const { handler, options } =
        typeof binding === 'function' ? { handler: binding, options: {} } : binding;
      const target = document.activeElement;
      if (!options.inFields && isEditableTarget(target)) return;
      // Menus and dialogs own their keys while they are open.
      if (target?.closest('dialog, [role="menu"], [role="listbox"]')) return;
      if (options.when && !options.when(target)) return;
      handler(event);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
