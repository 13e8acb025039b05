// A long identifier shown truncated in the middle: the full value on hover, copied on click.
'use client';
import type { MouseEvent } from 'react';
import { announce } from './announce';
import { truncateMiddle } from './format';
import { CheckIcon } from './icons';
import { useCopy } from './use-copy';

export function CopyableId({ value, label = 'ID' }: { value: string; label?: string }) {
  const [state, copy] = useCopy(1400);
  const onClick = async (event: MouseEvent) => {
    // Copying should not also count as "open" on the row around it.
    event.stopPropagation();
    const result = await copy(value);
    announce(result === 'copied' ? `${label} copied` : `Could not copy the ${label}`);
  };
  return (
    <button
      type="button"
      title={`${value}\nClick to copy`}
      aria-label={`Copy ${label} ${value}`}
      onClick={onClick}
      onDoubleClick={(event) => event.stopPropagation()}
      className="inline-flex min-w-0 items-center gap-1 rounded px-1 font-mono text-[11px] text-muted hover:bg-surface-3 hover:text-fg"
    >
      {state === 'copied' ? (
        <>
          <CheckIcon size={11} className="text-accent" />
          Copied
        </>
      ) : state === 'failed' ? (
        'Copy failed'
      ) : (
        truncateMiddle(value)
      )}
    </button>
  );
}
