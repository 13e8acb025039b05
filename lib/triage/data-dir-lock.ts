// One process at a time may open an embedded (PGlite) database folder: two engines writing the same files
// would corrupt it. A lock file beside the folder names the holder's process id; a lock whose process has
// gone (a crash, a kill) is taken over.
import 'server-only';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DomainError, type ProblemInit } from '@/lib/domain-error';

const LOCKED: unique symbol = Symbol.for('huntboard.triage.DataDirLockedError');

/** The folder is open in another process (or already in this one). */
export class DataDirLockedError extends DomainError {
  // Recognised across copies of this module (see VersionConflictError in types.ts).
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && LOCKED in value;
  }
  readonly [LOCKED] = true;
  override name = 'DataDirLockedError';
  override readonly logged = true;
  toProblem(): ProblemInit {
    return {
      status: 503,
      title: 'The triage database is unavailable',
      detail: 'Another process holds the embedded triage database; the error was logged.',
    };
  }
}

// Survives module reloads (Vitest, Next's development server), unlike a module-level set.
const HELD = Symbol.for('huntboard.triage.heldDataDirs');
function held(): Set<string> {
  const g = globalThis as { [HELD]?: Set<string> };
  g[HELD] ??= new Set();
  return g[HELD];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  const file = `${dir}.lock`;
  if (held().has(dir))
    throw new DataDirLockedError(`The triage database in ${dir} is already open in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      held().add(dir);
      return {
        async release() {
          held().delete(dir);
          await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      // Our own pid in a lock we do not hold: left by an earlier life of this process id (a restarted
      // container often gets the same pid), so it is stale too.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(
          `The triage database in ${dir} is in use by process ${pid}; stop it first, or point HUNTBOARD_TRIAGE_DIR elsewhere.`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new DataDirLockedError(
    `Could not lock the triage database in ${dir}; another process keeps taking it.`,
  );
}
