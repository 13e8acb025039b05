import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckEngine, checkCatalog, openCheckEngine } from './catalog-check';
import { QUERY_FIRST_LINE, QUERY_INDENT, writePublishedHunt } from './catalog-fixtures';

const now = new Date('2026-11-01T12:00:00Z');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-catalog-check-'));
  await writePublishedHunt(dir, { id: 'a', tool: 'Alpha', kind: 'netconn' });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkCatalog', () => {
  it('runs what a hunt run sends, the device summary and the timeline, on the engine', async () => {
    const real = await openCheckEngine();
    const ran: string[] = [];
    const recording: CheckEngine = {
      run: (sql) => {
        ran.push(sql);
        return real.run(sql);
      },
      close: () => real.close(),
    };
    try {
      const [result] = await checkCatalog([dir], { now, engine: recording });
      expect(result).toMatchObject({ status: 'ok', tool: 'Alpha', tables: ['DeviceNetworkEvents'] });
      expect(ran).toHaveLength(2);
      expect(ran.every((sql) => sql.includes('"DeviceNetworkEvents"'))).toBe(true);
    } finally {
      real.close();
    }
  });

  it("blames the run when the engine fails, at the query's first line", async () => {
    const failing: CheckEngine = {
      run: () => Promise.reject(new Error('Catalog Error: Table with name X does not exist!\nmore')),
      close: () => {},
    };
    const [result] = await checkCatalog([dir], { now, engine: failing });
    expect(result?.error).toEqual({
      cause: 'run',
      message: 'the embedded engine failed: Catalog Error: Table with name X does not exist!',
      line: QUERY_FIRST_LINE,
      column: QUERY_INDENT + 1,
    });
  });
});
