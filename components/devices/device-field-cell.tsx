// The cell of an optional field column (device-fields.ts): a set's first value with "+N" for the others (all of
// them on hover), and instants in UTC with a relative hint, as the fixed time columns show them.
'use client';
import type { ExtraKeyValue } from '@/lib/hunts/hunt-run';
import { UtcTimeCell } from './device-cells';
import type { DeviceField } from './device-fields';

export function DeviceFieldCell({
  field,
  values,
  referenceMs,
}: {
  field: Pick<DeviceField, 'kind' | 'mono'>;
  values: readonly ExtraKeyValue[];
  /** Relative hints are measured from the window's end. */
  referenceMs: number;
}) {
  const first = values[0];
  if (first === undefined) return <span className="text-muted">—</span>;
  const more = values.length - 1;
  const title = values.map(String).join('\n');
  return (
    <span className="flex min-w-0 items-baseline gap-1" title={title}>
      {field.kind === 'time' && typeof first === 'string' ? (
        <UtcTimeCell ms={Date.parse(first)} referenceMs={referenceMs} />
      ) : (
        <span
          className={`truncate ${field.mono ? 'font-mono text-[12px]' : ''} ${field.kind === 'number' ? 'tabular-nums' : ''}`}
        >
          {String(first)}
        </span>
      )}
      {more > 0 && <span className="shrink-0 text-[11px] text-muted">+{more}</span>}
    </span>
  );
}
