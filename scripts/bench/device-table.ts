// Sorting and filtering the devices table at 100,000 rows (device-table-run.ts), in a process of its own: the
// page's columns import React's client build, which this process's react-server condition hides.
import { spawn } from 'node:child_process';
import type { BenchArgs, Benchmark } from './common';

export const deviceTableBench: Benchmark = {
  name: 'device-table',
  title:
    "Devices table: sort and filter over 100,000 rows with the page's own columns and row models (goal < 150 ms each)",
  async run(args: BenchArgs) {
    const { NODE_OPTIONS: _inherited, ...env } = process.env;
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench/device-table-run.ts', String(args.runs), String(args.seed)],
        { env, stdio: ['ignore', 'inherit', 'inherit'] },
      );
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) process.exitCode = 1;
  },
};
