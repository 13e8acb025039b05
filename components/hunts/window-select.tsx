// The time window a hunt looks back over: 1 to 30 days, the hunt's own default marked.
'use client';
import { LOOKBACK_CHOICES } from '@/components/devices/device-view-params';
import { formatLookback } from '@/components/ui/format';
import { ChevronDownIcon } from '@/components/ui/icons';

export function WindowSelect({
  lookback,
  defaultLookback,
  onChange,
}: {
  /** The chosen window; null: the hunt's default. */
  lookback: string | null;
  /** The hunt's own window (its summary's lookback); null when the hunt has none. */
  defaultLookback: string | null;
  onChange: (lookback: string | null) => void;
}) {
  const choices: string[] = [...LOOKBACK_CHOICES];
  for (const extra of [lookback, defaultLookback]) if (extra && !choices.includes(extra)) choices.push(extra);
  const value = lookback ?? defaultLookback ?? '';

  return (
    <label className="flex items-center gap-1.5">
      <span className="text-muted">Window</span>
      <span className="relative inline-flex items-center">
        <select
          value={value}
          onChange={(event) => {
            const next = event.target.value;
            onChange(next === '' || next === defaultLookback ? null : next);
          }}
          className="h-7 w-56 appearance-none rounded-md border border-line bg-surface pr-7 pl-2 font-medium hover:border-line-strong"
        >
          {value === '' && <option value="">Hunt default</option>}
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              Last {formatLookback(choice)}
              {choice === defaultLookback ? ' (hunt default)' : ''}
            </option>
          ))}
        </select>
        <ChevronDownIcon size={12} className="pointer-events-none absolute right-2 text-muted" />
      </span>
    </label>
  );
}
