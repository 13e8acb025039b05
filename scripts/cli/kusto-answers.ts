// The command line's cache of the Kusto parser's answers (syntax trees, diagnostics, the columns a query reads),
// one JSON file per answer under dist/cli/kusto-answers/<build>/. An answer depends on nothing but its key (the
// question, the schemas, the text) and the code that shaped it, so each build of the command line keeps its own
// folder (build.mjs empties the parent when it builds) and a kept answer never goes stale. A run that finds
// every answer it needs here never loads the parser: the same hunt run again starts in one Node process.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KustoAnswerStore } from '@/lib/kql/kusto';

/** At most this many answers are kept per build; the oldest go first (a hunt run asks about a dozen). */
export const MAX_KEPT_ANSWERS = 2_000;

interface KeptAnswer {
  key: string;
  answer: unknown;
}

/**
 * The answers kept in `folder`. Nothing here fails a run: an unreadable or foreign file is a miss, and a folder
 * that cannot be written to keeps nothing.
 */
export function folderAnswerStore(
  folder: string,
  { limit = MAX_KEPT_ANSWERS, beforeParserLoads }: { limit?: number; beforeParserLoads?: () => void } = {},
): KustoAnswerStore {
  let writable = true;
  let count: number | undefined;
  const fileOf = (key: string) => path.join(folder, `${createHash('sha256').update(key).digest('hex')}.json`);
  return {
    get(key) {
      let kept: KeptAnswer;
      try {
        kept = JSON.parse(readFileSync(fileOf(key), 'utf8'));
      } catch {
        return undefined;
      }
      return kept?.key === key ? kept.answer : undefined;
    },
    set(key, answer) {
      if (!writable) return;
      const file = fileOf(key);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(folder, { recursive: true });
        count ??= readdirSync(folder).length;
        if (count >= limit) count = prune(folder);
        writeFileSync(temporary, JSON.stringify({ key, answer } satisfies KeptAnswer));
        renameSync(temporary, file);
        count++;
      } catch {
        writable = false;
        try {
          rmSync(temporary, { force: true });
        } catch {}
      }
    },
    ...(beforeParserLoads ? { beforeParserLoads } : {}),
  };
}

/** Removes the older half of the kept answers; returns how many remain. */
function prune(folder: string): number {
  const files = readdirSync(folder)
    .map((name) => {
      const file = path.join(folder, name);
      return { file, time: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
    })
    .sort((a, b) => a.time - b.time);
  const remove = files.slice(0, Math.ceil(files.length / 2));
  for (const { file } of remove) rmSync(file, { force: true });
  return files.length - remove.length;
}
