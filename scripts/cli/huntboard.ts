// Huntboard's command line: `huntboard <command> [options]`. Each command is a module of its own that exports
// a function from its arguments to an exit status; it is evaluated only when asked for. Compiled into
// dist/cli/huntboard.cjs by scripts/cli/build.mjs and started by bin/huntboard.mjs.

export interface Command {
  /** One line for `huntboard --help`. */
  summary: string;
  load(): Promise<(argv: string[]) => Promise<number>>;
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  hunt: {
    summary: 'run a hunt (id or YAML file) or a .kql query on the embedded engine and print what it finds',
    load: async () => (await import('../hunt')).huntCommand,
  },
  catalog: {
    summary: 'check hunt files: YAML, Kusto schema check, translation and a run on the embedded engine',
    load: async () => (await import('../catalog')).catalogCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: huntboard <command> [options]   (huntboard <command> --help for its options)\n\n${lines.join('\n')}\n`;
}

/** Runs one command line; returns the exit status (2: asked wrongly). */
export async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`huntboard: no command '${name}'\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

/** The compiled file's entry point: sets the exit status, and waits for pending output rather than exiting. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    process.stderr.write(
      `huntboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
