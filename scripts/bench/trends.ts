// The Trends page's server time on the demo month: the seed hunt's trends for 30 days on a fresh guard (first
// load), and switching to 30 days after another range was loaded (range switch). Goal: under 1 s each. The
// triage store's part (recorded runs, audit log) is left out: it is the same whatever the source does.
import { guardEmbeddedSource } from '@/lib/sources/configured-source';
import { runTrends } from '@/lib/trends/run-trends';
import { BENCH_NOW, type BenchArgs, type Benchmark, median, timed } from './common';
import { benchDemo } from './demo-source';

const GOAL_MS = 1_000;
const CACHE = { HUNTBOARD_CACHE_TTL_SECONDS: 60 };
const noTriage = async () => ({ snapshots: [], verdictAudit: [] });

async function run({ runs, seed }: BenchArgs): Promise<void> {
  const { source, hunt } = await benchDemo(seed);
  const trends = (rangeDays: number, s: ReturnType<typeof guardEmbeddedSource>) =>
    timed(() => runTrends({ hunt, source: s, now: BENCH_NOW, rangeDays, loadTriage: noTriage }));
  // A fresh guard for each round, so that a first load is a first load.
  const fresh = () => guardEmbeddedSource(source, CACHE);

  await trends(30, fresh()); // warm-up: the parser and the file's pages
  const rounds = Math.min(runs, 5);
  const first: number[] = [];
  const from7: number[] = [];
  const to90: number[] = [];
  let days = 0;
  for (let r = 0; r < rounds; r++) {
    const guarded = fresh();
    const load = await trends(30, guarded);
    first.push(load.ms);
    days = load.value.days.length;
    to90.push((await trends(90, guarded)).ms);
    const other = fresh();
    await trends(7, other);
    from7.push((await trends(30, other)).ms);
  }

  const line = (label: string, ms: number) =>
    console.log(
      `  ${label.padEnd(38)}${ms.toFixed(0).padStart(8)} ms  (goal < ${GOAL_MS}: ${ms < GOAL_MS ? 'met' : 'NOT met'})`,
    );
  console.log(`\nSeed hunt's trends on the demo month, ${days} days, ${rounds} rounds (medians):`);
  line('first load, 30 days', median(first));
  line('range switch, 7 → 30 days', median(from7));
  line('range switch, 30 → 90 days', median(to90));
}

export const trendsBench: Benchmark = {
  name: 'trends',
  title: 'the Trends page on the demo month: first load and range switches, server time',
  run,
};
