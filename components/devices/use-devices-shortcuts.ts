// The devices page's single-key shortcuts and the list the help dialog shows. Verdict keys and x are for
// triagers only; the table itself handles j/k, arrows, Enter and Escape.
'use client';
import type { RefObject } from 'react';
import type { ShortcutHelp } from '@/components/ui/shortcuts-dialog';
import { useHotkeys } from '@/components/ui/use-hotkeys';
import type { VerdictStatus } from '@/lib/triage/types';

export const DEVICES_SHORTCUTS: ShortcutHelp[] = [
  { keys: ['j', '↓'], description: 'Next device' },
  { keys: ['k', '↑'], description: 'Previous device' },
  { keys: ['Enter'], description: 'Open the device’s evidence' },
  { keys: ['/'], description: 'Filter devices' },
  { keys: ['Esc'], description: 'Close the evidence, leave the filter, or clear the active row' },
  { keys: ['x'], description: 'Select the device (triagers)' },
  { keys: ['b'], description: 'Benign: for the selection, or the open or active device (triagers)' },
  { keys: ['s'], description: 'Suspicious: likewise (triagers)' },
  { keys: ['m'], description: 'Malicious: likewise (triagers)' },
  { keys: ['r'], description: 'Run the hunt again' },
  { keys: ['?'], description: 'Show these shortcuts' },
];

export function useDevicesShortcuts({
  filterRef,
  canTriage,
  canRun,
  onHelp,
  onRunAgain,
  onToggleActive,
  onVerdict,
}: {
  filterRef: RefObject<HTMLInputElement | null>;
  canTriage: boolean;
  /** A hunt is chosen. */
  canRun: boolean;
  onHelp: () => void;
  onRunAgain: () => void;
  /** Selects or unselects the active row; false when there is none. */
  onToggleActive: () => boolean;
  onVerdict: (status: VerdictStatus) => void;
}): void {
  const verdictKey = (status: VerdictStatus) => (event: KeyboardEvent) => {
    if (!canTriage) return;
    event.preventDefault();
    onVerdict(status);
  };
  useHotkeys({
    '/': (event) => {
      event.preventDefault();
      filterRef.current?.focus();
      filterRef.current?.select();
    },
    '?': (event) => {
      event.preventDefault();
      onHelp();
    },
    r: (event) => {
      if (!canRun) return;
      event.preventDefault();
      onRunAgain();
    },
    x: (event) => {
      if (!canTriage) return;
      if (onToggleActive()) event.preventDefault();
    },
    b: verdictKey('benign'),
    s: verdictKey('suspicious'),
    m: verdictKey('malicious'),
  });
}
