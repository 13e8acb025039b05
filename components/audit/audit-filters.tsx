// The audit page's filters: hunt, kind of change and a range of UTC days. Each change is one history entry.
'use client';
import { Button } from '@/components/ui/button';
import { ChevronDownIcon } from '@/components/ui/icons';
import type { HuntSummary } from '@/lib/hunts/hunt-run';
import type { AuditViewParams } from './audit-view-params';

const FIELD = 'h-7 rounded-md border border-line bg-surface px-2 hover:border-line-strong';

export function AuditFilters({
  params,
  hunts,
  onChange,
}: {
  params: AuditViewParams;
  hunts: readonly HuntSummary[] | null;
  onChange: (patch: Partial<AuditViewParams>) => void;
}) {
  const filtered = params.hunt || params.entity || params.from || params.to;
  const huntKnown = !params.hunt || !hunts || hunts.some((h) => h.id === params.hunt);
  return (
    <form
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-x-3 gap-y-2"
      onSubmit={(event) => event.preventDefault()}
    >
      <label className="flex flex-col gap-0.5">
        <span className="text-[12px] text-muted">Hunt</span>
        <span className="relative inline-flex items-center">
          <select
            value={params.hunt ?? ''}
            onChange={(event) => onChange({ hunt: event.target.value || null })}
            className={`${FIELD} w-64 appearance-none pr-7`}
          >
            <option value="">All hunts</option>
            {!huntKnown && params.hunt ? <option value={params.hunt}>{params.hunt}</option> : null}
            {(hunts ?? []).map((hunt) => (
              <option key={hunt.id} value={hunt.id}>
                {hunt.name}
              </option>
            ))}
          </select>
          <ChevronDownIcon size={12} className="pointer-events-none absolute right-2 text-muted" />
        </span>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-[12px] text-muted">Changes to</span>
        <span className="relative inline-flex items-center">
          <select
            value={params.entity ?? ''}
            onChange={(event) =>
              onChange({
                entity: event.target.value === '' ? null : (event.target.value as AuditViewParams['entity']),
              })
            }
            className={`${FIELD} w-40 appearance-none pr-7`}
          >
            <option value="">Everything</option>
            <option value="verdict">Verdicts</option>
            <option value="exclusion">Exclusions</option>
            <option value="approval">Tool approvals</option>
          </select>
          <ChevronDownIcon size={12} className="pointer-events-none absolute right-2 text-muted" />
        </span>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-[12px] text-muted">From (UTC day)</span>
        <input
          type="date"
          value={params.from ?? ''}
          max={params.to ?? undefined}
          onChange={(event) => onChange({ from: event.target.value || null })}
          className={FIELD}
        />
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-[12px] text-muted">To (UTC day)</span>
        <input
          type="date"
          value={params.to ?? ''}
          min={params.from ?? undefined}
          onChange={(event) => onChange({ to: event.target.value || null })}
          className={FIELD}
        />
      </label>
      {filtered ? (
        <Button variant="ghost" onClick={() => onChange({ hunt: null, entity: null, from: null, to: null })}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
