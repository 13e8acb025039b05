#!/usr/bin/env node
// `huntboard <command> [options]` (`huntboard --help` lists the commands): runs the compiled command line in
// dist/cli, compiling it first when it is missing or older than its sources (scripts/cli/build.mjs). Where Node
// made a startup snapshot of the Kusto parser, the command runs in a Node started from it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { ensureCliBuilt } from '../scripts/cli/build.mjs';

const args = process.argv.slice(2);
const built = await ensureCliBuilt({ log: (line) => process.stderr.write(`${line}\n`) });

if (built.snapshot) {
  const child = spawn(process.execPath, ['--snapshot-blob', built.snapshot, '--', built.bundle, ...args], {
    stdio: 'inherit',
  });
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1);
  });
} else {
  await createRequire(import.meta.url)(built.bundle).main(args);
}
