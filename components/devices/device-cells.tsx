// Cell renderers for the devices table: device name with its id (and its Defender page), a time relative to
// the window's end with the exact UTC time on hover.
'use client';
import { CopyableId } from '@/components/ui/copyable-id';
import { formatRelative, formatUtcExact, formatUtcMinute } from '@/components/ui/format';
import { ExternalLinkIcon } from '@/components/ui/icons';

/** `devicePage`: the device's page in Microsoft Defender, when the source is Defender XDR. */
export function DeviceNameCell({ name, id, devicePage }: { name: string; id: string; devicePage?: string }) {
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <span className="truncate font-medium" title={name}>
        {name}
      </span>
      <CopyableId value={id} label="device ID" />
      {devicePage && (
        <a
          href={devicePage}
          target="_blank"
          rel="noopener noreferrer"
          title="Open the device in Microsoft Defender (new tab)"
          aria-label={`Open ${name} in Microsoft Defender (opens in a new tab)`}
          // Following the link should not also count as "open" on the row around it.
          onClick={(event) => event.stopPropagation()}
          onDoubleClick={(event) => event.stopPropagation()}
          className="inline-flex shrink-0 items-center rounded p-0.5 text-muted hover:bg-surface-3 hover:text-fg"
        >
          <ExternalLinkIcon size={12} />
        </a>
      )}
    </div>
  );
}

/**
 * "2h ago", measured from `referenceMs` (the window's end), with the exact UTC time on hover and for screen
 * readers: compact, so the table keeps room for its timeline, where the same times sit on a shared axis.
 */
export function UtcTimeCell({ ms, referenceMs }: { ms: number; referenceMs: number }) {
  if (Number.isNaN(ms)) return <span className="text-muted">—</span>;
  const exact = formatUtcExact(ms);
  return (
    <time
      dateTime={new Date(ms).toISOString()}
      title={`${exact}\n${formatRelative(ms, referenceMs)} before the end of the window`}
      className="tabular-nums"
    >
      {formatRelative(ms, referenceMs)}
      <span className="sr-only">, {formatUtcMinute(ms)} UTC</span>
    </time>
  );
}
