// A verdict acknowledged to the user survives the app dying without warning: a separate process saves a
// verdict and a custom exclusion in an embedded (PGlite) database and is killed with SIGKILL right after the
// acknowledgement; opening the folder again finds both (PostgreSQL's own durability is the server's).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTriageStore } from './open-store';
import type { CustomExclusion, Verdict } from './types';

const HUNT = 'a2d8dde6-007d-4bea-964d-97bb81006849';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-crash-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the writer until it acknowledges, then kills it; resolves with what it acknowledged. */
async function writeThenKill(dataDir: string): Promise<{ verdict: Verdict; exclusion: CustomExclusion }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=react-server',
      path.join(import.meta.dirname, 'testing', 'write-then-wait.ts'),
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (line.startsWith('{')) return JSON.parse(line);
    }
    throw new Error(`the writer ended without acknowledging:\n${stderr}`);
  } finally {
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  }
}

describe('an embedded triage database killed after acknowledging a write', () => {
  it('still has the verdict and the custom exclusion when opened again', async () => {
    const dataDir = path.join(dir, 'triage');
    const acknowledged = await writeThenKill(dataDir);
    expect(acknowledged.verdict).toMatchObject({ deviceId: 'dev-crash', version: 1 });

    // The dead process's lock is stale and taken over.
    const store = await openTriageStore({ kind: 'pglite', dataDir });
    try {
      expect(await store.verdict(HUNT, 'dev-crash')).toEqual(acknowledged.verdict);
      expect(await store.customExclusions(HUNT)).toEqual([acknowledged.exclusion]);
      expect((await store.audit({ huntId: HUNT })).map((e) => e.action)).toEqual(['set', 'create']);
    } finally {
      await store.close();
    }
  });
});
