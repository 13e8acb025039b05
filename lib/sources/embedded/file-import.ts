// Exported Defender tables (CSV, JSON lines, Parquet) read in place: one DuckDB view per table over its
// files, so that a query scans only the columns it reads. A file's table comes from its name or its columns.
// A file needs only the columns a query reads; before the query runs, those are checked (present, every value
// of the column's type), so that a wrong value is refused with the file, column, type and a sample instead of
// silently becoming NULL. Each file's column is checked once.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnReads } from '@/lib/kql/columns-read';
import { SourceError } from '@/lib/sources/types';
import { type ColumnDef, type KustoType, TABLES, type TableDef } from '@/lib/tables/registry';
import { createTableSql, duckDbType, quoteIdent, sqlString } from './schema';

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
  expected: KustoType;
  /** One offending value, as text. */
  sample: string;
  /** How many values in the file are wrong. */
  count: number;
}

export interface TelemetryFileProblem {
  file: string;
  /** Columns the query reads that the file does not have. */
  missingColumns: string[];
  badColumns: BadColumn[];
  /** Set when the file cannot be used at all: unreadable, or holding no table Huntboard can tell. */
  unreadable?: string;
}

const EXPECTED_FORMAT: Record<KustoType, string> = {
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
    const many = p.missingColumns.length > 1;
    parts.push(`missing column${many ? 's' : ''} ${p.missingColumns.join(', ')}, which the query reads`);
  }
  for (const b of p.badColumns) {
    parts.push(
      `column ${b.column} must be ${EXPECTED_FORMAT[b.expected]} but has ${b.count} value${b.count > 1 ? 's' : ''} that ${b.count > 1 ? 'are' : 'is'} not, e.g. ${JSON.stringify(b.sample)}`,
    );
  }
  return `${p.file}: ${parts.join('; ')}`;
}

/**
 * One or more events files cannot serve a query; `problems` says which and why, per file. A SourceError: the
 * telemetry the source was given cannot answer, whoever asks.
 */
export class TelemetryFileError extends SourceError {
  override name = 'TelemetryFileError';
  constructor(readonly problems: readonly TelemetryFileProblem[]) {
    super(`Cannot use the events files:\n  ${problems.map(describeProblem).join('\n  ')}`);
  }
}

/** Portal CSV exports label time columns "Timestamp [UTC]"; the suffix is not part of the column's name. */
function canonicalName(name: string): string {
  return name
    .replace(/\s*\[UTC\]$/i, '')
    .trim()
    .toLowerCase();
}

interface RawColumn {
  /** SQL for the raw value. */
  expression: string;
  duckdbType: string;
}

interface Source {
  /** A FROM clause. */
  relation: string;
  /** Lower-cased canonical name -> the raw column. */
  columns: Map<string, RawColumn>;
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
  const columns = new Map<string, RawColumn>();
  if (format === 'json' || format === 'jsonl') {
    const jsonFormat = format === 'jsonl' ? 'newline_delimited' : 'auto';
    // Keys, not a sampled schema: a column present in only some records still counts as present.
    const keysReader = await connection.runAndReadAll(
      `SELECT DISTINCT unnest(json_keys(json)) AS k FROM read_json_objects(${literal}, format = '${jsonFormat}') WHERE json_type(json) = 'OBJECT'`,
    );
    const keys = keysReader
      .getRowsJS()
      .map((r) => String(r[0]))
      .sort();
    const declared: string[] = [];
    for (const key of keys) {
      const canonical = canonicalName(key);
      if (columns.has(canonical)) continue;
      declared.push(`${sqlString(key)}: 'VARCHAR'`);
      columns.set(canonical, { expression: quoteIdent(key), duckdbType: TEXT });
    }
    // Every value read as its JSON text (strings unquoted), typed below like CSV cells; DuckDB then parses only
    // the keys a query reads.
    const relation =
      declared.length > 0
        ? `read_json(${literal}, format = '${jsonFormat}', columns = {${declared.join(', ')}})`
        : `(SELECT json FROM read_json_objects(${literal}, format = '${jsonFormat}'))`;
    return { relation, columns };
  }
  const relation =
    format === 'csv'
      ? `read_csv(${literal}, header = true, all_varchar = true, auto_detect = true)`
      : `read_parquet(${literal})`;
  for (const [name, duckdbType] of await describeColumns(connection, relation)) {
    const canonical = canonicalName(name);
    if (!columns.has(canonical)) columns.set(canonical, { expression: quoteIdent(name), duckdbType });
  }
  return { relation, columns };
}

