// Composing a hunt's queries parses the hunt and every exclusion with the Kusto parser: milliseconds a call,
// paid again by every identical run (many people opening the same hunt at once). The last results are kept,
// keyed by the arguments, so that identical runs compose once; a composition that fails is not kept.

const DEFAULT_SIZE = 64;

/** `compose`, remembering its last `size` results by its (JSON-serializable) arguments. Results are shared:
 * callers must not change them. */
export function memoizeComposer<A extends unknown[], R>(
  compose: (...args: A) => R,
  size = DEFAULT_SIZE,
): (...args: A) => R {
  const kept = new Map<string, R>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    const known = kept.get(key);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      kept.delete(key);
      kept.set(key, known);
      return known;
    }
    const result = compose(...args);
    kept.set(key, result);
    if (kept.size > size) kept.delete(kept.keys().next().value as string);
    return result;
  };
}
