// Turns DuckDB results into the cells and Kusto column types the telemetry-source interface speaks.
import {
  type DuckDBArrayType,
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBIntervalValue,
  type DuckDBListType,
  type DuckDBListValue,
  type DuckDBMapType,
  type DuckDBMapValue,
  type DuckDBResultReader,
  type DuckDBStructType,
  type DuckDBStructValue,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampTZValue,
  type DuckDBTimestampValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Cell } from '@/lib/sources/types';

/** Kusto's scalar types, as Defender and Log Analytics name them in result schemas. */
export type KustoScalarType =
  | 'string'
  | 'long'
  | 'int'
  | 'real'
  | 'datetime'
  | 'timespan'
  | 'bool'
  | 'guid'
  | 'dynamic';

export interface EmbeddedColumn {
  name: string;
  /** DuckDB's name for the type, e.g. "TIMESTAMP", "BIGINT", "VARCHAR[]". */
  duckdbType: string;
  kustoType: KustoScalarType;
}

export interface EmbeddedResult {
  columns: EmbeddedColumn[];
  rows: Record<string, Cell>[];
}

export function kustoTypeOf(type: DuckDBType): KustoScalarType {
  if (type.alias === 'JSON') return 'dynamic';
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'bool';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return 'int';
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return 'long';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    // Kusto's 1.5 is a real; DuckDB types the same literal DECIMAL(2,1).
    case DuckDBTypeId.DECIMAL:
      return 'real';
    case DuckDBTypeId.DATE:
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'datetime';
    case DuckDBTypeId.INTERVAL:
      return 'timespan';
    case DuckDBTypeId.UUID:
      return 'guid';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
      return 'dynamic';
    default:
      return 'string';
  }
}

const MICROS_PER_DAY = 86_400_000_000n;

/** Kusto's timespan text, [-][d.]hh:mm:ss[.fffffff], which is how Kusto serialises timespans in JSON. */
export function formatTimespan(interval: DuckDBIntervalValue): string {
  // Kusto has no months; DuckDB only produces them from month arithmetic, read here as 30 days.
  let micros = BigInt(interval.months * 30 + interval.days) * MICROS_PER_DAY + interval.micros;
  const negative = micros < 0n;
  if (negative) micros = -micros;
  const days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  const hours = rest / 3_600_000_000n;
  rest %= 3_600_000_000n;
  const minutes = rest / 60_000_000n;
  rest %= 60_000_000n;
  const seconds = rest / 1_000_000n;
  const fraction = rest % 1_000_000n;
  const pad = (n: bigint) => n.toString().padStart(2, '0');
  const head = `${negative ? '-' : ''}${days > 0n ? `${days}.` : ''}${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return fraction > 0n ? `${head}.${fraction.toString().padStart(6, '0')}0` : head;
}

function dateFromMillis(millis: bigint): Date | null {
  const ms = Number(millis);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms) : null;
}

function jsonCell(value: unknown): Cell {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  if (Array.isArray(value)) return value.map(jsonCell);
  // Cells have no object form: property bags travel as their JSON text.
  return JSON.stringify(value);
}

function plain(value: DuckDBValue, type: DuckDBType): unknown {
  const cell = toCell(value, type);
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'bigint') return Number.isSafeInteger(Number(cell)) ? Number(cell) : cell.toString();
  return cell;
}

/** One DuckDB value as a cell: datetimes as Date, longs as bigint, lists as arrays, property bags as JSON text. */
export function toCell(value: DuckDBValue, type: DuckDBType): Cell {
  if (value === null) return null;
  if (type.alias === 'JSON' && typeof value === 'string') {
    try {
      return jsonCell(JSON.parse(value));
    } catch {
      return value;
    }
  }
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.VARCHAR:
      return value as boolean | number | string;
    case DuckDBTypeId.UINTEGER:
      return BigInt(value as number);
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return value as bigint;
    case DuckDBTypeId.DECIMAL:
      return (value as DuckDBDecimalValue).toDouble();
    case DuckDBTypeId.DATE:
      return dateFromMillis(BigInt((value as DuckDBDateValue).days) * 86_400_000n);
    case DuckDBTypeId.TIMESTAMP:
      return dateFromMillis((value as DuckDBTimestampValue).micros / 1000n);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return dateFromMillis((value as DuckDBTimestampTZValue).micros / 1000n);
    case DuckDBTypeId.TIMESTAMP_S:
      return dateFromMillis((value as DuckDBTimestampSecondsValue).seconds * 1000n);
    case DuckDBTypeId.TIMESTAMP_MS:
      return dateFromMillis((value as DuckDBTimestampMillisecondsValue).millis);
    case DuckDBTypeId.TIMESTAMP_NS:
      return dateFromMillis((value as DuckDBTimestampNanosecondsValue).nanos / 1_000_000n);
    case DuckDBTypeId.INTERVAL:
      return formatTimespan(value as DuckDBIntervalValue);
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const valueType = (type as DuckDBListType | DuckDBArrayType).valueType;
      return (value as DuckDBListValue).items.map((item) => toCell(item, valueType));
    }
    case DuckDBTypeId.STRUCT: {
      const struct = type as DuckDBStructType;
      const entries = (value as DuckDBStructValue).entries;
      const out: Record<string, unknown> = {};
      struct.entryNames.forEach((name, i) => {
        const entryType = struct.entryTypes[i];
        out[name] = entryType ? plain(entries[name] ?? null, entryType) : null;
      });
      return JSON.stringify(out);
    }
    case DuckDBTypeId.MAP: {
      const map = type as DuckDBMapType;
      const out: Record<string, unknown> = {};
      for (const entry of (value as DuckDBMapValue).entries) {
        out[String(plain(entry.key, map.keyType))] = plain(entry.value, map.valueType);
      }
      return JSON.stringify(out);
    }
    default:
      return String(value);
  }
}

/** Reads every row of a finished result, keeping DuckDB's column types beside their Kusto names. */
export function readResult(reader: DuckDBResultReader): EmbeddedResult {
  const names = reader.deduplicatedColumnNames();
  const types = reader.columnTypes();
  const columns = names.map((name, i) => {
    const type = types[i] as DuckDBType;
    return { name, duckdbType: type.alias ?? type.toString(), kustoType: kustoTypeOf(type) };
  });
  const rows: Record<string, Cell>[] = [];
  for (const values of reader.getRows()) {
    const row: Record<string, Cell> = {};
    values.forEach((value, i) => {
      row[names[i] as string] = toCell(value, types[i] as DuckDBType);
    });
    rows.push(row);
  }
  return { columns, rows };
}
