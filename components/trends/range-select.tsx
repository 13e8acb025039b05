// The days the Trends page covers: up to the source's retention from the source, longer from recorded runs.
'use client';
import { ChevronDownIcon } from '@/components/ui/icons';
import { RANGE_CHOICES, type RangeChoice, rangeDays } from './trend-view-params';

/** Defender keeps 30 days; longer ranges rely on recorded runs. */
const SOURCE_DAYS = 30;

export function RangeSelect({
  range,
  onChange,
}: {
  range: RangeChoice;
  onChange: (range: RangeChoice) => void;
}) {
  const choices: string[] = [...RANGE_CHOICES];
  if (!choices.includes(range)) choices.push(range);
  return (
    <label className="flex items-center gap-1.5">
      <span className="text-muted">Range</span>
      <span className="relative inline-flex items-center">
        <select
          value={range}
          onChange={(event) => onChange(event.target.value)}
          className="h-7 w-64 appearance-none rounded-md border border-line bg-surface pr-7 pl-2 font-medium hover:border-line-strong"
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              Last {rangeDays(choice)} days{rangeDays(choice) > SOURCE_DAYS ? ' (recorded runs)' : ''}
            </option>
          ))}
        </select>
        <ChevronDownIcon size={12} className="pointer-events-none absolute right-2 text-muted" />
      </span>
    </label>
  );
}
