// The command line's kept parser answers: what is kept comes back for its own key only, and nothing the folder
// holds or lacks fails a run.
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderAnswerStore } from './kusto-answers';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-answers-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const answerFiles = async (folder: string) =>
  (await readdir(folder)).filter((name) => name.endsWith('.json'));

describe('folderAnswerStore', () => {
  it('gives back what was kept, for that key alone, from another store on the same folder', () => {
    const folder = path.join(dir, 'build-1');
    const answer = { root: { kind: 'QueryBlock', children: [] }, syntaxDiagnostics: [] };
    folderAnswerStore(folder).set('["parse",null,"T | take 1"]', answer);
    const again = folderAnswerStore(folder);
    expect(again.get('["parse",null,"T | take 1"]')).toEqual(answer);
    expect(again.get('["parse",null,"T | take 2"]')).toBeUndefined();
    expect(folderAnswerStore(path.join(dir, 'build-2')).get('["parse",null,"T | take 1"]')).toBeUndefined();
  });

  it('takes a file that holds another key, or no JSON, for a miss', async () => {
    const store = folderAnswerStore(dir);
    store.set('a', 1);
    const [file] = await answerFiles(dir);
    const kept = path.join(dir, file ?? '');
    await writeFile(kept, JSON.stringify({ key: 'b', answer: 2 }));
    expect(store.get('a')).toBeUndefined();
    await writeFile(kept, '{"key": "a", "ans');
    expect(store.get('a')).toBeUndefined();
    store.set('a', 3);
    expect(JSON.parse(await readFile(kept, 'utf8'))).toEqual({ key: 'a', answer: 3 });
  });

  it('keeps nothing, and fails nothing, where the folder cannot be made', async () => {
    const blocked = path.join(dir, 'a-file');
    await writeFile(blocked, '');
    const store = folderAnswerStore(path.join(blocked, 'answers'));
    expect(() => store.set('a', 1)).not.toThrow();
    expect(store.get('a')).toBeUndefined();
  });

  it('removes the older half when it holds its limit', async () => {
    const store = folderAnswerStore(dir, { limit: 4 });
    for (const key of ['a', 'b', 'c', 'd']) store.set(key, key);
    // Oldest first, whatever the clock's resolution.
    for (const [i, name] of (await answerFiles(dir)).entries()) {
      const { key } = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as { key: string };
      const age = 100 - 'abcd'.indexOf(key);
      const time = new Date(Date.now() - age * 1000 - i);
      await utimes(path.join(dir, name), time, time);
    }
    store.set('e', 'e');
    expect(await answerFiles(dir)).toHaveLength(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => store.get(key))).toEqual([
      undefined,
      undefined,
      'c',
      'd',
      'e',
    ]);
  });

  it('passes on the hook that runs before the parser loads', () => {
    const hook = () => {};
    expect(folderAnswerStore(dir, { beforeParserLoads: hook }).beforeParserLoads).toBe(hook);
    expect(folderAnswerStore(dir).beforeParserLoads).toBeUndefined();
  });
});
