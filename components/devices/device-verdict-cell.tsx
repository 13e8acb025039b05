// The devices table's verdict and selection cells: what each device counts as (a button that opens the
// verdict form, for triagers; a read-only badge for everyone else), and the row's selection checkbox.
'use client';
import type { Row, Table } from '@tanstack/react-table';
import { ReviewBadge } from '@/components/triage/verdict-badge';
import type { ReviewState } from '@/lib/triage/needs-review';

export function VerdictCell({
  state,
  deviceName,
  loaded,
  onEdit,
}: {
  state: ReviewState;
  deviceName: string;
  /** False while the verdicts are loading or could not be loaded. */
  loaded: boolean;
  /** Present for triagers. */
  onEdit?: () => void;
}) {
  if (!loaded) return <span className="text-muted">—</span>;
  if (!onEdit) return <ReviewBadge state={state} />;
  return (
    <button
      type="button"
      onClick={(event) => {
        event.stopPropagation();
        onEdit();
      }}
      onDoubleClick={(event) => event.stopPropagation()}
      aria-label={`Set the verdict of ${deviceName} (now ${state.verdict?.status ?? 'unreviewed'})`}
      title="Set verdict"
      className="-mx-1 flex min-w-0 items-center rounded px-1 py-0.5 hover:bg-surface-3"
    >
      <ReviewBadge state={state} />
    </button>
  );
}

export function SelectRowCell<TData>({ row, label }: { row: Row<TData>; label: string }) {
  return (
    <input
      type="checkbox"
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
      aria-label={`Select ${label}`}
      tabIndex={-1}
      className="size-3.5 cursor-pointer accent-accent"
    />
  );
}

/** Selects or clears every row the filters leave on screen. */
export function SelectShownHeader<TData>({ table }: { table: Table<TData> }) {
  const rows = table.getRowModel().rows;
  const selected = rows.filter((row) => row.getIsSelected()).length;
  return (
    <input
      type="checkbox"
      checked={rows.length > 0 && selected === rows.length}
      ref={(element) => {
        if (element) element.indeterminate = selected > 0 && selected < rows.length;
      }}
      onChange={(event) => {
        const on = event.target.checked;
        table.setRowSelection((current) => {
          const next = { ...current };
          for (const row of rows) {
            if (on) next[row.id] = true;
            else delete next[row.id];
          }
          return next;
        });
      }}
      aria-label="Select all shown devices"
      className="size-3.5 cursor-pointer accent-accent"
    />
  );
}
