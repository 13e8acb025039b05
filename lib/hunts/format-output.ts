// Renders hunt results for the command line: an aligned text table, JSON, or CSV.
import { toCsv } from '@/lib/csv';
import type { Cell, QueryResult } from '@/lib/sources/types';
import type { HuntRun } from './hunt-run';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const DEVICE_HEADER = ['DeviceId', 'DeviceName', 'FirstSeen', 'LastSeen', 'Count', 'Report'];

export function formatHuntRun(run: HuntRun, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(run, null, 2)}\n`;
  const rows = run.devices.map((d) => [
    d.deviceId,
    d.deviceName,
    d.firstSeen,
    d.lastSeen,
    d.count,
    d.reportIds.join(' '),
  ]);
  if (format === 'csv') return toCsv(DEVICE_HEADER, rows);
  const tableRows = run.devices.map((d) => [
    d.deviceName,
    d.deviceId,
    d.firstSeen,
    d.lastSeen,
    String(d.count),
    String(d.reportIds.length),
  ]);
  const summary =
    `${run.hunt.name}\n` +
    `window ${run.window.start} .. ${run.window.end} (${run.window.lookback}) · source ${run.source.label} · ` +
    `${run.rowCount} devices · ${run.elapsedMs} ms${run.truncated ? ' · TRUNCATED at the source row limit' : ''}\n\n`;
  return (
    summary +
    textTable(['DeviceName', 'DeviceId', 'FirstSeen', 'LastSeen', 'Count', 'Reports'], tableRows, [4, 5])
  );
}

export function formatQueryResult(result: QueryResult, format: OutputFormat): string {
  const header = result.columns.map((c) => c.name);
  const rows = result.rows.map((r) => header.map((h) => cellText(r[h] ?? null)));
  if (format === 'json') {
    const plain = result.rows.map((r) => Object.fromEntries(header.map((h) => [h, jsonCell(r[h] ?? null)])));
    return `${JSON.stringify({ columns: result.columns, rows: plain, truncated: result.truncated }, null, 2)}\n`;
  }
  if (format === 'csv') return toCsv(header, rows);
  const numeric = result.columns.flatMap((c, i) => (['long', 'int', 'real'].includes(c.type) ? [i] : []));
  return `${textTable(header, rows, numeric)}\n${result.rows.length} rows${result.truncated ? ' (truncated)' : ''}\n`;
}

function jsonCell(cell: Cell): unknown {
  if (typeof cell === 'bigint') return Number.isSafeInteger(Number(cell)) ? Number(cell) : cell.toString();
  if (cell instanceof Date) return cell.toISOString();
  if (Array.isArray(cell)) return cell.map(jsonCell);
  return cell;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  if (Array.isArray(cell)) return JSON.stringify(jsonCell(cell));
  return String(cell);
}

function textTable(
  header: readonly string[],
  rows: readonly string[][],
  rightAligned: readonly number[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}