/** Integer types whose every value is a long, and those whose every value is also an int. */
const LONG_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER']);
const INT_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT']);
const WIDE_INTEGER_TYPES = new Set(['UINTEGER', 'BIGINT', 'HUGEINT', 'UBIGINT', 'UHUGEINT']);
const TIMESTAMP_TYPES = new Set([
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
  'TIMESTAMP_NS',
  'TIMESTAMP WITH TIME ZONE',
]);
const isInteger = (type: string) => LONG_TYPES.has(type) || WIDE_INTEGER_TYPES.has(type);
const isNested = (type: string) => /[[\]]|^STRUCT|^MAP|^UNION|^JSON$/.test(type);
const isFractional = (type: string) => /^(FLOAT|DOUBLE|DECIMAL)/.test(type);

/** US-style portal exports ("11/28/2026, 10:15:00.123 AM"), read as UTC like the rest. */
const PORTAL_TIME_FORMATS = "['%m/%d/%Y, %I:%M:%S.%g %p', '%m/%d/%Y, %I:%M:%S %p', '%m/%d/%Y %I:%M:%S %p']";

/** How a raw value becomes the column's type, and when a present value failed to ('false': never). */
interface Conversion {
  value: string;
  bad: string;
}

/**
 * The SQL that turns a raw value into the column's type. Text is converted with TRY_CAST and checked, so that
 * nothing bad becomes NULL unseen; a value already of the type is passed as it is, so that DuckDB can push
 * filters down into the file's scan.
 */
function conversion(column: ColumnDef, raw: string, duckdbType: string, textFile: boolean): Conversion {
  const target = duckDbType(column.type);
  // A text file cannot tell an empty string from a missing one; Kusto strings are never null.
  if (column.type === 'string' && textFile) return { value: `coalesce(${raw}, '')`, bad: 'false' };
  if (duckdbType === target) return { value: raw, bad: 'false' };
  const text = `trim(${raw})`;
  const present = duckdbType === TEXT ? `(${raw} IS NOT NULL AND ${text} <> '')` : `(${raw} IS NOT NULL)`;
  const checked = (value: string): Conversion => ({ value, bad: `(${present} AND (${value}) IS NULL)` });
  switch (column.type) {
    case 'string':
      return {
        value: isNested(duckdbType) ? `CAST(to_json(${raw}) AS VARCHAR)` : `CAST(${raw} AS VARCHAR)`,
        bad: 'false',
      };
    case 'long':
    case 'int': {
      const fits = column.type === 'int' ? INT_TYPES : LONG_TYPES;
      if (fits.has(duckdbType)) return { value: `CAST(${raw} AS ${target})`, bad: 'false' };
      if (isInteger(duckdbType)) return checked(`TRY_CAST(${raw} AS ${target})`);
      if (isFractional(duckdbType))
        return checked(`CASE WHEN ${raw} = trunc(${raw}) THEN TRY_CAST(${raw} AS ${target}) END`);
      if (duckdbType === TEXT) {
        // TRY_CAST alone would round '1.5' to 2 and accept '1e3'.
        return checked(
          `CASE WHEN regexp_full_match(${text}, '[+-]?[0-9]+(\\.0*)?') THEN TRY_CAST(regexp_replace(${text}, '\\.0*$', '') AS ${target}) END`,
        );
      }
      return checked(`CAST(NULL AS ${target})`);
    }
    case 'datetime':
      if (TIMESTAMP_TYPES.has(duckdbType)) return { value: `CAST(${raw} AS TIMESTAMP)`, bad: 'false' };
      if (duckdbType === TEXT) {
        // Through TIMESTAMPTZ so that offsets and 'Z' are honoured; the session time zone is UTC.
        return checked(
          `CASE WHEN ${present} THEN coalesce(TRY_CAST(TRY_CAST(${text} AS TIMESTAMPTZ) AS TIMESTAMP), TRY_STRPTIME(${text}, ${PORTAL_TIME_FORMATS})) END`,
        );
      }
      return checked('CAST(NULL AS TIMESTAMP)');
    case 'bool':
      if (duckdbType === TEXT)
        return checked(
          `CASE lower(${text}) WHEN 'true' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN '0' THEN false END`,
        );
      if (isInteger(duckdbType)) return checked(`CASE ${raw} WHEN 1 THEN true WHEN 0 THEN false END`);
      return checked('CAST(NULL AS BOOLEAN)');
    case 'dynamic':
      if (duckdbType === TEXT) return checked(`CASE WHEN ${present} THEN TRY_CAST(${text} AS JSON) END`);
      return { value: `to_json(${raw})`, bad: 'false' };
  }
}

