// Loads exported DeviceProcessEvents files (CSV, JSON lines, Parquet) into DuckDB, refusing files with
// missing columns or values of the wrong type instead of silently turning them into NULLs.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import type { ColumnDef } from '@/lib/tables/types';
import { quoteIdent, sqlString } from './schema';

export type TelemetryFileFormat = 'csv' | 'jsonl' | 'json' | 'parquet';

const FORMAT_BY_EXTENSION: Record<string, TelemetryFileFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  // A .json export is either one array of records or one record per line; DuckDB tells them apart.
  '.json': 'json',
  '.parquet': 'parquet',
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

export function fileFormatOf(file: string): TelemetryFileFormat | undefined {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
}

export interface BadColumn {
  column: string;
  /** The Kusto type the column must have. */
  expected: ColumnDef['type'];
  /** One offending value, as text. */
  sample: string;
  /** How many values in the file are wrong. */
  count: number;
}

export interface TelemetryFileProblem {
  file: string;
  missingColumns: string[];
  badColumns: BadColumn[];
  /** Set when the file could not be read at all. */
  unreadable?: string;
}

const EXPECTED_FORMAT: Record<ColumnDef['type'], string> = {
  string: 'string',
  long: 'long (a whole number)',
  int: 'int (a whole number)',
  bool: 'bool (true or false)',
  datetime: 'datetime (ISO 8601, e.g. 2026-11-28T10:15:00Z)',
  dynamic: 'dynamic (JSON)',
};

function describeProblem(p: TelemetryFileProblem): string {
  if (p.unreadable) return `${p.file}: ${p.unreadable}`;
  const parts: string[] = [];
  if (p.missingColumns.length > 0) {
    parts.push(`missing column${p.missingColumns.length > 1 ? 's' : ''} ${p.missingColumns.join(', ')}`);
  }
  for (const b of p.badColumns) {
    parts.push(
      `column ${b.column} must be ${EXPECTED_FORMAT[b.expected]} but has ${b.count} value${b.count > 1 ? 's' : ''} that ${b.count > 1 ? 'are' : 'is'} not, e.g. ${JSON.stringify(b.sample)}`,
    );
  }
  return `${p.file}: ${parts.join('; ')}`;
}

/** One or more files cannot be used; `problems` says which and why, per file. */
export class TelemetryFileError extends Error {
  override name = 'TelemetryFileError';
  constructor(readonly problems: readonly TelemetryFileProblem[]) {
    super(`Cannot load the telemetry files:\n  ${problems.map(describeProblem).join('\n  ')}`);
  }
}

/** Portal CSV exports label time columns "Timestamp [UTC]"; the suffix is not part of the column's name. */
function canonicalName(name: string): string {
  return name
    .replace(/\s*\[UTC\]$/i, '')
    .trim()
    .toLowerCase();
}

interface Source {
  /** A FROM clause. */
  relation: string;
  /** Lower-cased canonical name -> SQL expression for the raw value. */
  columns: Map<string, { expression: string; duckdbType: string }>;
}

const TEXT = 'VARCHAR';

async function describeColumns(connection: DuckDBConnection, relation: string): Promise<[string, string][]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  return reader.getRowsJS().map((row) => [String(row[0]), String(row[1])]);
}

async function openSource(
  connection: DuckDBConnection,
  file: string,
  format: TelemetryFileFormat,
): Promise<Source> {
  const literal = sqlString(file);
  if (format === 'json' || format === 'jsonl') {
    const objects = `read_json_objects(${literal}, format = '${format === 'jsonl' ? 'newline_delimited' : 'auto'}')`;
    // Keys, not a sampled schema: a column present in only some records still counts as present.
    const keysReader = await connection.runAndReadAll(
      `SELECT DISTINCT unnest(json_keys(json)) AS k FROM ${objects} WHERE json_type(json) = 'OBJECT'`,
    );
    const keys = keysReader
      .getRowsJS()
      .map((r) => String(r[0]))
      .sort();
    const columns = new Map<string, { expression: string; duckdbType: string }>();
    const paths: string[] = [];
    for (const key of keys) {
      const canonical = canonicalName(key);
      if (columns.has(canonical)) continue;
      paths.push(sqlString(`$.${JSON.stringify(key)}`));
      columns.set(canonical, { expression: `v[${paths.length}]`, duckdbType: TEXT });
    }
    // One JSON parse per record for all columns: json_extract_string with a list of paths.
    const relation =
      paths.length > 0
        ? `(SELECT json_extract_string(json, [${paths.join(', ')}]) AS v FROM ${objects})`
        : `(SELECT NULL::VARCHAR[] AS v FROM ${objects})`;
    return { relation, columns };
  }
  const relation =
    format === 'csv'
      ? `read_csv(${literal}, header = true, all_varchar = true, auto_detect = true)`
      : `read_parquet(${literal})`;
  const columns = new Map<string, { expression: string; duckdbType: string }>();
  for (const [name, duckdbType] of await describeColumns(connection, relation)) {
    const canonical = canonicalName(name);
    if (!columns.has(canonical)) columns.set(canonical, { expression: quoteIdent(name), duckdbType });
  }
  return { relation, columns };
}

