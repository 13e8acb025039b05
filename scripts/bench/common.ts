// What every benchmark shares: the median of repeated timings, the pinned "now", and the command line.
export const BENCH_NOW = new Date('2026-11-01T12:00:00Z');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Times `fn` once, in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export interface BenchArgs {
  /** Events to generate where a benchmark generates data. */
  events: number;
  /** --events was given; a benchmark with its own default size (the sweep's 10M) keeps it otherwise. */
  eventsGiven: boolean;
  runs: number;
  seed: number;
}

export interface Benchmark {
  /** Chooses it with `--only <name>`. */
  name: string;
  /** One line on what it compares, printed before its figures. */
  title: string;
  /** Prints its figures; sets process.exitCode when a check of correctness (not speed) fails. */
  run(args: BenchArgs): Promise<void>;
}
