// Checks catalog files the way a run would use them: each hunt file loads, Kusto's parser accepts its query
// against the tables Huntboard knows, the embedded translator turns the queries a run composes into SQL, and
// that SQL runs on an empty in-memory DuckDB with every registry table. Each failure names the file and the
// line and column in it. `npm run catalog -- check` (scripts/catalog.ts) prints the results.
import { DuckDBInstance } from '@duckdb/node-api';
import { composeHunt } from '@/lib/kql/compose';
import { KqlCompositionError, KqlSyntaxError, KqlUnsupportedError } from '@/lib/kql/errors';
import { checkQueryAgainstSchema } from '@/lib/kql/schema-check';
import { translateKql } from '@/lib/kql/translate';
import { createRegistryTablesSql } from '@/lib/sources/embedded/schema';
import { tableSchemas } from '@/lib/tables/registry';
import { type CatalogCause, type CatalogEntry, type Hunt, readCatalog } from './catalog';
import type { FilePosition, YamlWarning } from './catalog-yaml';

export interface CatalogCheckError extends FilePosition {
  cause: CatalogCause;
  message: string;
}

/** One hunt's outcome (a hunt file, or a hunt generated from a LOLRMM tool), as `--format json` prints it. */
export interface CatalogCheckResult {
  file: string;
  id: string | null;
  name: string | null;
  tool: string | null;
  tables: string[];
  /** `skipped`: a LOLRMM tool that gives no hunt; `note` says why. */
  status: 'ok' | 'error' | 'skipped';
  error?: CatalogCheckError;
  note?: FilePosition & { message: string };
  /** Read as intended but worth saying: the published `dataTypes:` defect, a LOLRMM entry left out. */
  warnings?: YamlWarning[];
}

/** The order the table output's summary names causes in. */
export const CHECK_CAUSES: readonly CatalogCause[] = ['yaml', 'schema', 'translation', 'run', 'duplicate'];

/** An empty DuckDB with every registry table, to run translated hunts on. */
export interface CheckEngine {
  run(sql: string): Promise<void>;
  close(): void;
}

export async function openCheckEngine(): Promise<CheckEngine> {
  // One thread: the tables are empty, so planning is the work, and threads would only contend with the parser.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  for (const ddl of createRegistryTablesSql()) await connection.run(ddl);
  return {
    run: async (sql) => {
      await connection.run(sql);
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The parser's and translator's messages end with the position in the query; results give the file's. */
function withoutQueryPosition(message: string): string {
  return message.replace(/ \(line \d+, column \d+\)$/, '').replace(/ at line \d+, column \d+$/, '');
}

/** Runs the steps after loading; the first that fails decides the error. */
async function checkHunt(
  hunt: Hunt,
  entry: CatalogEntry,
  engine: CheckEngine,
  now: Date,
): Promise<CatalogCheckError | undefined> {
  const inFile = (position: FilePosition) => entry.queryPosition?.(position) ?? { line: 1, column: 1 };
  const queryStart = inFile({ line: 1, column: 1 });
  try {
    checkQueryAgainstSchema(hunt.query, 'defender');
  } catch (error) {
    if (!(error instanceof KqlSyntaxError)) throw error;
    return { cause: 'schema', message: withoutQueryPosition(error.message), ...inFile(error.position) };
  }
  let sql: string[];
  try {
    // What a run sends: the device summary and the per-day timeline. Without exclusions or a lookback
    // override the device query is the hunt's text itself, so positions in it are positions in the query.
    const composed = composeHunt(hunt.query);
    const tables = tableSchemas();
    sql = [composed.devices, composed.timeline].map((kql) => translateKql(kql, { now, tables }));
  } catch (error) {
    if (error instanceof KqlUnsupportedError || error instanceof KqlSyntaxError)
      return {
        cause: 'translation',
        message: withoutQueryPosition(error.message),
        ...inFile(error.position),
      };
    if (error instanceof KqlCompositionError)
      return { cause: 'translation', message: error.message, ...queryStart };
    throw error;
  }
  try {
    for (const statement of sql) await engine.run(statement);
  } catch (error) {
    const message = ((error as Error).message.split('\n')[0] ?? '').trim();
    return { cause: 'run', message: `the embedded engine failed: ${message}`, ...queryStart };
  }
  return undefined;
}

/**
 * Checks every hunt file under `paths` (folders recursively, or single files) in one process: the Kusto parser
 * and DuckDB load once. Results come in the order the catalog reads files (sorted paths).
 */
export async function checkCatalog(
  paths: readonly string[],
  { now, engine }: { now: Date; engine?: CheckEngine },
): Promise<CatalogCheckResult[]> {
  const { entries, problems } = await readCatalog(paths);
  const own = engine ?? (await openCheckEngine());
  try {
    const results: CatalogCheckResult[] = problems
      .filter((p) => !entries.some((e) => e.problem === p))
      .map((p) => ({
        file: p.file,
        id: null,
        name: null,
        tool: null,
        tables: [],
        status: 'error',
        error: { cause: p.cause, message: p.message, line: p.line, column: p.column },
      }));
    for (const entry of entries) {
      const { hunt } = entry;
      const result: CatalogCheckResult = {
        file: entry.file,
        id: hunt?.id ?? entry.id,
        name: hunt?.name ?? entry.name,
        tool: hunt?.tool ?? entry.tool,
        tables: [...(hunt?.tables ?? [])],
        status: 'ok',
        ...(entry.warnings.length ? { warnings: [...entry.warnings] } : {}),
      };
      const error = entry.problem
        ? {
            cause: entry.problem.cause,
            message: entry.problem.message,
            line: entry.problem.line,
            column: entry.problem.column,
          }
        : hunt && (await checkHunt(hunt, entry, own, now));
      if (entry.note && !error) {
        const note = { ...(entry.notePosition ?? { line: 1, column: 1 }), message: entry.note };
        results.push({ ...result, status: 'skipped', note });
      } else results.push(error ? { ...result, status: 'error', error } : result);
    }
    return results;
  } finally {
    if (!engine) own.close();
  }
}
