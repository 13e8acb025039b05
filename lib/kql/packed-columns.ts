// Group keys a summarize packed into one hits column (see packedKeys in translate.ts), read back after the query
// instead of in SQL: the query that measures exclusions has a key per exclusion, and binding a function per key
// to unpack them costs DuckDB more than the grouping itself. translateKqlRows says which columns to rebuild.

/** A bool column of the result, true where the row's hits column holds any of `numbers`. */
export interface PackedColumn {
  readonly name: string;
  /** The result column that holds the row's hits: a list of numbers, or their text joined by commas. */
  readonly hits: string;
  readonly numbers: readonly number[];
}

interface Columns<C extends { name: string }> {
  columns: C[];
  rows: Record<string, unknown>[];
}

/** The numbers a hits cell holds: a list of numbers (or bigints), or text like '3,7'; none for NULL or ''. */
function hitNumbers(cell: unknown): Set<number> {
  if (Array.isArray(cell)) return new Set(cell.map(Number));
  if (typeof cell === 'string' && cell !== '') return new Set(cell.split(',').map(Number));
  return new Set();
}

/**
 * The result as the unpacked query would have returned it: columns in `order`, each packed one a bool made
 * from its hits column, the hits columns gone.
 */
export function unpackColumns<C extends { name: string }, R extends Columns<C>>(
  result: R,
  packed: readonly PackedColumn[],
  order: readonly string[],
  column: (name: string) => C,
): R {
  if (packed.length === 0) return result;
  const byName = new Map(result.columns.map((c) => [c.name, c]));
  const packedByName = new Map(packed.map((p) => [p.name, p]));
  const hitsColumns = [...new Set(packed.map((p) => p.hits))];
  const columns = order.map((name) =>
    packedByName.has(name) ? column(name) : (byName.get(name) ?? column(name)),
  );
  const rows = result.rows.map((row) => {
    const sets = new Map(hitsColumns.map((h) => [h, hitNumbers(row[h])]));
    const out: Record<string, unknown> = {};
    for (const name of order) {
      const p = packedByName.get(name);
      out[name] = p ? p.numbers.some((n) => sets.get(p.hits)?.has(n)) : row[name];
    }
    return out;
  });
  return { ...result, columns, rows };
}
