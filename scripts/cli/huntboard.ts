// Huntboard's command line: `huntboard <command> [options]`. Each command is a module of its own that exports
// a function from its arguments to an exit status; it is evaluated only when asked for. Compiled into
// dist/cli/huntboard.cjs by scripts/cli/build.mjs and started by bin/huntboard.mjs.
import path from 'node:path';
import { keepKustoAnswers } from '@/lib/kql/kusto';
import { folderAnswerStore } from './kusto-answers';

/** The build's id, set by build.mjs; undefined when this file runs uncompiled. */
declare const __HUNTBOARD_BUILD__: string | undefined;

export interface Command {
  /** One line for `huntboard --help`. */
  summary: string;
  load(): Promise<(argv: string[]) => Promise<number>>;
  /**
   * Whether a run with these arguments may start without the Kusto parser (see `main`): true when whatever it
   * does before its last question to the parser may be done twice (its output is held back meanwhile).
   */
  startsWithoutParser?(argv: readonly string[]): boolean;
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  hunt: {
    summary: 'run a hunt (id or YAML file) or a .kql query on the embedded engine and print what it finds',
    load: async () => (await import('../hunt')).huntCommand,
    // --record writes to the triage database; a run that must start again would not do it twice, but may
    // do it once too early.
    startsWithoutParser: (argv) => !argv.includes('--record'),
  },
  catalog: {
    summary: 'check hunt files: YAML, Kusto schema check, translation and a run on the embedded engine',
    load: async () => (await import('../catalog')).catalogCommand,
  },
  sweep: {
    summary: "sweep every tool's hunts over one window, one query per table, and print the tools seen",
    load: async () => (await import('../sweep')).sweepCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: huntboard <command> [options]   (huntboard <command> --help for its options)\n\n${lines.join('\n')}\n`;
}

function commandOf(argv: readonly string[]): Command | undefined {
  const name = argv[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** Runs one command line; returns the exit status (2: asked wrongly). */
export async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commandOf(argv);
  if (!command) {
    process.stderr.write(`huntboard: no command '${name}'\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

export interface MainOptions {
  /**
   * Run without the Kusto parser: only the answers kept on disk serve. When the command needs the parser after
   * all, or may not start without it, main stops it, drops its output and answers 'needs-parser', and the
   * launcher runs the command line again in a Node process started from the parser's snapshot.
   */
  withoutParser?: boolean;
}

/** Thrown where the parser would load in a run without it; `main` tells it by its flag, whoever caught it. */
class ParserNeeded extends Error {
  override name = 'ParserNeeded';
}

type Write = typeof process.stdout.write;

/** Holds what the streams are given until `release` (written) or `drop`. */
function holdOutput() {
  const held: [NodeJS.WriteStream, Parameters<Write>][] = [];
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((...args: Parameters<Write>) => {
      held.push([stream, args]);
      const callback = args.find((a) => typeof a === 'function') as ((error?: Error) => void) | undefined;
      if (callback) queueMicrotask(() => callback());
      return true;
    }) as Write;
  }
  const restore = () => {
    for (const [i, stream] of streams.entries()) stream.write = writes[i] as Write;
  };
  return {
    release() {
      restore();
      for (const [stream, args] of held) stream.write(...args);
    },
    drop: restore,
  };
}

/** With HUNTBOARD_CLI_TIMING set, one line on stderr: the time since this process started, and what happened. */
export function reportTiming(what: string): void {
  if (process.env.HUNTBOARD_CLI_TIMING)
    process.stderr.write(`huntboard: timing: ${performance.now().toFixed(0)} ms: ${what}\n`);
}

const parserPresent = () => (globalThis as { Kusto?: unknown }).Kusto !== undefined;

/**
 * The compiled file's entry point: sets the exit status, and waits for pending output rather than exiting.
 * Answers 'needs-parser' only with `withoutParser`.
 */
export async function main(
  argv: readonly string[],
  { withoutParser = false }: MainOptions = {},
): Promise<'done' | 'needs-parser'> {
  const command = commandOf(argv);
  if (withoutParser && command && !command.startsWithoutParser?.(argv.slice(1))) {
    reportTiming('this command starts with the Kusto parser');
    return 'needs-parser';
  }
  const fromSnapshot = parserPresent();
  let parserNeeded = false;
  if (typeof __HUNTBOARD_BUILD__ === 'string') {
    const folder = path.join(__dirname, 'kusto-answers', __HUNTBOARD_BUILD__);
    keepKustoAnswers(
      folderAnswerStore(folder, {
        ...(withoutParser && {
          beforeParserLoads: () => {
            parserNeeded = true;
            throw new ParserNeeded('The Kusto parser is not loaded in this process.');
          },
        }),
      }),
    );
  }
  const output = withoutParser ? holdOutput() : undefined;
  let status: number;
  try {
    status = await run(argv);
  } catch (error) {
    if (!parserNeeded)
      process.stderr.write(
        `huntboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    status = 1;
  }
  if (parserNeeded) {
    output?.drop();
    reportTiming('the run needs the Kusto parser');
    return 'needs-parser';
  }
  output?.release();
  process.exitCode = status;
  reportTiming(
    `done, ${fromSnapshot ? 'with the Kusto parser from its snapshot' : parserPresent() ? 'with the Kusto parser loaded on first use' : 'without the Kusto parser'}`,
  );
  return 'done';
}
