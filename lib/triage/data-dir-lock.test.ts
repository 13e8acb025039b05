// The embedded database folder is opened by one process at a time: a second open is refused while the
// holder lives, and a lock left by a process that died is taken over.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('refuses a second open in the same process until the first is released', async () => {
    const dataDir = path.join(dir, 'same-process');
    const lock = await lockDataDir(dataDir);
    expect(await readFile(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await expect(lockDataDir(dataDir)).rejects.toThrow(/already open in this process/);
    await lock.release();
    await (await lockDataDir(dataDir)).release();
  });

  it('refuses a folder another living process holds, naming it', async () => {
    const dataDir = path.join(dir, 'other-process');
    await writeFile(`${dataDir}.lock`, `${process.ppid}\n`);
    const error = await lockDataDir(dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`in use by process ${process.ppid}`);
  });

  it.each([
    ['a process that is gone', '2147483646'],
    ['an unreadable lock', 'garbage'],
  ])('takes over a lock left by %s', async (_what, content) => {
    const dataDir = path.join(dir, `stale-${content}`);
    await writeFile(`${dataDir}.lock`, `${content}\n`);
    const lock = await lockDataDir(dataDir);
    expect(await readFile(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });
});