const INTEGER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
]);
const TIMESTAMP_TYPES = new Set([
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
  'TIMESTAMP_NS',
  'TIMESTAMP WITH TIME ZONE',
]);
const isNested = (type: string) => /[[\]]|^STRUCT|^MAP|^UNION|^JSON$/.test(type);
const isFractional = (type: string) => /^(FLOAT|DOUBLE|DECIMAL)/.test(type);

/** US-style portal exports ("11/28/2026, 10:15:00.123 AM"), read as UTC like the rest. */
const PORTAL_TIME_FORMATS = "['%m/%d/%Y, %I:%M:%S.%g %p', '%m/%d/%Y, %I:%M:%S %p', '%m/%d/%Y %I:%M:%S %p']";

/**
 * The SQL that turns a raw value into the column's type, and the condition under which a present value
 * failed to convert. Text is converted with TRY_CAST and checked, so that nothing bad becomes NULL unseen.
 */
function conversion(column: ColumnDef, raw: string, duckdbType: string): { value: string; bad: string } {
  const text = `trim(${raw})`;
  const present = duckdbType === TEXT ? `(${raw} IS NOT NULL AND ${text} <> '')` : `(${raw} IS NOT NULL)`;
  let value: string;
  switch (column.type) {
    case 'string':
      value = isNested(duckdbType)
        ? `coalesce(to_json(${raw})::VARCHAR, '')`
        : `coalesce(CAST(${raw} AS VARCHAR), '')`;
      return { value, bad: 'false' };
    case 'long':
    case 'int':
      if (INTEGER_TYPES.has(duckdbType)) value = `TRY_CAST(${raw} AS BIGINT)`;
      else if (isFractional(duckdbType))
        value = `CASE WHEN ${raw} = trunc(${raw}) THEN TRY_CAST(${raw} AS BIGINT) END`;
      else if (duckdbType === TEXT) {
        // TRY_CAST alone would round '1.5' to 2 and accept '1e3'.
        value = `CASE WHEN regexp_full_match(${text}, '[+-]?[0-9]+(\\.0*)?') THEN TRY_CAST(regexp_replace(${text}, '\\.0*$', '') AS BIGINT) END`;
      } else value = 'NULL::BIGINT';
      break;
    case 'datetime':
      if (TIMESTAMP_TYPES.has(duckdbType)) value = `CAST(${raw} AS TIMESTAMP)`;
      else if (duckdbType === TEXT) {
        // Through TIMESTAMPTZ so that offsets and 'Z' are honoured; the session time zone is UTC.
        value = `CASE WHEN ${present} THEN coalesce(TRY_CAST(TRY_CAST(${text} AS TIMESTAMPTZ) AS TIMESTAMP), TRY_STRPTIME(${text}, ${PORTAL_TIME_FORMATS})) END`;
      } else value = 'NULL::TIMESTAMP';
      break;
    case 'bool':
      if (duckdbType === 'BOOLEAN') value = raw;
      else if (duckdbType === TEXT)
        value = `CASE lower(${text}) WHEN 'true' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN '0' THEN false END`;
      else if (INTEGER_TYPES.has(duckdbType)) value = `CASE ${raw} WHEN 1 THEN true WHEN 0 THEN false END`;
      else value = 'NULL::BOOLEAN';
      break;
    case 'dynamic':
      value =
        duckdbType === TEXT ? `CASE WHEN ${present} THEN TRY_CAST(${text} AS JSON) END` : `to_json(${raw})`;
      break;
  }
  return { value, bad: `(${present} AND (${value}) IS NULL)` };
}

