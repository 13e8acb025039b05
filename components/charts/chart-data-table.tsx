// A chart's numbers as a table: shown instead of the chart on request, and always present for screen
// readers; the same rows the CSV export writes.
import { formatCount } from '@/components/ui/format';
import type { ChartTable } from '@/lib/trends/chart-data';

export function ChartDataTable({
  table,
  caption,
  className = '',
}: {
  table: ChartTable;
  caption: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <table className="w-full border-collapse text-[12px]">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-surface-2">
          <tr>
            {table.columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={`whitespace-nowrap border-line border-b px-2 py-1 font-medium text-muted ${column.numeric ? 'text-right' : 'text-left'}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are days or ranks, in a fixed order.
            <tr key={index} className="border-line/60 border-b last:border-b-0">
              {table.columns.map((column, i) => {
                const value = row[column.key];
                const text =
                  value === null || value === undefined
                    ? '—'
                    : typeof value === 'number'
                      ? Number.isInteger(value)
                        ? formatCount(value)
                        : value.toFixed(1)
                      : value;
                const Cell = i === 0 ? 'th' : 'td';
                return (
                  <Cell
                    key={column.key}
                    scope={i === 0 ? 'row' : undefined}
                    className={`whitespace-nowrap px-2 py-0.5 font-normal ${column.numeric ? 'text-right font-mono tabular-nums' : 'text-left'}`}
                  >
                    {text}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
