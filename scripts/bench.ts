// `npm run bench [-- --only translation,… --events 1000000 --runs 7 --seed 1]`: every benchmark, each printing
// its figures measured side by side in one run (ratios, medians). Speed goals live here, never in tests.
import { parseArgs } from 'node:util';
import { benchmarks } from './bench/index';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    events: { type: 'string' },
    runs: { type: 'string', default: '7' },
    seed: { type: 'string', default: '1' },
  },
});
const args = {
  events: Number(values.events ?? '1000000'),
  eventsGiven: values.events !== undefined,
  runs: Number(values.runs),
  seed: Number(values.seed),
};
if (![args.events, args.runs, args.seed].every(Number.isSafeInteger) || args.runs < 1) {
  console.error('bench: --events, --runs and --seed take whole numbers');
  process.exit(2);
}
const wanted = values.only?.split(',').map((s) => s.trim());
const unknown = wanted?.filter((name) => !benchmarks.some((b) => b.name === name)) ?? [];
if (unknown.length) {
  console.error(
    `bench: no benchmark '${unknown.join("', '")}'; there are: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}

for (const bench of benchmarks.filter((b) => !wanted || wanted.includes(b.name))) {
  console.log(`\n== ${bench.name}: ${bench.title}`);
  try {
    await bench.run(args);
  } catch (error) {
    console.error(`bench ${bench.name}: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
