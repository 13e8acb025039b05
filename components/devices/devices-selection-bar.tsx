// Above the devices table while rows are selected: one verdict and reason for all of them.
'use client';
import { VERDICT_LABELS } from '@/components/triage/verdict-badge';
import { Button, Kbd } from '@/components/ui/button';
import { plural } from '@/components/ui/format';
import type { VerdictStatus } from '@/lib/triage/types';

export function DevicesSelectionBar({
  count,
  disabled,
  onSet,
  onClear,
}: {
  count: number;
  disabled: boolean;
  onSet: (status: VerdictStatus) => void;
  onClear: () => void;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Selected devices"
      className="flex min-h-9 shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-line border-b bg-accent-soft px-3 py-1"
    >
      <span className="whitespace-nowrap font-medium tabular-nums">{plural(count, 'device')} selected</span>
      <span className="whitespace-nowrap text-muted">Set verdict:</span>
      {(['benign', 'suspicious', 'malicious'] as const).map((status) => (
        <Button
          key={status}
          onClick={() => onSet(status)}
          disabled={disabled}
          className="h-6 px-2 text-[12px]"
        >
          {VERDICT_LABELS[status]}
          <Kbd>{status[0]}</Kbd>
        </Button>
      ))}
      <Button variant="ghost" onClick={onClear} className="ml-auto h-6 px-2 text-[12px]">
        Clear selection
      </Button>
    </div>
  );
}
