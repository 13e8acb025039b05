// The Reports column: a count that expands the row to list the device's ReportIds (copyable).
'use client';
import { announce } from '@/components/ui/announce';
import { Button } from '@/components/ui/button';
import { formatCount, plural } from '@/components/ui/format';
import { ChevronRightIcon, CopyIcon } from '@/components/ui/icons';
import { useCopy } from '@/components/ui/use-copy';

/** Enough to scan; the rest are one "Copy all" away. */
const SHOWN_LIMIT = 300;

export function ReportsToggle({
  count,
  expanded,
  onToggle,
}: {
  count: number;
  expanded: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      aria-expanded={expanded}
      aria-label={plural(count, 'report ID')}
      title={expanded ? 'Hide report IDs' : 'Show report IDs'}
      onClick={(event) => {
        event.stopPropagation();
        onToggle();
      }}
      onDoubleClick={(event) => event.stopPropagation()}
      className="inline-flex h-6 items-center gap-1 rounded px-1.5 tabular-nums hover:bg-surface-3"
    >
      {formatCount(count)}
      <ChevronRightIcon
        size={12}
        className={`text-muted transition-transform ${expanded ? 'rotate-90' : ''}`}
      />
    </button>
  );
}

export function ReportIdsDetail({
  deviceName,
  reportIds,
}: {
  deviceName: string;
  reportIds: readonly (string | number)[];
}) {
  const [state, copy] = useCopy();
  const shown = reportIds.slice(0, SHOWN_LIMIT);
  return (
    <section aria-label={`Report IDs for ${deviceName}`} className="flex items-start gap-3 whitespace-normal">
      <div className="w-40 shrink-0 pt-0.5 text-muted text-xs">
        {plural(reportIds.length, 'report ID')}
        {reportIds.length > SHOWN_LIMIT && <div>first {formatCount(SHOWN_LIMIT)} shown</div>}
      </div>
      <ul className="flex max-h-28 min-w-0 flex-1 flex-wrap gap-1 overflow-auto">
        {shown.map((id) => (
          <li
            key={String(id)}
            className="rounded border border-line bg-surface px-1.5 font-mono text-[11px] tabular-nums"
          >
            {String(id)}
          </li>
        ))}
      </ul>
      <Button
        variant="ghost"
        className="h-6 px-2 text-xs"
        onClick={async () => {
          const result = await copy(reportIds.map(String).join('\n'));
          announce(result === 'copied' ? 'Report IDs copied' : 'Could not copy the report IDs');
        }}
      >
        <CopyIcon size={12} />
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy all'}
      </Button>
    </section>
  );
}
