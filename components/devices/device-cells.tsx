// Cell renderers for the devices table: device name with its id, a UTC time with a relative hint.
'use client';
import { CopyableId } from '@/components/ui/copyable-id';
import { formatRelative, formatUtcExact, formatUtcMinute } from '@/components/ui/format';

export function DeviceNameCell({ name, id }: { name: string; id: string }) {
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <span className="truncate font-medium" title={name}>
        {name}
      </span>
      <CopyableId value={id} label="device ID" />
    </div>
  );
}

/** "2026-11-28 14:03 UTC  2h ago", the hint measured from `referenceMs` (the window's end). */
export function UtcTimeCell({ ms, referenceMs }: { ms: number; referenceMs: number }) {
  if (Number.isNaN(ms)) return <span className="text-muted">—</span>;
  return (
    <span className="inline-flex items-baseline gap-2 tabular-nums">
      <time dateTime={new Date(ms).toISOString()} title={formatUtcExact(ms)}>
        {formatUtcMinute(ms)}
        <span className="text-[11px] text-muted"> UTC</span>
      </time>
      <span className="text-muted text-xs" title="Before the end of the window">
        {formatRelative(ms, referenceMs)}
      </span>
    </span>
  );
}
