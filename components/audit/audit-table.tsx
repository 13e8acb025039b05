// The audit entries as a table, newest first: when (UTC with a relative hint), who, which hunt, what changed
// and why. A plain table: one tab stop per control, none per cell.
'use client';
import { formatRelative, formatUtc, formatUtcExact } from '@/components/ui/format';
import type { AuditEntry } from '@/lib/triage/types';
import { describeAuditEntry } from './audit-entry-text';

const KIND: Record<AuditEntry['entity'], string> = {
  verdict: 'Verdict',
  exclusion: 'Exclusion',
  approval: 'Tool approval',
};

export function AuditTable({
  entries,
  huntName,
  now,
}: {
  entries: readonly AuditEntry[];
  huntName: (id: string) => string;
  now: number;
}) {
  return (
    <table className="w-full border-collapse text-[13px]">
      <caption className="sr-only">Audit log, newest first; times in UTC</caption>
      <thead className="sticky top-0 bg-surface text-left text-[12px] text-muted">
        <tr className="border-line border-b">
          <th scope="col" className="px-3 py-1.5 font-medium">
            When (UTC)
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Who
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Hunt
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Subject
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Change
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Reason
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const { subject, change } = describeAuditEntry(entry);
          return (
            <tr key={entry.id} className="border-line border-b align-top hover:bg-surface-2">
              <td className="whitespace-nowrap px-3 py-1.5">
                <time dateTime={entry.at} title={formatUtcExact(entry.at)} className="tabular-nums">
                  {formatUtc(entry.at)}
                </time>
                <span className="block text-[12px] text-muted">
                  {formatRelative(Date.parse(entry.at), now)}
                </span>
              </td>
              <td className="px-3 py-1.5">{entry.actor.name}</td>
              <td className="max-w-56 px-3 py-1.5 break-words">
                {entry.huntId ? huntName(entry.huntId) : <span className="text-muted">every hunt</span>}
              </td>
              <td className="max-w-80 px-3 py-1.5">
                <span className="text-[12px] text-muted">{KIND[entry.entity]}</span>
                <span className="block break-words font-mono text-[12px]">{subject}</span>
              </td>
              <td className="whitespace-nowrap px-3 py-1.5">{change}</td>
              <td className="max-w-80 px-3 py-1.5 break-words">
                {entry.reason ?? <span className="text-muted">—</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
