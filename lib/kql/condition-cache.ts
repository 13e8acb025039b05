// A run's queries repeat its exclusions word for word: the devices, timeline and signals queries each filter
// by the same hundreds of predicates, and the next run of the hunt by the same ones again. Compiling such a
// condition costs milliseconds per hundred exclusions (the impact query's group keys, one per exclusion, alike),
// so compiled conditions are kept, keyed by the condition's text and the columns in scope. Only conditions that
// read nothing else are kept: not now() or ago() (the run's instant), not a let, not a tabular expression (a
// CTE of the query being built). A stage's term shadows are recorded and asked for again when the condition is
// recalled. The caller records what a compilation read (see trackedScope in translate-expression.ts).

/** What a compilation read besides its text and the columns in scope. */
export interface ConditionReads {
  /** now(), ago(), or anything else that reads the query's instant. */
  now: boolean;
  /** A let's value or a tabular expression. */
  context: boolean;
  /** Names looked up as lets and not found: a let of that name would change the answer (or make it an error). */
  readonly missingLets: Set<string>;
  /** The term shadows asked for, in order: [subject SQL, shadow column]. */
  readonly shadows: [string, string][];
}

export interface Kept<T> {
  readonly value: T;
  readonly missingLets: readonly string[];
  readonly shadows: readonly (readonly [string, string])[];
}

/** Keeps compiled conditions, the most recently used last, up to `maxKeyChars` characters of keys. */
export class ConditionCache<T> {
  private readonly kept = new Map<string, Kept<T>>();
  private keyChars = 0;

  constructor(private readonly maxKeyChars: number) {}

  /**
   * The kept value for `key` when `current` accepts it (no let now defines a name its compilation looked up in
   * vain, its term shadows are there under the same names); otherwise `compile`'s, kept when it read nothing but
   * its text, the columns and term shadows.
   */
  get(key: string, current: (kept: Kept<T>) => boolean, compile: (reads: ConditionReads) => T): T {
    const known = this.kept.get(key);
    if (known && current(known)) {
      this.kept.delete(key);
      this.kept.set(key, known);
      return known.value;
    }
    const reads: ConditionReads = { now: false, context: false, missingLets: new Set(), shadows: [] };
    const value = compile(reads);
    if (!reads.now && !reads.context)
      this.keep(key, { value, missingLets: [...reads.missingLets], shadows: reads.shadows });
    return value;
  }

  get size(): number {
    return this.kept.size;
  }

  private keep(key: string, entry: Kept<T>): void {
    if (key.length > this.maxKeyChars) return;
    if (this.kept.has(key)) this.kept.delete(key);
    else this.keyChars += key.length;
    this.kept.set(key, entry);
    for (const old of this.kept.keys()) {
      if (this.keyChars <= this.maxKeyChars) break;
      this.kept.delete(old);
      this.keyChars -= old.length;
    }
  }
}
