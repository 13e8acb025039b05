// The "Hunts" picker: a button that opens a search field over the catalog's hunts, grouped by tool (WAI-ARIA
// combobox with a listbox popup). Typing filters by name, tool, table or technique; the arrows, Page Up/Down,
// Home and End move the active option (kept in view), Enter picks it, Escape closes and returns focus.
'use client';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ApiProblem } from '@/components/api/api-client';
import { buttonClass } from '@/components/ui/button';
import { formatLookback, plural } from '@/components/ui/format';
import { CheckIcon, ChevronDownIcon } from '@/components/ui/icons';
import type { HuntSummary } from '@/lib/hunts/hunt-run';
import { flattenGroups, groupHunts, isNavigationKey, moveActive, tableLabel } from './hunt-picker-model';

export function HuntPicker({
  hunts,
  error,
  selectedId,
  onSelect,
}: {
  hunts: HuntSummary[] | null;
  error: ApiProblem | null;
  selectedId: string | null;
  onSelect: (huntId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popupRef = useRef<HTMLDivElement>(null);
  const popupId = useId();

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popupRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, close]);

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popupId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={buttonClass('secondary', 'gap-1 px-2')}
      >
        Hunts
        <ChevronDownIcon size={12} className="text-muted" />
      </button>
      {open && (
        <div
          ref={popupRef}
          id={popupId}
          role="dialog"
          aria-label="Pick a hunt"
          className="absolute top-full left-0 z-30 mt-1 flex max-h-[min(34rem,70vh)] w-[40rem] max-w-[calc(100vw-2rem)] flex-col rounded-md border border-line bg-surface shadow-lg shadow-black/10"
        >
          {error ? (
            <p className="p-3 text-[13px]">
              Could not load the hunt list: {error.title}. {error.detail}
            </p>
          ) : hunts === null ? (
            <p className="p-3 text-[13px] text-muted">Loading hunts…</p>
          ) : hunts.length === 0 ? (
            <p className="p-3 text-[13px] text-muted">The catalog has no hunts.</p>
          ) : (
            <HuntSearch
              hunts={hunts}
              selectedId={selectedId}
              onPick={(id) => {
                close(true);
                if (id !== selectedId) onSelect(id);
              }}
              onCancel={(returnFocus) => close(returnFocus)}
            />
          )}
        </div>
      )}
    </div>
  );
}

function HuntSearch({
  hunts,
  selectedId,
  onPick,
  onCancel,
}: {
  hunts: HuntSummary[];
  selectedId: string | null;
  onPick: (huntId: string) => void;
  onCancel: (returnFocus: boolean) => void;
}) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupHunts(hunts, query), [hunts, query]);
  const options = useMemo(() => flattenGroups(groups), [groups]);
  const [activeId, setActiveId] = useState<string | null>(selectedId);
  const listboxId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const indexById = useMemo(() => new Map(options.map((hunt, i) => [hunt.id, i])), [options]);
  // The active option is one the list shows: after typing, the first match; on opening, the current hunt.
  const activeIndex = activeId !== null ? (indexById.get(activeId) ?? -1) : -1;
  const shownActive = activeIndex >= 0 ? activeIndex : options.length > 0 ? 0 : -1;
  const active = shownActive >= 0 ? options[shownActive] : undefined;
  const optionId = (index: number) => `${listboxId}-${index}`;

  useEffect(() => inputRef.current?.focus(), []);

  // Keeps the active option in view as it moves (and the current hunt when the list opens).
  useLayoutEffect(() => {
    if (shownActive < 0) return;
    const element = listRef.current?.querySelector<HTMLElement>(`[id="${optionId(shownActive)}"]`);
    element?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const next = moveActive(shownActive, options.length, event.key);
      setActiveId(next >= 0 ? (options[next]?.id ?? null) : null);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active) onPick(active.id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel(true);
    } else if (event.key === 'Tab') {
      onCancel(false);
    }
  };

  let index = 0;
  return (
    <>
      <div className="shrink-0 border-line border-b p-1.5">
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-label="Search hunts"
          aria-expanded="true"
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={shownActive >= 0 ? optionId(shownActive) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search by hunt, tool, table or technique…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveId(null);
          }}
          onKeyDown={onKeyDown}
          className="h-7 w-full rounded border border-line bg-bg px-2 text-[13px] placeholder:text-muted focus-visible:outline-2 focus-visible:outline-accent"
        />
      </div>
      <p className="sr-only" aria-live="polite">
        {query ? `${plural(options.length, 'hunt')} match` : ''}
      </p>
      <div
        ref={listRef}
        id={listboxId}
        role="listbox"
        aria-label="Hunts by tool"
        className="min-h-0 flex-1 overflow-y-auto p-1"
      >
        {groups.map((group, g) => {
          const labelId = `${listboxId}-g${g}`;
          return (
            // biome-ignore lint/a11y/useSemanticElements: a listbox's group of options, not a form's fieldset.
            <div key={group.tool} role="group" aria-labelledby={labelId}>
              <div
                id={labelId}
                role="presentation"
                className="sticky top-0 z-10 bg-surface px-2 pt-1.5 pb-0.5 font-semibold text-muted text-xs"
              >
                {group.tool}
              </div>
              {group.hunts.map((hunt) => {
                const i = index++;
                return (
                  <HuntOption
                    key={hunt.id}
                    id={optionId(i)}
                    hunt={hunt}
                    active={i === shownActive}
                    current={hunt.id === selectedId}
                    onHover={() => setActiveId(hunt.id)}
                    onPick={() => onPick(hunt.id)}
                  />
                );
              })}
            </div>
          );
        })}
        {options.length === 0 && (
          <p className="px-2 py-1.5 text-[13px] text-muted">
            No hunt matches “{query.trim()}”. Try a tool, a table (process, network, signer) or a technique.
          </p>
        )}
      </div>
    </>
  );
}

function HuntOption({
  id,
  hunt,
  active,
  current,
  onHover,
  onPick,
}: {
  id: string;
  hunt: HuntSummary;
  active: boolean;
  current: boolean;
  onHover: () => void;
  onPick: () => void;
}) {
  const tables = hunt.tables.map(tableLabel).join(', ');
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's field handles the keys (aria-activedescendant).
    <div
      id={id}
      role="option"
      tabIndex={-1}
      aria-selected={active}
      aria-current={current || undefined}
      title={hunt.description || undefined}
      onMouseMove={active ? undefined : onHover}
      // Keeps the focus in the search field.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
      className={`flex cursor-default items-center gap-2 rounded px-2 py-1 text-[13px] ${active ? 'bg-accent-soft outline-2 outline-accent outline-offset-[-2px]' : ''}`}
    >
      <span className="grid size-3.5 shrink-0 place-items-center text-accent">
        {current && <CheckIcon size={12} />}
        {current && <span className="sr-only">(current)</span>}
      </span>
      <span className="min-w-0 flex-1 truncate">{hunt.name}</span>
      <span className="shrink-0 text-muted text-xs tabular-nums">
        {tables || 'no table'}
        {' · '}
        {hunt.lookback ? `last ${formatLookback(hunt.lookback)}` : 'no window'}
        {hunt.techniques.length > 0 && ` · ${hunt.techniques.join(', ')}`}
      </span>
    </div>
  );
}
