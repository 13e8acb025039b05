// The audit log page: every change to verdicts and exclusions, newest first, filtered by hunt, kind of change
// and UTC days held in the URL, a page of entries at a time.
'use client';
import { useSearchParams } from 'next/navigation';
import { useQueryStates } from 'nuqs';
import { useCallback, useMemo, useState } from 'react';
import { ViewNotices } from '@/components/devices/view-notices';
import { useHunts } from '@/components/hunts/use-hunts';
import { Button } from '@/components/ui/button';
import { formatCount, plural } from '@/components/ui/format';
import { useNow } from '@/components/ui/use-now';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { type AuditViewParams, auditFilterOf, auditViewParsers, checkAuditView } from './audit-view-params';
import { useAuditLog } from './use-audit-log';

const DROPPED: Record<string, string> = {
  entity: 'The link named a kind of change the audit log does not have; showing every kind.',
  from: 'The link’s first day is not a calendar day (YYYY-MM-DD); showing from the start.',
  to: 'The link’s last day is not a calendar day on or after the first; showing up to now.',
  hunt: 'The link’s hunt id is too long to be a hunt; showing every hunt.',
};

export function AuditView() {
  const [values, setValues] = useQueryStates(auditViewParsers, { history: 'push' });
  const search = useSearchParams();
  const { params, dropped } = useMemo(() => checkAuditView(values, search), [values, search]);
  const [dismissed, setDismissed] = useState(false);
  const { hunts } = useHunts();
  const log = useAuditLog(auditFilterOf(params));
  const now = useNow(30_000);

  const names = useMemo(() => new Map((hunts ?? []).map((h) => [h.id, h.name])), [hunts]);
  const huntName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const change = useCallback(
    (patch: Partial<AuditViewParams>) => {
      // Every filter is written, so what the notices named as dropped leaves the address too.
      void setValues({ ...params, ...patch });
    },
    [setValues, params],
  );

  const count = log.entries?.length ?? 0;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="shrink-0 space-y-2 border-line border-b bg-surface px-3 py-2">
        <div>
          <h1 className="text-[15px]">Audit log</h1>
          <p className="text-[12px] text-muted">
            Every change to verdicts, exclusions and tool approvals, who made it and why; newest first, times
            in UTC.
          </p>
        </div>
        <AuditFilters params={params} hunts={hunts} onChange={change} />
      </div>
      {!dismissed ? (
        <ViewNotices
          notices={dropped.map((name) => DROPPED[name] ?? `The link’s ${name} was not understood.`)}
          onDismiss={() => setDismissed(true)}
        />
      ) : null}
      <div className="relative min-h-0 flex-1 overflow-auto" aria-busy={log.loading}>
        {log.entries === null && !log.error ? (
          <div role="status" className="space-y-2 p-3">
            <span className="sr-only">Loading the audit log…</span>
            {['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((bone) => (
              <span
                key={bone}
                aria-hidden="true"
                className="block h-5 w-full animate-pulse rounded bg-skeleton"
              />
            ))}
          </div>
        ) : null}
        {log.entries && log.entries.length === 0 ? (
          <div className="p-6 text-center">
            <p className="font-medium">No changes match these filters.</p>
            <p className="text-[12px] text-muted">
              Verdicts and exclusions appear here as soon as someone sets or changes one.
            </p>
          </div>
        ) : null}
        {log.entries && log.entries.length > 0 ? (
          <AuditTable entries={log.entries} huntName={huntName} now={now} />
        ) : null}
        {log.error ? (
          <div role="alert" className="m-3 flex items-start gap-2 rounded-md border border-danger/40 p-2">
            <p className="min-w-0 flex-1">
              <span className="font-medium text-danger">{log.error.title}.</span> {log.error.detail}
            </p>
            <Button onClick={log.retry}>Try again</Button>
          </div>
        ) : null}
        {log.entries && log.entries.length > 0 ? (
          <div className="flex items-center gap-3 px-3 py-2 text-[12px] text-muted">
            <span role="status">
              {formatCount(count)} {plural(count, 'change')} shown
              {log.more ? '' : ' — the whole log for these filters'}
            </span>
            {log.more ? (
              <Button onClick={log.loadMore} disabled={log.loading}>
                {log.loading ? 'Loading older changes…' : 'Older changes'}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
