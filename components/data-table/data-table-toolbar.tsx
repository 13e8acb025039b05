// The bar above a data table: the text filter (kept responsive while the URL catches up), the
// "N of M shown" count announced to screen readers, and a slot for more controls on the right.
'use client';
import { type ReactNode, type Ref, useEffect, useRef, useState } from 'react';
import { Kbd } from '@/components/ui/button';
import { formatCount } from '@/components/ui/format';
import { CloseIcon, SearchIcon } from '@/components/ui/icons';

interface DataTableToolbarProps {
  /** The committed filter text (e.g. from the URL). */
  value: string;
  onValueChange: (value: string) => void;
  /** Escape in the field: where focus should go next (e.g. the table). */
  onLeave?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  label?: string;
  placeholder?: string;
  /** The longest filter the field takes; longer pasted text is cut. */
  maxLength?: number;
  /** Rows left after filtering and in total; null while there is nothing to count yet. */
  shown: number | null;
  total: number | null;
  /** Controls before the filter field, e.g. a choice of view. */
  leading?: ReactNode;
  children?: ReactNode;
}

export function DataTableToolbar({
  value,
  onValueChange,
  onLeave,
  inputRef,
  label = 'Filter',
  placeholder = 'filter…',
  maxLength,
  shown,
  total,
  leading,
  children,
}: DataTableToolbarProps) {
  // Local text so typing never waits on a URL round trip; external changes (back button) win.
  const [text, setText] = useState(value);
  const lastSent = useRef(value);
  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  const change = (next: string) => {
    setText(next);
    lastSent.current = next;
    onValueChange(next);
  };

  return (
    // Wraps rather than overflows when a side panel leaves the table little room.
    <div className="flex min-h-10 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-line border-b bg-surface px-3 py-1.5">
      {leading}
      <div className="relative flex w-72 max-w-full items-center">
        <SearchIcon className="pointer-events-none absolute left-2 text-muted" aria-hidden="true" />
        <input
          ref={inputRef}
          type="text"
          enterKeyHint="search"
          aria-label={label}
          placeholder={placeholder}
          value={text}
          maxLength={maxLength}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => change(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              onLeave?.();
            }
          }}
          className="peer h-7 w-full rounded-md border border-line bg-bg pr-12 pl-7 text-[13px] placeholder:text-muted hover:border-line-strong focus-visible:border-accent focus-visible:outline-1 focus-visible:outline-offset-0"
        />
        {text ? (
          <button
            type="button"
            aria-label="Clear filter"
            onClick={() => change('')}
            className="absolute right-1 grid size-5 place-items-center rounded text-muted hover:bg-surface-3 hover:text-fg"
          >
            <CloseIcon size={12} />
          </button>
        ) : (
          <Kbd className="pointer-events-none absolute right-1.5 peer-focus:hidden">/</Kbd>
        )}
      </div>
      <p aria-live="polite" className="min-w-32 whitespace-nowrap text-muted tabular-nums">
        {shown !== null && total !== null ? `${formatCount(shown)} of ${formatCount(total)} shown` : ''}
      </p>
      <div className="ml-auto flex items-center gap-2">{children}</div>
    </div>
  );
}
