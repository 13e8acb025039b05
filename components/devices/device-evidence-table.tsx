// The events behind a device's row, newest first, in the evidence columns of the hunt's main table (lib/tables/),
// laid out by evidence-layout.ts: when, each event's process chain (grandparent → parent → process), the parent's
// command line and the account, then what else a triager decides from (file, folder, hash; for network events
// where it connected; for file signers: signer, issuer, trust).
'use client';
import { CopyableId } from '@/components/ui/copyable-id';
import { formatRelative, formatUtcExact, formatUtcMinute } from '@/components/ui/format';
import type { EvidenceCell, EvidenceColumn, EvidenceEvent } from '@/lib/hunts/device-evidence-result';
import { accountOf, chainOf, type EvidenceDisplayColumn } from './evidence-layout';

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

/** grandparent → parent → process, the images in monospace, each step named on hover. */
function ChainCell({
  event,
  columns,
  steps,
}: {
  event: EvidenceEvent;
  columns: readonly string[];
  steps: readonly string[];
}) {
  const chain = chainOf(event, columns);
  if (chain.length === 0)
    return (
      <td className="px-2 py-1">
        <span className="text-muted">—</span>
      </td>
    );
  return (
    <td className="px-2 py-1">
      <span className="inline-flex flex-wrap items-baseline gap-x-1 font-mono text-[11px]">
        {chain.map(({ step, image }, index) => (
          <span key={step} className="inline-flex items-baseline gap-1">
            {index > 0 && <span className="text-muted">→</span>}
            <span
              title={`${steps[step] ?? ''}: ${columns[step] ?? ''}`}
              data-step={steps[step]}
              className={`break-all ${index === chain.length - 1 ? 'font-semibold' : ''}`}
            >
              {image || '?'}
            </span>
          </span>
        ))}
      </span>
    </td>
  );
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
  layout,
  events,
  referenceMs,
  label,
}: {
  /** The panel's columns (evidence-layout.ts) over the hunt's main table's evidence columns. */
  layout: readonly EvidenceDisplayColumn[];
  events: readonly EvidenceEvent[];
  /** Relative hints are measured from the window's end. */
  referenceMs: number;
  label: string;
}) {
  return (
    <div className="relative overflow-x-auto rounded-md border border-line">
      <table aria-label={label} className="w-max min-w-full border-collapse text-[12px]">
        <thead className="bg-surface-2 text-left text-muted text-xs">
          <tr>
            {layout.map((column) => (
              <th
                key={column.key}
                scope="col"
                title={column.title === column.label ? undefined : column.title}
                className={`whitespace-nowrap border-line border-b px-2 py-1 font-medium ${column.kind === 'column' && isNumeric(column.column) ? 'text-right' : ''}`}
              >
                {column.label}
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
              {layout.map((column) =>
                column.kind === 'chain' ? (
                  <ChainCell key={column.key} event={event} columns={column.columns} steps={column.steps} />
                ) : column.kind === 'account' ? (
                  <td key={column.key} className="whitespace-nowrap px-2 py-1">
                    <Plain text={accountOf(event, column.domain, column.name)} />
                  </td>
                ) : (
                  <Cell
                    key={column.key}
                    column={column.column}
                    value={event[column.column.name]}
                    referenceMs={referenceMs}
                  />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
