// A button that opens a small menu (WAI-ARIA menu button): arrow keys move, Escape closes and
// returns focus, a click outside closes. Items are radio or checkbox menu items.
'use client';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { CheckIcon } from './icons';

interface MenuProps {
  /** Content of the trigger button; its text is the button's accessible name unless `label` is set. */
  trigger: ReactNode;
  label?: string;
  /** Accessible name of the menu itself. */
  menuLabel: string;
  align?: 'start' | 'end';
  triggerClassName?: string;
  panelClassName?: string;
  children: (close: () => void) => ReactNode;
}

const ITEM_SELECTOR = '[role^="menuitem"]:not([aria-disabled="true"])';

export function Menu({
  trigger,
  label,
  menuLabel,
  align = 'start',
  triggerClassName = '',
  panelClassName = '',
  children,
}: MenuProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((returnFocus = true) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const panel = panelRef.current;
    const items = panel ? Array.from(panel.querySelectorAll<HTMLElement>(ITEM_SELECTOR)) : [];
    const checked = items.find((item) => item.getAttribute('aria-checked') === 'true');
    (checked ?? items[0])?.focus();

    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, close]);

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(ITEM_SELECTOR));
    const index = items.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = items[(index + 1) % items.length];
        break;
      case 'ArrowUp':
        next = items[(index - 1 + items.length) % items.length];
        break;
      case 'Home':
        next = items[0];
        break;
      case 'End':
        next = items[items.length - 1];
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      case 'Tab':
        close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    next?.focus();
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={menuId}
          role="menu"
          aria-label={menuLabel}
          tabIndex={-1}
          onKeyDown={onPanelKeyDown}
          className={`absolute top-full z-30 mt-1 min-w-44 rounded-md border border-line bg-surface p-1 shadow-lg shadow-black/10 ${align === 'end' ? 'right-0' : 'left-0'} ${panelClassName}`}
        >
          {children(() => close())}
        </div>
      )}
    </div>
  );
}

const ITEM_CLASS =
  'flex w-full items-center gap-2 rounded px-2 py-1 text-left text-[13px] hover:bg-surface-2 focus-visible:bg-surface-2 focus-visible:outline-2 focus-visible:outline-offset-[-2px] aria-disabled:opacity-50';

interface MenuItemProps {
  checked: boolean;
  disabled?: boolean;
  onSelect: () => void;
  children: ReactNode;
  /** Shown muted on the right, e.g. a technique id. */
  hint?: ReactNode;
}

function CheckSlot({ checked }: { checked: boolean }) {
  return (
    <span className="grid size-3.5 shrink-0 place-items-center text-accent">
      {checked && <CheckIcon size={12} />}
    </span>
  );
}

export function MenuItemRadio({ checked, disabled, onSelect, children, hint }: MenuItemProps) {
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      aria-disabled={disabled || undefined}
      tabIndex={-1}
      onClick={() => !disabled && onSelect()}
      className={ITEM_CLASS}
    >
      <CheckSlot checked={checked} />
      <span className="min-w-0 flex-1">{children}</span>
      {hint && <span className="shrink-0 text-muted text-xs">{hint}</span>}
    </button>
  );
}

export function MenuItemCheckbox({ checked, disabled, onSelect, children, hint }: MenuItemProps) {
  return (
    <button
      type="button"
      role="menuitemcheckbox"
      aria-checked={checked}
      aria-disabled={disabled || undefined}
      tabIndex={-1}
      onClick={() => !disabled && onSelect()}
      className={ITEM_CLASS}
    >
      <span
        aria-hidden="true"
        className={`grid size-3.5 shrink-0 place-items-center rounded-sm border ${checked ? 'border-accent bg-accent text-accent-fg' : 'border-line-strong'}`}
      >
        {checked && <CheckIcon size={10} strokeWidth={2.5} />}
      </span>
      <span className="min-w-0 flex-1">{children}</span>
      {hint && <span className="shrink-0 text-muted text-xs">{hint}</span>}
    </button>
  );
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <div className="px-2 pt-1 pb-1.5 font-medium text-muted text-xs">{children}</div>;
}