/** The table a file's name names (`DeviceNetworkEvents.parquet`, `DeviceProcessEvents-2026-11.csv`), if one. */
export function tablesNamedBy(file: string, tables: readonly TableDef[] = TABLES): TableDef[] {
  const base = path.basename(file, path.extname(file)).toLowerCase();
  return tables.filter((t) => {
    const name = t.name.toLowerCase();
    for (let at = base.indexOf(name); at >= 0; at = base.indexOf(name, at + 1)) {
      const before = base[at - 1];
      const after = base[at + name.length];
      const edge = (ch: string | undefined) => ch === undefined || !/[a-z0-9]/.test(ch);
      if (edge(before) && edge(after)) return true;
    }
    return false;
  });
}

/** The tables whose columns a file's columns match best (most columns in common); several when tied. */
export function tablesMatchingColumns(
  columns: Iterable<string>,
  tables: readonly TableDef[] = TABLES,
): TableDef[] {
  const names = new Set([...columns].map(canonicalName));
  let best: TableDef[] = [];
  let bestCount = 0;
  for (const table of tables) {
    const count = table.columns.filter((c) => names.has(c.name.toLowerCase())).length;
    if (count > bestCount) {
      best = [table];
      bestCount = count;
    } else if (count === bestCount && count > 0) best.push(table);
  }
  return best;
}

const listOf = (names: readonly string[]) =>
  names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

function tableOf(file: string, source: Source, tables: readonly TableDef[]): TableDef | string {
  const rename = `name the file after its table, e.g. ${tables[0]?.name ?? 'DeviceProcessEvents'}${path.extname(file)} or ${tables[0]?.name ?? 'DeviceProcessEvents'}-2026-11${path.extname(file)}`;
  const named = tablesNamedBy(file, tables);
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) return `its name names ${listOf(named.map((t) => t.name))}; ${rename}`;
  const matching = tablesMatchingColumns(source.columns.keys(), tables);
  if (matching.length === 1 && matching[0]) return matching[0];
  if (matching.length > 1)
    return `its columns fit ${listOf(matching.map((t) => t.name))} equally well; ${rename}`;
  return `none of its columns is a column of ${listOf(tables.map((t) => t.name))}; ${rename}`;
}

interface AttachedSource {
  file: string;
  format: TelemetryFileFormat;
  table: TableDef;
  source: Source;
  /** Registry column name -> its conversion; absent when the file lacks the column. */
  conversions: Map<string, Conversion & { raw: RawColumn; column: ColumnDef }>;
  /** Columns checked so far: undefined when every value converts, else the problem found. */
  checked: Map<string, BadColumn | undefined>;
}

async function attachFile(
  connection: DuckDBConnection,
  file: string,
  tables: readonly TableDef[],
): Promise<AttachedSource | TelemetryFileProblem> {
  const problem = (unreadable: string): TelemetryFileProblem => ({
    file,
    missingColumns: [],
    badColumns: [],
    unreadable,
  });
  const format = fileFormatOf(file);
  if (!format) return problem(`unsupported file type; use one of ${SUPPORTED_EXTENSIONS.join(', ')}`);
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
  const table = tableOf(file, source, tables);
  if (typeof table === 'string') return problem(`cannot tell which table it holds: ${table}`);
  const conversions: AttachedSource['conversions'] = new Map();
  for (const column of table.columns) {
    const raw = source.columns.get(column.name.toLowerCase());
    if (raw)
      conversions.set(column.name, {
        raw,
        column,
        ...conversion(column, raw.expression, raw.duckdbType, format !== 'parquet'),
      });
  }
  return { file, format, table, source, conversions, checked: new Map() };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}

/** The file's rows with the table's columns, converted; columns the file lacks are NULL (never read). */
function selectOf(attached: AttachedSource): string {
  const columns = attached.table.columns.map((column) => {
    const converted = attached.conversions.get(column.name);
    const value = converted ? converted.value : `CAST(NULL AS ${duckDbType(column.type)})`;
    return value === quoteIdent(column.name) ? value : `${value} AS ${quoteIdent(column.name)}`;
  });
  return `SELECT ${columns.join(', ')} FROM ${attached.source.relation}`;
}

