#!/usr/bin/env node
// `huntboard <command> [options]` (`huntboard --help` lists the commands): runs the compiled command line in
// dist/cli, compiling it first when it is missing or older than its sources (scripts/cli/build.mjs).
// Where Node made a startup snapshot of the Kusto parser, a command first runs here without the parser, on the
// parser's answers kept from earlier runs (a hunt run again needs nothing else); one that needs the parser after
// all runs again in a Node started from the snapshot. Without a snapshot, the parser loads here on first use.
import { createRequire } from 'node:module';
import { ensureCliBuilt } from '../scripts/cli/build.mjs';

const args = process.argv.slice(2);
const built = await ensureCliBuilt({ log: (line) => process.stderr.write(`${line}\n`) });
const cli = createRequire(import.meta.url)(built.bundle);
cli.reportTiming('the command line checked and loaded');

if (!built.snapshot) {
  await cli.main(args);
} else if ((await cli.main(args, { withoutParser: true })) === 'needs-parser') {
  const [{ spawn }, { constants }] = await Promise.all([import('node:child_process'), import('node:os')]);
  const child = spawn(process.execPath, ['--snapshot-blob', built.snapshot, '--', built.bundle, ...args], {
    stdio: 'inherit',
  });
  // A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1);
  });
}