interface PreparedFile {
  file: string;
  source: Source;
  select: string;
}

async function prepareFile(
  connection: DuckDBConnection,
  file: string,
): Promise<PreparedFile | TelemetryFileProblem> {
  const problem = (unreadable: string): TelemetryFileProblem => ({
    file,
    missingColumns: [],
    badColumns: [],
    unreadable,
  });
  const format = fileFormatOf(file);
  if (!format) {
    return problem(`unsupported file type; use one of ${SUPPORTED_EXTENSIONS.join(', ')}`);
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) return problem('not a file');
  } catch {
    return problem('file not found');
  }
  let source: Source;
  try {
    source = await openSource(connection, file, format);
  } catch (error) {
    return problem(`cannot be read as ${format.toUpperCase()}: ${firstLine(error)}`);
  }

  const missingColumns = deviceProcessEvents.columns
    .filter((c) => !source.columns.has(c.name.toLowerCase()))
    .map((c) => c.name);
  if (missingColumns.length > 0) return { file, missingColumns, badColumns: [] };

  const conversions = deviceProcessEvents.columns.map((column) => {
    const raw = source.columns.get(column.name.toLowerCase());
    if (!raw) throw new Error(`column ${column.name} vanished`);
    return { column, raw, ...conversion(column, raw.expression, raw.duckdbType) };
  });
  const checked = conversions.filter((c) => c.bad !== 'false');
  const checks = checked.flatMap((c) => [
    `count(*) FILTER (WHERE ${c.bad})`,
    `min(CAST(${c.raw.expression} AS VARCHAR)) FILTER (WHERE ${c.bad})`,
  ]);
  try {
    if (checks.length > 0) {
      const reader = await connection.runAndReadAll(`SELECT ${checks.join(', ')} FROM ${source.relation}`);
      const row = reader.getRowsJS()[0] ?? [];
      const badColumns: BadColumn[] = [];
      checked.forEach((c, i) => {
        const count = Number(row[i * 2] ?? 0);
        if (count > 0) {
          badColumns.push({
            column: c.column.name,
            expected: c.column.type,
            sample: String(row[i * 2 + 1]),
            count,
          });
        }
      });
      if (badColumns.length > 0) return { file, missingColumns: [], badColumns };
    }
  } catch (error) {
    return problem(`cannot be read as ${format.toUpperCase()}: ${firstLine(error)}`);
  }
  const select = `SELECT ${conversions.map((c) => `${c.value} AS ${quoteIdent(c.column.name)}`).join(', ')} FROM ${source.relation}`;
  return { file, source, select };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}

export interface LoadedFile {
  file: string;
  rows: number;
}

/**
 * Appends every file's rows to DeviceProcessEvents (which must exist). All files are checked before any is
 * loaded, and every problem in every file is reported at once, so one round of fixes is enough.
 */
export async function loadTelemetryFiles(
  connection: DuckDBConnection,
  files: readonly string[],
): Promise<LoadedFile[]> {
  if (files.length === 0) {
    throw new TelemetryFileError([
      {
        file: '(none)',
        missingColumns: [],
        badColumns: [],
        unreadable: 'no files given; pass .csv, .jsonl or .parquet exports',
      },
    ]);
  }
  // TIMESTAMPTZ values and offsets convert to UTC only when the session says UTC.
  await connection.run("SET TimeZone = 'UTC'");
  const prepared: PreparedFile[] = [];
  const problems: TelemetryFileProblem[] = [];
  for (const file of files) {
    const result = await prepareFile(connection, file);
    if ('select' in result) prepared.push(result);
    else problems.push(result);
  }
  if (problems.length > 0) throw new TelemetryFileError(problems);

  const loaded: LoadedFile[] = [];
  for (const p of prepared) {
    const result = await connection.run(`INSERT INTO ${quoteIdent(deviceProcessEvents.name)} ${p.select}`);
    loaded.push({ file: p.file, rows: result.rowsChanged });
  }
  return loaded;
}
