// Reads the rows of the trend series queries (lib/kql/compose-series.ts) into plain typed values, whichever
// source answered: days as YYYY-MM-DD, times as ISO strings, counts as numbers; and derives the per-day, first
// sight and top-device series from the per-device-and-day rows, so that one source call answers them all.
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

/**
 * Matched events and distinct devices per day of `days`, as the `daily` query counts them; days without a
 * matched event have no row. Exact, where Kusto's `dcount` estimates beyond 1,000 devices a day.
 */
export function dailyFromDeviceDays(rows: readonly DeviceDayRow[], days: readonly string[]): DailyRow[] {
  const wanted = new Set(days);
  const perDay = new Map<string, { events: number; devices: Set<string> }>();
  for (const row of rows) {
    if (!wanted.has(row.day)) continue;
    const day = perDay.get(row.day) ?? { events: 0, devices: new Set<string>() };
    day.events += row.events;
    day.devices.add(row.deviceId);
    perDay.set(row.day, day);
  }
  return byDay([...perDay].map(([day, d]) => ({ day, events: d.events, devices: d.devices.size })));
}

/** Devices by the day of their first matched event in `rows`, as the `firstSeen` query counts them. */
export function newDevicesFromDeviceDays(rows: readonly DeviceDayRow[]): NewDevicesRow[] {
  const first = new Map<string, string>();
  for (const row of rows) {
    const known = first.get(row.deviceId);
    if (known === undefined || row.firstSeen < known) first.set(row.deviceId, row.firstSeen);
  }
  const perDay = new Map<string, number>();
  for (const iso of first.values()) {
    const day = iso.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return byDay([...perDay].map(([day, newDevices]) => ({ day, newDevices })));
}

/** The `top` devices (by id and name) with the most matched events over `days`, as `topDevices` ranks them. */
export function topFromDeviceDays(
  rows: readonly DeviceDayRow[],
  days: readonly string[],
  top: number,
): DeviceTotal[] {
  const wanted = new Set(days);
  const totals = new Map<string, DeviceTotal>();
  for (const row of rows) {
    if (!wanted.has(row.day)) continue;
    const key = `${row.deviceId}\u0000${row.deviceName}`;
    const known = totals.get(key);
    totals.set(key, {
      deviceId: row.deviceId,
      deviceName: row.deviceName,
      events: (known?.events ?? 0) + row.events,
    });
  }
  return [...totals.values()].sort(byEventsThenId).slice(0, top);
}

/** The rows of a per-day answer (a `Day` column) that fall on `days`: a window of exactly those days. */
export function rowsOfDays(result: QueryResult, days: readonly string[]): QueryResult {
  const wanted = new Set(days);
  return { ...result, rows: result.rows.filter((row) => wanted.has(day(row, 'Day'))) };
}

/** Ordinal string order, as Kusto's `sort by` and DuckDB's ORDER BY use for ids. */
export function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most events first; ties by device id, then name. */
export function byEventsThenId(a: DeviceTotal, b: DeviceTotal): number {
  return b.events - a.events || ordinal(a.deviceId, b.deviceId) || ordinal(a.deviceName, b.deviceName);
}
