// The frame of every Trends chart: a title that states the subject, range and source, a headline figure,
// a switch between the chart and its table, CSV export of the data, and the loading and empty states, all in
// a box of fixed height so nothing shifts when data arrives.
'use client';
import { createContext, type ReactNode, useContext, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { type ChartTable, tableCsv } from '@/lib/trends/chart-data';
import { ChartDataTable } from './chart-data-table';
import { CHART_HEIGHT } from './chart-theme';

// The chart's name for assistive technology: Recharts makes its keyboard-navigable surface an
// `application`, which must be named; each chart reads its card's caption from here.
const ChartLabelContext = createContext<string | undefined>(undefined);

/** The accessible name of the chart being drawn: its card's title, range and source. */
export function useChartLabel(): string | undefined {
  return useContext(ChartLabelContext);
}

export interface ChartCardProps {
  /** What the chart shows, e.g. "Events matched per day". */
  title: string;
  /** "last 30 days" and "embedded (demo data)": stated in the title. */
  range: string | null;
  source: string | null;
  /** The headline figure and what it counts, e.g. ["1,234", "events matched"]. */
  figure?: [string, string] | null;
  /** How the last whole week compares with the one before, e.g. "▲ 12% on the week before"; "" when unknown. */
  change?: string;
  /** The data behind the chart; null while loading. */
  table: ChartTable | null;
  csvFileName: string | null;
  /** Why there is nothing to draw; null when there is. */
  empty: string | null;
  loading: boolean;
  /** A newer answer is on its way: the chart is dimmed. */
  busy?: boolean;
  /** The chart itself, drawn when there is data and the table view is off. */
  children: ReactNode;
  className?: string;
  height?: number;
}

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ChartCard({
  title,
  range,
  source,
  figure,
  change = '',
  table,
  csvFileName,
  empty,
  loading,
  busy = false,
  children,
  className = '',
  height = CHART_HEIGHT,
}: ChartCardProps) {
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const context = [range, source].filter(Boolean).join(' · ');
  const caption = `${title}${context ? `, ${context}` : ''}`;
  const hasData = !loading && table !== null && empty === null;

  return (
    <section
      aria-labelledby={titleId}
      aria-busy={loading || busy}
      className={`flex min-w-0 flex-col rounded-md border border-line bg-surface ${className}`}
    >
      {/* The buttons move under the title when the card is too narrow for both, rather than over it. */}
      <header className="flex flex-wrap items-start gap-x-2 px-3 pt-2">
        <h2 id={titleId} className="min-w-0 flex-1 basis-40 text-[13px] leading-5">
          <span className="font-semibold">{title}</span>
          {context && <span className="block truncate text-[12px] text-muted">{context}</span>}
        </h2>
        <div className="-mr-1.5 ml-auto flex shrink-0 items-center gap-0.5">
          <Button
            variant="ghost"
            className="h-6 px-1.5 text-[12px]"
            aria-pressed={showTable}
            aria-controls={bodyId}
            disabled={!hasData}
            onClick={() => setShowTable((on) => !on)}
            title={showTable ? 'Show the chart' : 'Show the numbers as a table'}
          >
            Table
          </Button>
          <Button
            variant="ghost"
            className="h-6 px-1.5 text-[12px]"
            disabled={!hasData || !csvFileName}
            onClick={() => table && csvFileName && download(tableCsv(table), csvFileName)}
            title="Download this chart’s data as CSV"
          >
            CSV
            <span className="sr-only">: {title}</span>
          </Button>
        </div>
      </header>
      <p className="min-h-6 px-3 text-[12px] text-muted leading-6">
        {loading && !figure ? (
          <span
            aria-hidden="true"
            className="inline-block h-3 w-32 animate-pulse rounded bg-skeleton align-middle"
          />
        ) : figure ? (
          <>
            <span className="font-mono font-semibold text-[14px] text-fg tabular-nums">{figure[0]}</span>{' '}
            {figure[1]}
            {change ? <span className="ml-2 whitespace-nowrap text-fg">{change}</span> : null}
          </>
        ) : null}
      </p>
      <div
        id={bodyId}
        className={`relative px-1 pb-2 transition-opacity ${busy ? 'opacity-60' : ''}`}
        style={{ height }}
      >
        {loading && !table ? (
          <div aria-hidden="true" className="flex h-full items-end gap-1 px-3 pb-5">
            {Array.from({ length: 24 }, (_, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
                key={i}
                className="block flex-1 animate-pulse rounded-t bg-skeleton"
                style={{ height: `${20 + ((i * 37) % 60)}%` }}
              />
            ))}
          </div>
        ) : empty !== null ? (
          <div className="grid h-full place-items-center px-6 text-center text-muted">
            <p>{empty}</p>
          </div>
        ) : showTable && table ? (
          <ChartDataTable table={table} caption={caption} className="h-full overflow-auto" />
        ) : (
          <>
            {/* Focusable: arrow keys move the hover card from day to day (Recharts' accessibility layer). */}
            <figure aria-label={`Chart: ${caption}. The numbers follow as a table.`} className="m-0 h-full">
              <ChartLabelContext.Provider value={caption}>{children}</ChartLabelContext.Provider>
            </figure>
            {table && <ChartDataTable table={table} caption={caption} className="sr-only" />}
          </>
        )}
      </div>
    </section>
  );
}