/** Counts and samples the present values of `columns` that do not convert, in one scan of the file. */
async function findBadValues(
  connection: DuckDBConnection,
  attached: AttachedSource,
  columns: readonly string[],
): Promise<BadColumn[]> {
  const conversions = columns.flatMap((name) => {
    const c = attached.conversions.get(name);
    return c ? [c] : [];
  });
  const checks = conversions.flatMap((c) => [
    `count(*) FILTER (WHERE ${c.bad})`,
    `min(CAST(${c.raw.expression} AS VARCHAR)) FILTER (WHERE ${c.bad})`,
  ]);
  const reader = await connection.runAndReadAll(
    `SELECT ${checks.join(', ')} FROM ${attached.source.relation}`,
  );
  const row = reader.getRowsJS()[0] ?? [];
  return conversions.flatMap((c, i) => {
    const count = Number(row[i * 2] ?? 0);
    return count > 0
      ? [{ column: c.column.name, expected: c.column.type, sample: String(row[i * 2 + 1]), count }]
      : [];
  });
}

export interface AttachedFile {
  file: string;
  format: TelemetryFileFormat;
  /** The Defender table the file holds. */
  table: string;
}

export interface TelemetryFiles {
  readonly files: readonly AttachedFile[];
  /**
   * Throws TelemetryFileError unless every file of each table in `reads` has the columns read there, each value
   * of the column's type. Without `reads`, every column of every table that has files is checked.
   */
  check(connection: DuckDBConnection, reads?: ColumnReads): Promise<void>;
}

/**
 * Makes each file a source of its table: a view per table over all its files, and an empty table for each
 * table without files. Every file that cannot be used is reported at once, so one round of fixes is enough.
 */
export async function attachTelemetryFiles(
  connection: DuckDBConnection,
  files: readonly string[],
  tables: readonly TableDef[] = TABLES,
): Promise<TelemetryFiles> {
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
  const attached: AttachedSource[] = [];
  const problems: TelemetryFileProblem[] = [];
  for (const file of files) {
    const result = await attachFile(connection, file, tables);
    if ('source' in result) attached.push(result);
    else problems.push(result);
  }
  if (problems.length > 0) throw new TelemetryFileError(problems);

  for (const table of tables) {
    const own = attached.filter((a) => a.table === table);
    await connection.run(
      own.length > 0
        ? `CREATE VIEW ${quoteIdent(table.name)} AS ${own.map(selectOf).join('\nUNION ALL\n')}`
        : createTableSql(table.name, table.columns),
    );
  }

  // One check at a time: concurrent queries reading the same columns wait for one scan instead of each scanning.
  let queue: Promise<unknown> = Promise.resolve();
  const check = async (checkConnection: DuckDBConnection, reads?: ColumnReads): Promise<void> => {
    const wanted = (a: AttachedSource): readonly string[] | undefined =>
      reads === undefined ? a.table.columns.map((c) => c.name) : reads[a.table.name];
    const run = async () => {
      const found: TelemetryFileProblem[] = [];
      for (const a of attached) {
        const columns = wanted(a);
        if (!columns?.length) continue;
        const missingColumns = columns.filter((name) => !a.conversions.has(name));
        const unchecked = columns.filter(
          (name) =>
            a.conversions.get(name)?.bad !== 'false' && a.conversions.has(name) && !a.checked.has(name),
        );
        if (unchecked.length > 0) {
          let bad: BadColumn[];
          try {
            bad = await findBadValues(checkConnection, a, unchecked);
          } catch (error) {
            found.push({
              file: a.file,
              missingColumns: [],
              badColumns: [],
              unreadable: `cannot be read as ${a.format.toUpperCase()}: ${firstLine(error)}`,
            });
            continue;
          }
          for (const name of unchecked)
            a.checked.set(
              name,
              bad.find((b) => b.column === name),
            );
        }
        const badColumns = columns.flatMap((name) => {
          const b = a.checked.get(name);
          return b ? [b] : [];
        });
        if (missingColumns.length > 0 || badColumns.length > 0)
          found.push({ file: a.file, missingColumns, badColumns });
      }
      if (found.length > 0) throw new TelemetryFileError(found);
    };
    const result = queue.then(run);
    queue = result.catch(() => {});
    return result;
  };

  return {
    files: attached.map((a) => ({ file: a.file, format: a.format, table: a.table.name })),
    check,
  };
}
