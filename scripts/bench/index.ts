// The benchmarks `npm run bench` runs, in order; each in a file of its own beside this one.

import { catalogBench } from './catalog';
import { cliBench } from './cli';
import type { Benchmark } from './common';
import { concurrentRunsBench } from './concurrent-runs';
import { deviceTableBench } from './device-table';
import { exclusionsBench } from './exclusions';
import { lolrmmBench } from './lolrmm';
import { sweepBench } from './sweep';
import { translationBench } from './translation';
import { trendsBench } from './trends';

export const benchmarks: readonly Benchmark[] = [
  translationBench,
  catalogBench,
  lolrmmBench,
  exclusionsBench,
  concurrentRunsBench,
  trendsBench,
  sweepBench,
  cliBench,
  deviceTableBench,
];
