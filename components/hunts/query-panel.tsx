// The exact KQL a page ran on the source, for reading and for pasting into Defender or Sentinel: a Query
// button that shows or hides it, and the panel with one block per query.
'use client';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ChevronDownIcon } from '@/components/ui/icons';

export interface QueryDisclosure {
  open: boolean;
  /** The panel's id, for the button's aria-controls. */
  id: string;
  toggle: () => void;
}

/** Whether the query panel is shown; closed at first. */
export function useQueryDisclosure(): QueryDisclosure {
  const [open, setOpen] = useState(false);
  const id = useId();
  return { open, id, toggle: () => setOpen((value) => !value) };
}

export function QueryButton({ query }: { query: QueryDisclosure }) {
  return (
    <Button
      variant="ghost"
      aria-expanded={query.open}
      aria-controls={query.open ? query.id : undefined}
      onClick={query.toggle}
    >
      Query
      <ChevronDownIcon size={12} className={`transition-transform ${query.open ? 'rotate-180' : ''}`} />
    </Button>
  );
}

export function QueryPanel({
  id,
  label,
  blocks,
  pending,
}: {
  id: string;
  /** The panel's accessible name, e.g. "Query that ran". */
  label: string;
  /** Null until the page has run. */
  blocks: readonly { title: string; text: string }[] | null;
  /** What stands there until then. */
  pending: string;
}) {
  return (
    <section
      id={id}
      aria-label={label}
      className="max-h-[38vh] shrink-0 overflow-auto border-line border-b bg-surface-2 px-3 py-2"
    >
      {blocks ? (
        <div className="grid gap-3 lg:grid-cols-2">
          {blocks.map(({ title, text }) => (
            <figure key={title} className="min-w-0">
              <figcaption className="mb-1 font-medium text-muted text-xs">{title}</figcaption>
              <pre className="overflow-x-auto rounded-md border border-line bg-surface p-2 font-mono text-[12px] leading-relaxed">
                <code>{text}</code>
              </pre>
            </figure>
          ))}
        </div>
      ) : (
        <p className="text-muted">{pending}</p>
      )}
    </section>
  );
}
