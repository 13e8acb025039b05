// The "?" dialog listing a page's keyboard shortcuts: a modal dialog (focus trapped, Escape closes it) that
// also closes on a click on its backdrop.
'use client';
import { Kbd } from './button';
import { ModalDialog } from './modal-dialog';

export interface ShortcutHelp {
  keys: string[];
  description: string;
}

export function ShortcutsDialog({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: ShortcutHelp[];
}) {
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      className="w-[26rem]"
      closeOnBackdrop
    >
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.description} className="contents">
            <dt className="flex gap-1">
              {shortcut.keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}
