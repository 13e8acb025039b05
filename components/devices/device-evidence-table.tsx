// The events behind a device's row, newest first, in the evidence columns of the hunt's main table (lib/tables/):
// when, and what a triager decides from (for process events: what ran and what started it, as whom, its hash;
// for network events: where it connected and which process; for file signers: signer, issuer, trust).
'use client';
import { CopyableId } from '@/components/ui/copyable-id';
import { formatRelative, formatUtcExact, formatUtcMinute } from '@/components/ui/format';
import type { EvidenceCell, EvidenceColumn, EvidenceEvent } from '@/lib/hunts/device-evidence-result';

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

const text = (value: EvidenceCell | undefined): string =>
  value === null || value === undefined ? '' : String(value);

const isHash = (name: string) => /(SHA1|SHA256|MD5)$/.test(name);
const isLongText = (name: string) => /(CommandLine|AdditionalFields|CrlDistributionPointUrls)$/.test(name);
const isNumeric = (column: EvidenceColumn) => column.type === 'long' || column.type === 'int';

function header(column: EvidenceColumn): string {
  return column.name === 'Timestamp' ? 'Time (UTC)' : column.name;
}

function Cell({
  column,
  value,
  referenceMs,
}: {
  column: EvidenceColumn;
  value: EvidenceCell | undefined;
  referenceMs: number;
}) {
  if (column.type === 'datetime' && typeof value === 'string' && value) {
    const ms = Date.parse(value);
    return (
      <td className="whitespace-nowrap px-2 py-1 tabular-nums">
        <time dateTime={value} title={formatUtcExact(ms)}>
          {formatUtcMinute(ms)}
        </time>
        {column.name === 'Timestamp' && (
          <span className="block text-[11px] text-muted">{formatRelative(ms, referenceMs)}</span>
        )}
      </td>
    );
  }
  if (isNumeric(column))
    return (
      <td className="whitespace-nowrap px-2 py-1 text-right font-mono text-[11px] tabular-nums">
        {value === null || value === undefined ? <span className="text-muted">—</span> : String(value)}
      </td>
    );
  if (column.type === 'bool')
    return (
      <td className="whitespace-nowrap px-2 py-1">
        <Plain text={value === true ? 'yes' : value === false ? 'no' : ''} />
      </td>
    );
  if (isHash(column.name))
    return (
      <td className="px-1 py-0.5">
        {text(value) ? (
          <CopyableId value={text(value)} label={column.name} />
        ) : (
          <span className="text-muted">—</span>
        )}
      </td>
    );
  if (isLongText(column.name))
    return (
      <td className="px-2 py-1">
        <Code text={text(value)} />
      </td>
    );
  return (
    <td className="max-w-56 whitespace-nowrap px-2 py-1 break-all">
      <Plain text={text(value)} />
    </td>
  );
}

export function DeviceEvidenceTable({
  columns,
  events,
  referenceMs,
  label,
}: {
  /** The hunt's main table's evidence columns, in order. */
  columns: readonly EvidenceColumn[];
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
            {columns.map((column) => (
              <th
                key={column.name}
                scope="col"
                className={`whitespace-nowrap border-line border-b px-2 py-1 font-medium ${isNumeric(column) ? 'text-right' : ''}`}
              >
                {header(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr
              key={`${text(event.ReportId)}|${text(event.Timestamp)}`}
              className="border-line/60 border-b align-top last:border-b-0"
            >
              {columns.map((column) => (
                <Cell
                  key={column.name}
                  column={column}
                  value={event[column.name]}
                  referenceMs={referenceMs}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
