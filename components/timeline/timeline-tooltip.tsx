// One floating tooltip shared by all timeline cells: cells report what is under the pointer, only
// the tooltip re-renders, so hovering across thousands of rows stays cheap.
'use client';
import {
  createContext,
  type ReactNode,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';

export interface TimelineTooltipContent {
  /** Changes when the content does; equal keys skip the update. */
  key: string;
  /** Viewport coordinates of the point the tooltip sits above. */
  x: number;
  y: number;
  title: string;
  lines: string[];
}

interface TooltipStore {
  show: (content: TimelineTooltipContent) => void;
  hide: () => void;
  subscribe: (listener: () => void) => () => void;
  get: () => TimelineTooltipContent | null;
}

function createTooltipStore(): TooltipStore {
  let current: TimelineTooltipContent | null = null;
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const listener of listeners) listener();
  };
  return {
    show: (content) => {
      if (current?.key === content.key) return;
      current = content;
      emit();
    },
    hide: () => {
      if (current === null) return;
      current = null;
      emit();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => current,
  };
}

const TooltipContext = createContext<TooltipStore | null>(null);

export function TimelineTooltipProvider({ children }: { children: ReactNode }) {
  const store = useMemo(createTooltipStore, []);
  return (
    <TooltipContext value={store}>
      {children}
      <TimelineTooltipLayer store={store} />
    </TooltipContext>
  );
}

export function useTimelineTooltip(): Pick<TooltipStore, 'show' | 'hide'> | null {
  return useContext(TooltipContext);
}

function TimelineTooltipLayer({ store }: { store: TooltipStore }) {
  const content = useSyncExternalStore(store.subscribe, store.get, () => null);
  const ref = useRef<HTMLDivElement>(null);

  // Centre above the point, kept inside the viewport; below the point if there is no room above.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !content) return;
    const { width, height } = element.getBoundingClientRect();
    const left = Math.min(Math.max(content.x - width / 2, 8), window.innerWidth - width - 8);
    const above = content.y - height - 6;
    element.style.left = `${left}px`;
    element.style.top = `${above >= 8 ? above : content.y + 28}px`;
    element.style.visibility = 'visible';
  }, [content]);

  if (!content) return null;
  // Mouse-only aid: the same facts are in each cell's accessible name and in the other columns.
  return (
    <div
      ref={ref}
      aria-hidden="true"
      className="pointer-events-none invisible fixed top-0 left-0 z-50 w-max max-w-[28rem] rounded-md border border-line-strong bg-surface px-2 py-1.5 text-[12px] shadow-black/15 shadow-lg"
    >
      <div className="font-medium tabular-nums">{content.title}</div>
      {content.lines.map((line) => (
        <div key={line} className="text-muted tabular-nums">
          {line}
        </div>
      ))}
    </div>
  );
}
