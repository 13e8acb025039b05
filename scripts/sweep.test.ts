// The compiled sweep command line as a user runs it (`huntboard sweep …`, what `npm run sweep` starts), in
// child processes over exported events of a generated catalog: its JSON equals the sweep run in process on the
// same files, the table lists the same tools, and usage errors exit 2 with one line, failures 1.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '@/lib/hunts/catalog';
import { runSweep } from '@/lib/hunts/sweep';
import { writeSyntheticCatalog, writeSyntheticEvents } from '@/lib/hunts/synthetic-fleet';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { openTelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import { ensureCliBuilt } from './cli/build.mjs';

const NOW = '2026-11-01T12:00:00.000Z';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let catalog: string;
let files: string[];

function huntboard(args: readonly string[]): Promise<Outcome> {
  const { NODE_OPTIONS: _inherited, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/huntboard.mjs', ...args], {
      cwd: process.cwd(),
      env: {
        ...env,
        TZ: 'America/New_York',
        HUNTBOARD_DATA_DIR: dir,
        HUNTBOARD_EVENTS: '',
        HUNTBOARD_NOW: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-sweep-cli-'));
  catalog = path.join(dir, 'catalog');
  await writeSyntheticCatalog(catalog, 20);
  files = await writeSyntheticEvents(path.join(dir, 'events'), {
    rows: { DeviceProcessEvents: 30_000, DeviceNetworkEvents: 15_000, DeviceFileCertificateInfo: 5_000 },
    tools: 20,
    devices: 100,
    now: new Date(NOW),
    days: 10,
  });
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('huntboard sweep', () => {
  it('prints as JSON what the sweep finds in process on the same files, and the same tools as a table', async () => {
    const args = ['sweep', '--catalog', catalog, '--events', ...files, '--now', NOW, '--lookback', '5d'];
    const [json, table] = await Promise.all([huntboard([...args, '--format', 'json']), huntboard(args)]);
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: '' });
    const printed = JSON.parse(json.stdout);

    const store = await openTelemetryStore({ mode: 'files', files });
    try {
      const { hunts } = await readCatalog([catalog]);
      const expected = await runSweep({
        hunts,
        source: createEmbeddedSource(store),
        now: new Date(NOW),
        lookbackMs: 5 * 86_400_000,
      });
      expect(printed).toEqual({
        window: expected.window,
        sourceCalls: 3,
        truncated: false,
        alone: [],
        tools: expected.tools,
      });
      expect(printed.tools.length).toBeGreaterThan(5);
    } finally {
      await store.close();
    }

    expect(table.code).toBe(0);
    const listed = new Set(
      table.stdout
        .split('\n')
        .slice(3)
        .filter(Boolean)
        .map((line) => line.split(/\s+/)[0]),
    );
    expect(listed).toEqual(new Set(printed.tools.map((t: { tool: string }) => t.tool)));
    expect(table.stdout).toMatch(
      /^Sweep 2026-10-27T12:00:00.000Z \.\. 2026-11-01T12:00:00.000Z \(5d\), 3 source call\(s\)\n/,
    );
  }, 300_000);

  it.each([
    [['--format', 'xml'], /--format must be one of table, json/],
    [['--lookback', 'soon'], /--lookback/],
    [['--now', 'March 10'], /is not an ISO 8601 time/],
    [['--events', 'no-such-file.parquet'], /cannot read events file 'no-such-file.parquet'/],
    [['--catalog', 'no-such-folder'], /cannot read catalog folder/],
    [['extra'], /unexpected argument 'extra'/],
  ])(
    '%j is a usage error: exit 2, one line',
    async (args, message) => {
      const { code, stdout, stderr } = await huntboard(['sweep', ...args]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toMatch(/^sweep: [^\n]+\n$/);
      expect(stderr).toMatch(message);
    },
    120_000,
  );

  it('fails with exit 1 when the catalog has no hunt of a tool to sweep', async () => {
    const empty = path.join(dir, 'empty');
    await writeSyntheticCatalog(empty, 0);
    const { code, stderr } = await huntboard([
      'sweep',
      '--catalog',
      empty,
      '--events',
      ...files,
      '--now',
      NOW,
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^sweep: No hunt names a tool\.\n$/);
  }, 120_000);
});
