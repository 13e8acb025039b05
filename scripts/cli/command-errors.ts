// How a command of the command line ends on an error: --help prints the usage (exit 0); anything else is one
// line on stderr, so that scripts can show it as it is, with the exit status the command gives it.

/** Something asked wrongly on the command line; an empty message means --help. */
export class UsageError extends Error {}

/** Writes the usage or the one-line error for `caught` and returns the exit status. */
export function commandFailed(
  command: string,
  usage: string,
  caught: unknown,
  status: { usage: number; failure: number },
): number {
  const error = caught instanceof Error ? caught : new Error(String(caught));
  if (error instanceof UsageError && !error.message) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const message = error.message.replace(/:?\s*\n\s*/g, (gap) => (gap.startsWith(':') ? ': ' : '; '));
  const isUsage = error instanceof UsageError;
  process.stderr.write(`${command}: ${message}${isUsage ? ' (--help for usage)' : ''}\n`);
  return isUsage ? status.usage : status.failure;
}
