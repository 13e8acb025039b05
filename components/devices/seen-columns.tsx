// The first-seen and last-seen columns every table of devices has (a hunt's devices, a tool's devices): UTC
// times with a hint relative to the window's end, latest first on the first click.
'use client';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTableColumnHeader } from '@/components/data-table/data-table-column-header';
import { UtcTimeCell } from './device-cells';

const minuteTexts = new Map<number, string>();

/**
 * A time as its cell shows it ("2026-11-28 14:03 UTC"), for the text filter; '' when unknown. Rows share minutes,
 * so each minute's text is made once: formatting two times per row was most of the cost of reading 100,000 rows.
 */
function timeText(ms: number): string {
  if (Number.isNaN(ms)) return '';
  const minute = Math.floor(ms / 60_000);
  let text = minuteTexts.get(minute);
  if (text === undefined) {
    if (minuteTexts.size >= 200_000) minuteTexts.clear();
    text = `${new Date(minute * 60_000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    minuteTexts.set(minute, text);
  }
  return text;
}

interface SeenRow {
  /** Milliseconds since the epoch; NaN when unknown. */
  firstSeenMs: number;
  lastSeenMs: number;
}

/** Typed as the tables' other columns are, whose values are numbers or text. */
export type SeenColumn<Row extends SeenRow> = ColumnDef<Row, number | string> & {
  id: 'firstSeen' | 'lastSeen';
};

export function seenColumns<Row extends SeenRow>({
  windowEndMs,
  size,
  searchable,
}: {
  /** The end of the window, which the relative hints count back from. */
  windowEndMs: number;
  size: number;
  /** The text filter finds a row by its times as the cells show them. */
  searchable: boolean;
}): [SeenColumn<Row>, SeenColumn<Row>] {
  const column = (id: 'firstSeen' | 'lastSeen', label: string, ms: (row: Row) => number) =>
    ({
      id,
      accessorFn: ms,
      header: ({ column }) => <DataTableColumnHeader column={column} />,
      cell: ({ row }) => <UtcTimeCell ms={ms(row.original)} referenceMs={windowEndMs} />,
      size,
      sortingFn: 'basic',
      sortDescFirst: true,
      meta: { label, ...(searchable ? { filterText: (row: Row) => timeText(ms(row)) } : {}) },
    }) satisfies SeenColumn<Row>;
  return [
    column('firstSeen', 'First seen', (row) => row.firstSeenMs),
    column('lastSeen', 'Last seen', (row) => row.lastSeenMs),
  ];
}
