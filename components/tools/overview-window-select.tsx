// The overview's window: the devices page's choices, in the same lookback grammar.
'use client';
import { LOOKBACK_CHOICES } from '@/components/devices/device-view-params';
import { formatLookback } from '@/components/ui/format';
import { ChevronDownIcon } from '@/components/ui/icons';

export function OverviewWindowSelect({
  lookback,
  onChange,
}: {
  lookback: string;
  onChange: (lookback: string) => void;
}) {
  const choices: string[] = [...LOOKBACK_CHOICES];
  if (!choices.includes(lookback)) choices.push(lookback);
  return (
    <label className="flex items-center gap-1.5">
      <span className="text-muted">Window</span>
      <span className="relative inline-flex items-center">
        <select
          value={lookback}
          onChange={(event) => onChange(event.target.value)}
          className="h-7 w-40 appearance-none rounded-md border border-line bg-surface pr-7 pl-2 font-medium hover:border-line-strong"
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              Last {formatLookback(choice)}
            </option>
          ))}
        </select>
        <ChevronDownIcon size={12} className="pointer-events-none absolute right-2 text-muted" />
      </span>
    </label>
  );
}
