// Reads the rows of the trend series queries (lib/kql/compose-series.ts) into plain typed values, whichever
// source answered: days as YYYY-MM-DD, times as ISO strings, counts as numbers.
import type { Cell, QueryResult } from '@/lib/sources/types';

export interface DailyRow {
  day: string;
  events: number;
  devices: number;
}

export interface NewDevicesRow {
  day: string;
  newDevices: number;
}

export interface DeviceDayRow {
  deviceId: string;
  deviceName: string;
  day: string;
  events: number;
  /** The day's first matched event, ISO 8601 UTC. */
  firstSeen: string;
}

export interface DeviceTotal {
  deviceId: string;
  deviceName: string;
  events: number;
}

/** A series query answered without the columns it asked for: the source or the hunt is broken. */
export class SeriesShapeError extends Error {
  override name = 'SeriesShapeError';
}

function cell(row: Record<string, Cell>, name: string): Cell {
  if (!(name in row)) throw new SeriesShapeError(`A trend series has no '${name}' column.`);
  return row[name] ?? null;
}

function time(row: Record<string, Cell>, name: string): Date {
  const v = cell(row, name);
  const date = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new SeriesShapeError(`The '${name}' column is not a datetime.`);
  return date;
}

function count(row: Record<string, Cell>, name: string): number {
  const v = cell(row, name);
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new SeriesShapeError(`The '${name}' column is not a number.`);
  return n;
}

function text(row: Record<string, Cell>, name: string): string {
  const v = cell(row, name);
  return v === null ? '' : String(v);
}

const day = (row: Record<string, Cell>, name: string) => time(row, name).toISOString().slice(0, 10);

const byDay = <T extends { day: string }>(rows: T[]) => rows.sort((a, b) => ordinal(a.day, b.day));

export function readDaily(result: QueryResult): DailyRow[] {
  return byDay(
    result.rows.map((row) => ({
      day: day(row, 'Day'),
      events: count(row, 'Events'),
      devices: count(row, 'Devices'),
    })),
  );
}

export function readNewDevices(result: QueryResult): NewDevicesRow[] {
  return byDay(result.rows.map((row) => ({ day: day(row, 'Day'), newDevices: count(row, 'NewDevices') })));
}

export function readDeviceDays(result: QueryResult): DeviceDayRow[] {
  return result.rows
    .map((row) => ({
      deviceId: text(row, 'DeviceId'),
      deviceName: text(row, 'DeviceName'),
      day: day(row, 'Day'),
      events: count(row, 'Events'),
      firstSeen: time(row, 'FirstSeen').toISOString(),
    }))
    .sort((a, b) => ordinal(a.day, b.day) || ordinal(a.deviceId, b.deviceId));
}

export function readTopDevices(result: QueryResult): DeviceTotal[] {
  // Sources keep the query's order; sorting again makes it independent of that.
  return result.rows
    .map((row) => ({
      deviceId: text(row, 'DeviceId'),
      deviceName: text(row, 'DeviceName'),
      events: count(row, 'Events'),
    }))
    .sort(byEventsThenId);
}

/** Ordinal string order, as Kusto's `sort by` and DuckDB's ORDER BY use for ids. */
export function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most events first; ties by device id, then name. */
export function byEventsThenId(a: DeviceTotal, b: DeviceTotal): number {
  return b.events - a.events || ordinal(a.deviceId, b.deviceId) || ordinal(a.deviceName, b.deviceName);
}
