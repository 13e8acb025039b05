// The benchmarks `npm run bench` runs, in order; each in a file of its own beside this one.

import { catalogBench } from './catalog';
import type { Benchmark } from './common';
import { exclusionsBench } from './exclusions';
import { translationBench } from './translation';

export const benchmarks: readonly Benchmark[] = [translationBench, catalogBench, exclusionsBench];
