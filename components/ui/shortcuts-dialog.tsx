// The "?" dialog listing a page's keyboard shortcuts; a native modal dialog, so focus is trapped
// and Escape closes it without extra code.
'use client';
import { useEffect, useRef } from 'react';
import { Kbd } from './button';
import { CloseIcon } from './icons';

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
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose();
      }}
      onKeyDown={() => {}}
      className="m-auto w-[26rem] max-w-[calc(100vw-2rem)] rounded-lg border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40"
    >
      <div className="flex items-center justify-between border-line border-b px-4 py-2.5">
        <h2 id="shortcuts-title" className="font-semibold text-[14px]">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close"
          className="grid size-6 place-items-center rounded text-muted hover:bg-surface-2 hover:text-fg"
        >
          <CloseIcon />
        </button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 px-4 py-3">
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
    </dialog>
  );
}
