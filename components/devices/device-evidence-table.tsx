// The events behind a device's row, newest first: when, what ran (file, folder, command line), what
// started it (parent and its command line, grandparent), as whom, its hash and Defender's ReportId.
'use client';
import { CopyableId } from '@/components/ui/copyable-id';
import { formatRelative, formatUtcExact, formatUtcMinute } from '@/components/ui/format';
import type { EvidenceEvent } from '@/lib/hunts/device-evidence-result';

const HEADERS = [
  'Time (UTC)',
  'File',
  'Folder',
  'Command line',
  'Parent',
  'Parent command line',
  'Grandparent',
  'Account',
  'SHA256',
  'ReportId',
] as const;

function Code({ text }: { text: string }) {
  if (!text) return <span className="text-muted">—</span>;
  return (
    <code className="block min-w-48 max-w-[28rem] whitespace-pre-wrap break-all font-mono text-[11px]">
      {text}
    </code>
  );
}

function Plain({ text }: { text: string }) {
  return text ? <span>{text}</span> : <span className="text-muted">—</span>;
}

export function DeviceEvidenceTable({
  events,
  referenceMs,
  label,
}: {
  events: readonly EvidenceEvent[];
  /** Relative hints are measured from the window's end. */
  referenceMs: number;
  label: string;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <table aria-label={label} className="w-max min-w-full border-collapse text-[12px]">
        <thead className="bg-surface-2 text-left text-muted text-xs">
          <tr>
            {HEADERS.map((header) => (
              <th
                key={header}
                scope="col"
                className={`whitespace-nowrap border-line border-b px-2 py-1 font-medium ${header === 'ReportId' ? 'text-right' : ''}`}
              >
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const ms = Date.parse(event.timestamp);
            return (
              <tr
                key={`${event.reportId}|${event.timestamp}`}
                className="border-line/60 border-b align-top last:border-b-0"
              >
                <td className="whitespace-nowrap px-2 py-1 tabular-nums">
                  <time dateTime={event.timestamp} title={formatUtcExact(ms)}>
                    {formatUtcMinute(ms)}
                  </time>
                  <span className="block text-[11px] text-muted">{formatRelative(ms, referenceMs)}</span>
                </td>
                <td className="whitespace-nowrap px-2 py-1 font-medium">
                  <Plain text={event.fileName} />
                </td>
                <td className="max-w-56 px-2 py-1 break-all">
                  <Plain text={event.folderPath} />
                </td>
                <td className="px-2 py-1">
                  <Code text={event.processCommandLine} />
                </td>
                <td className="whitespace-nowrap px-2 py-1">
                  <Plain text={event.initiatingProcessFileName} />
                </td>
                <td className="px-2 py-1">
                  <Code text={event.initiatingProcessCommandLine} />
                </td>
                <td className="whitespace-nowrap px-2 py-1">
                  <Plain text={event.initiatingProcessParentFileName} />
                </td>
                <td className="whitespace-nowrap px-2 py-1">
                  <Plain text={event.account} />
                </td>
                <td className="px-1 py-0.5">
                  {event.sha256 ? (
                    <CopyableId value={event.sha256} label="SHA256" />
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-2 py-1 text-right font-mono text-[11px] tabular-nums">
                  {String(event.reportId)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
