// One typed shape for every cloud source's answer: Kusto type names normalised, values converted to cells
// (datetimes as Date, longs as bigint, dynamic arrays as arrays) and columns read case-insensitively, whether
// the service sends rows as objects (Graph) or as arrays (Log Analytics, Azure Data Explorer).
import type { Cell, QueryResult, ResultColumn } from '@/lib/sources/types';
import { parseJsonKeepingLongs } from './json-longs';

export type KustoType =
  | 'string'
  | 'long'
  | 'int'
  | 'real'
  | 'datetime'
  | 'timespan'
  | 'bool'
  | 'guid'
  | 'dynamic';

// Graph names columns with .NET types (DateTime, Int64, Object), Kusto with its own (datetime, long, dynamic).
const TYPE_NAMES: Record<string, KustoType> = {
  string: 'string',
  long: 'long',
  int64: 'long',
  int: 'int',
  int32: 'int',
  real: 'real',
  double: 'real',
  single: 'real',
  decimal: 'real',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  bool: 'bool',
  boolean: 'bool',
  sbyte: 'bool',
  guid: 'guid',
  uniqueid: 'guid',
  dynamic: 'dynamic',
  object: 'dynamic',
};

/** A service's type name as Kusto's; unknown names are read as dynamic, which keeps any JSON value. */
export function kustoType(name: unknown): KustoType {
  const key =
    typeof name === 'string'
      ? name
          .trim()
          .toLowerCase()
          .replace(/^system\./, '')
      : '';
  return TYPE_NAMES[key] ?? 'dynamic';
}

const INTEGER = /^-?\d+$/;

/** A JSON value from inside a dynamic: arrays stay arrays, property bags travel as their JSON text. */
function jsonCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(jsonCell);
  return JSON.stringify(value);
}

function dynamicCell(value: unknown): Cell {
  // Log Analytics (and some Graph answers) send dynamic values as JSON text.
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[') || text.startsWith('{')) {
      try {
        return jsonCell(parseJsonKeepingLongs(text));
      } catch {
        return value;
      }
    }
    return value;
  }
  return jsonCell(value);
}

function dateCell(value: unknown): Cell {
  if (typeof value !== 'string' && typeof value !== 'number') return jsonCell(value);
  if (value === '') return null;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(ms) ? String(value) : new Date(ms);
}

function longCell(value: unknown): Cell {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && INTEGER.test(value.trim())) return BigInt(value.trim());
  return jsonCell(value);
}

function numberCell(value: unknown): Cell {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (!Number.isNaN(n) || value === 'NaN') return n;
  }
  return jsonCell(value);
}

function boolCell(value: unknown): Cell {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return jsonCell(value);
}

/** One value as a cell of its column's type. */
export function toCell(value: unknown, type: KustoType): Cell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
      return dateCell(value);
    case 'long':
      return longCell(value);
    case 'int':
    case 'real':
      return numberCell(value);
    case 'bool':
      return boolCell(value);
    case 'dynamic':
      return dynamicCell(value);
    default:
      return typeof value === 'string' ? value : jsonCell(value);
  }
}

/** Reads `key` of a JSON object case-insensitively: the exact key first, then any casing of it. */
export function member(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  const record = object as Record<string, unknown>;
  if (key in record) return record[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(record)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Column definitions from a service's schema entries ({name, type} in any casing). */
export function columnsOf(schema: readonly unknown[]): ResultColumn[] {
  return schema.map((entry, i) => {
    const name = member(entry, 'name') ?? member(entry, 'ColumnName');
    const type = member(entry, 'type') ?? member(entry, 'ColumnType') ?? member(entry, 'DataType');
    return { name: typeof name === 'string' ? name : `Column${i + 1}`, type: kustoType(type) };
  });
}

/** Rows given as objects, keyed by column name in whatever casing the service chose. */
export function shapeObjectRows(columns: ResultColumn[], rows: readonly unknown[]): QueryResult['rows'] {
  const types = columns.map((c) => kustoType(c.type));
  return rows.map((row) => {
    const lowered = new Map<string, unknown>();
    if (typeof row === 'object' && row !== null) {
      for (const [k, v] of Object.entries(row)) lowered.set(k.toLowerCase(), v);
    }
    const out: Record<string, Cell> = {};
    columns.forEach((c, i) => {
      out[c.name] = toCell(lowered.get(c.name.toLowerCase()), types[i] ?? 'dynamic');
    });
    return out;
  });
}

/** Rows given as arrays, in column order. */
export function shapeArrayRows(columns: ResultColumn[], rows: readonly unknown[]): QueryResult['rows'] {
  const types = columns.map((c) => kustoType(c.type));
  return rows.map((row) => {
    const values = Array.isArray(row) ? row : [];
    const out: Record<string, Cell> = {};
    columns.forEach((c, i) => {
      out[c.name] = toCell(values[i], types[i] ?? 'dynamic');
    });
    return out;
  });
}
