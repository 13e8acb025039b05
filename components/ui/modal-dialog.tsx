// A modal dialog on the native <dialog> element: focus is trapped, Escape closes it and focus returns to
// what opened it, without extra code. Title, close button, body and an optional footer of actions; a dialog
// with nothing to lose may also close on a click on its backdrop.
'use client';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { CloseIcon } from './icons';

export function ModalDialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  className = 'w-[30rem]',
  closeOnBackdrop = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
  /** Off by default: a stray click beside a form must not throw away what was typed. */
  closeOnBackdrop?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (closeOnBackdrop && event.target === event.currentTarget) onClose();
      }}
      // Escape is the dialog's own keyboard way out; the click handler adds nothing for keys.
      onKeyDown={() => {}}
      className={`m-auto max-h-[calc(100vh-4rem)] max-w-[calc(100vw-2rem)] rounded-lg border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40 ${className}`}
    >
      <div className="flex items-center justify-between gap-3 border-line border-b px-4 py-2.5">
        <h2 id={titleId} className="font-semibold text-[14px]">
          {title}
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
      {description && (
        <div id={descriptionId} className="px-4 pt-3 text-[12px] text-muted leading-snug">
          {description}
        </div>
      )}
      <div className="px-4 py-3">{open ? children : null}</div>
      {footer && <div className="flex justify-end gap-2 border-line border-t px-4 py-2.5">{footer}</div>}
    </dialog>
  );
}
