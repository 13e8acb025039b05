// Many users running hunts at once on the embedded engine, through the guard the app puts in front of it: one
// run of the seed hunt alone, then 200 identical runs at once (shared and cached: goal at most 3× the one
// run), then 200 runs with 200 different windows (nothing to share: DuckDB's connections side by side).
import { runHunt } from '@/lib/hunts/run-hunt';
import { guardEmbeddedSource } from '@/lib/sources/configured-source';
import { BENCH_NOW, type BenchArgs, type Benchmark, median, timed } from './common';
import { benchDemo } from './demo-source';

const CONCURRENT = 200;
const GOAL_RATIO = 3;
const CACHE = { HUNTBOARD_CACHE_TTL_SECONDS: 60 };
const DAY_MS = 86_400_000;

async function run({ runs, seed }: BenchArgs): Promise<void> {
  const { source, hunt } = await benchDemo(seed);
  // A fresh guard for every measurement, so that no figure is an answer cached by the one before.
  const guarded = () => guardEmbeddedSource(source, CACHE);
  const once = (lookbackMs?: number, s = guarded()) =>
    timed(() => runHunt({ hunt, source: s, now: BENCH_NOW, ...(lookbackMs ? { lookbackMs } : {}) }));
  const batch = async (lookback: (i: number) => number | undefined) => {
    const s = guarded();
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => once(lookback(i), s)));
    return { wallMs: performance.now() - started, medianMs: median(answers.map((a) => a.ms)) };
  };

  await once(); // warm-up: the parser and the file's pages
  const rounds = Math.min(runs, 3);
  const oneMs: number[] = [];
  const same: { wallMs: number; medianMs: number }[] = [];
  // Alternated, so that machine noise falls on both alike.
  for (let r = 0; r < rounds; r++) {
    oneMs.push((await once()).ms);
    same.push(await batch(() => undefined));
  }
  // Once: 600 queries that nothing can share. 5 days plus i minutes: 200 windows, 200 different queries.
  const different = [await batch((i) => 5 * DAY_MS + i * 60_000)];

  const one = median(oneMs);
  const sameWall = median(same.map((b) => b.wallMs));
  const diffWall = median(different.map((b) => b.wallMs));
  const ms = (x: number) => `${x.toFixed(0).padStart(8)} ms`;
  console.log(`\nSeed hunt on the demo month, ${rounds} rounds (medians):`);
  console.log(`  one run alone                          ${ms(one)}`);
  console.log(`  ${CONCURRENT} identical runs at once, wall        ${ms(sameWall)}`);
  console.log(`    median answer                        ${ms(median(same.map((b) => b.medianMs)))}`);
  console.log(`  ${CONCURRENT} runs, ${CONCURRENT} windows at once, wall     ${ms(diffWall)}  (one batch)`);
  console.log(`    median answer                        ${ms(median(different.map((b) => b.medianMs)))}`);
  const ratio = sameWall / one;
  console.log(
    `  ratio ${CONCURRENT} identical / one                ${ratio.toFixed(2).padStart(8)}  (goal ≤ ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'})`,
  );
  console.log(
    `  ratio ${CONCURRENT} different / one                ${(diffWall / one).toFixed(2).padStart(8)}`,
  );
}

export const concurrentRunsBench: Benchmark = {
  name: 'concurrent-runs',
  title: `${CONCURRENT} concurrent runs of the seed hunt on the embedded engine behind its guard, against one run`,
  run,
};
