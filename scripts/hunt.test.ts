// The compiled hunt command line as a user runs it (`huntboard hunt …`, what `npm run hunt` starts), in child
// processes on a small exported-events file: its three output formats for a hunt id and for the catalog's YAML
// file, a .kql file run as written, one-line errors with exit status 2 for each way a run can be asked
// wrongly, and a hunt run again on the parser's answers kept by the first run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHuntFile } from '@/lib/hunts/catalog';
import { type HuntRun, huntRunSchema } from '@/lib/hunts/hunt-run';
import {
  expectedDevices,
  FIXTURE_NOW,
  SEED_HUNT_ID,
  withSortedReportIds,
  writeEventsCsv,
} from '@/lib/hunts/test-support';
import { openTriageStore } from '@/lib/triage/open-store';
import { ensureCliBuilt } from './cli/build.mjs';

const CATALOG_YAML = 'lib/hunts/catalog/rmm_mremoteng_createproc.yaml';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let events: string;
let missingColumns: string;
const runs = new Map<string, Outcome>();

function huntboard(
  dataDir: string,
  args: readonly string[],
  more: Record<string, string> = {},
): Promise<Outcome> {
  const { NODE_OPTIONS: _inherited, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/huntboard.mjs', ...args], {
      cwd: process.cwd(),
      // Another zone than UTC, so that any dependence on the machine's zone shows up in the output.
      env: {
        ...env,
        TZ: 'America/New_York',
        HUNTBOARD_DATA_DIR: dataDir,
        HUNTBOARD_EVENTS: '',
        HUNTBOARD_NOW: '',
        HUNTBOARD_TRIAGE_DIR: '',
        DATABASE_URL: '',
        DATABASE_MIGRATION_URL: '',
        ...more,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the command lines a few at a time, in the order given (slow ones first): each is a Node process. */
async function runAll(commands: Record<string, readonly string[]>): Promise<void> {
  const parallel = Math.min(4, availableParallelism());
  const queue = Object.entries(commands);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      runs.set(next[0], await huntboard(dir, next[1]));
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

function outcome(name: string): Outcome {
  const result = runs.get(name);
  if (!result) throw new Error(`no run named ${name}`);
  return result;
}

function succeeded(name: string): string {
  const { code, stdout, stderr } = outcome(name);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout;
}

/** Exit status 2, nothing on stdout, and exactly one line on stderr; returns that line. */
function failed(name: string): string {
  const { code, stdout, stderr } = outcome(name);
  expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
  expect(stderr).toMatch(/^hunt: [^\n]+\n$/);
  return stderr.trimEnd();
}

/** A run's JSON with the parts that differ between two runs of the same hunt (timing, set order) evened out. */
function comparable(stdout: string): Omit<HuntRun, 'ranAt' | 'elapsedMs'> {
  const { ranAt: _ranAt, elapsedMs: _elapsed, ...rest } = huntRunSchema.parse(JSON.parse(stdout));
  return { ...rest, devices: withSortedReportIds(rest.devices) };
}

/** CSV rows as cells, with the space-separated ReportIds of the last column sorted. */
function csvRows(stdout: string): string[][] {
  expect(stdout.endsWith('\r\n')).toBe(true);
  return stdout
    .slice(0, -2)
    .split('\r\n')
    .map((line, i) => {
      const cells = line.split(',');
      if (i > 0 && cells.length === 6) cells[5] = (cells[5] ?? '').split(' ').sort().join(' ');
      return cells;
    });
}

// Compiling the command line (when its sources changed), then a dozen Node processes that each load DuckDB, on
// a machine whose other core runs the rest of the suite: minutes, not seconds, on a small CI machine.
beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-cli-'));
  events = await writeEventsCsv(path.join(dir, 'events.csv'));
  missingColumns = await writeEventsCsv(path.join(dir, 'missing.csv'), undefined, {
    omit: ['ReportId', 'AccountSid'],
  });
  const launches = path.join(dir, 'launches.kql');
  await writeFile(
    launches,
    [
      '// Launches per device over all the data: no window, since the file says none.',
      'DeviceProcessEvents',
      "| where ProcessVersionInfoProductName has 'mRemoteNG'",
      '| summarize Launches=count() by DeviceName',
      '| order by DeviceName asc',
      '',
    ].join('\n'),
  );
  const join = path.join(dir, 'join.kql');
  await writeFile(join, 'DeviceProcessEvents\n| join (DeviceProcessEvents) on DeviceId\n');

  const on = ['--events', events, '--now', FIXTURE_NOW];
  const hunt = (...args: string[]) => ['hunt', ...args];
  await runAll({
    idTable: hunt(SEED_HUNT_ID, ...on),
    yamlJson: hunt(CATALOG_YAML, ...on, '--format', 'json'),
    yamlCsv10d: hunt(CATALOG_YAML, ...on, '--lookback', '10d', '--format', 'csv'),
    kql: hunt(launches, ...on, '--format', 'csv'),
    unsupportedKql: hunt(join, ...on),
    unknownHunt: hunt('no-such-hunt', ...on),
    badFormat: hunt(SEED_HUNT_ID, ...on, '--format', 'xml'),
    badNow: hunt(SEED_HUNT_ID, '--events', events, '--now', 'March 10, 2026 12:00'),
    unreadableEvents: hunt(SEED_HUNT_ID, '--events', path.join(dir, 'absent.csv'), '--now', FIXTURE_NOW),
    missingColumns: hunt(SEED_HUNT_ID, '--events', missingColumns, '--now', FIXTURE_NOW),
    recordKql: hunt(launches, ...on, '--record'),
    unknownCommand: ['hunts', SEED_HUNT_ID],
  });
  // After the others: it opens the triage database in the data folder, which one process at a time may hold.
  await runAll({ record: hunt(SEED_HUNT_ID, ...on, '--record', '--format', 'json') });

  // The catalog's hunt with a query no run has seen (a comment makes it new), run twice, one after the other.
  const unseen = path.join(dir, 'unseen.yaml');
  const yaml = await readFile(CATALOG_YAML, 'utf8');
  await writeFile(unseen, yaml.replace(/^query: \|\n/m, `query: |\n  // ${randomUUID()}\n`));
  await copyFile(
    CATALOG_YAML.replace(/\.yaml$/, '.exclusions.yaml'),
    path.join(dir, 'unseen.exclusions.yaml'),
  );
  const timed = { HUNTBOARD_CLI_TIMING: '1' };
  for (const name of ['unseenRun', 'runAgain'])
    runs.set(name, await huntboard(dir, hunt(unseen, ...on, '--format', 'json'), timed));
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a hunt by id', () => {
  it('prints a table: the hunt, its window and source, and one aligned row per device', () => {
    const stdout = succeeded('idTable').replace(/ · \d+ ms$/m, ' · N ms');
    expect(stdout).toBe(
      [
        'Remote Management and Monitoring tool - mRemoteNG - Create Process',
        'window 2026-03-05T12:00:00.000Z .. 2026-03-10T12:00:00.000Z (5d) · source embedded (events.csv) · 4 devices · N ms',
        '',
        'DeviceName               DeviceId     FirstSeen                 LastSeen                  Count  Reports',
        '-----------------------  -----------  ------------------------  ------------------------  -----  -------',
        'ws-bravo.corp.example    dev-bravo    2026-03-09T08:00:00.000Z  2026-03-10T12:00:00.000Z      2        1',
        'ws-charlie.corp.example  dev-charlie  2026-03-08T00:00:00.000Z  2026-03-08T00:00:00.000Z      1        1',
        'ws-hotel.corp.example    dev-hotel    2026-03-08T00:00:00.000Z  2026-03-08T00:00:00.000Z      1        1',
        'ws-alpha.corp.example    dev-alpha    2026-03-05T12:00:00.000Z  2026-03-07T18:30:00.000Z      3        3',
        '',
      ].join('\n'),
    );
  });
});

describe('a hunt by its YAML file', () => {
  it('prints the whole run as JSON: the hand-computed devices and the catalog query as it ran', async () => {
    const run = comparable(succeeded('yamlJson'));
    expect(run.hunt.id).toBe(SEED_HUNT_ID);
    expect(run.devices).toEqual(expectedDevices('5d'));
    expect(run.window).toMatchObject({ end: FIXTURE_NOW, lookback: '5d' });
    expect(run.kql.devices).toBe((await loadHuntFile(CATALOG_YAML)).query);
  });

  it('prints CSV, one row per device with its ReportIds space-separated; 10d adds the older device', () => {
    expect(csvRows(succeeded('yamlCsv10d'))).toEqual([
      ['DeviceId', 'DeviceName', 'FirstSeen', 'LastSeen', 'Count', 'Report'],
      [
        'dev-bravo',
        'ws-bravo.corp.example',
        '2026-03-09T08:00:00.000Z',
        '2026-03-10T12:00:00.000Z',
        '2',
        '201',
      ],
      [
        'dev-charlie',
        'ws-charlie.corp.example',
        '2026-03-08T00:00:00.000Z',
        '2026-03-08T00:00:00.000Z',
        '1',
        '9007199254740993',
      ],
      [
        'dev-hotel',
        'ws-hotel.corp.example',
        '2026-03-08T00:00:00.000Z',
        '2026-03-08T00:00:00.000Z',
        '1',
        '801',
      ],
      [
        'dev-alpha',
        'ws-alpha.corp.example',
        '2026-03-05T12:00:00.000Z',
        '2026-03-07T18:30:00.000Z',
        '3',
        '101 102 103',
      ],
      [
        'dev-echo',
        'ws-echo.corp.example',
        '2026-03-02T06:00:00.000Z',
        '2026-03-05T11:59:59.000Z',
        '2',
        '501 502',
      ],
    ]);
  });
});

describe('a .kql file', () => {
  it('runs as written: no window added, every matching launch counted', () => {
    expect(succeeded('kql')).toBe(
      [
        'DeviceName,Launches',
        'ws-alpha.corp.example,3',
        'ws-bravo.corp.example,2',
        'ws-charlie.corp.example,1',
        'ws-echo.corp.example,2',
        'ws-foxtrot.corp.example,1',
        'ws-hotel.corp.example,1',
        '',
      ].join('\r\n'),
    );
  });
});

describe('a run asked wrongly: one line on stderr, exit status 2', () => {
  it('an unknown hunt id', () => {
    expect(failed('unknownHunt')).toBe("hunt: No hunt has the id 'no-such-hunt'.");
  });

  it('an unknown --format', () => {
    expect(failed('badFormat')).toBe('hunt: --format must be one of table, json, csv (--help for usage)');
  });

  it('a --now that is not an ISO 8601 instant', () => {
    expect(failed('badNow')).toContain("--now 'March 10, 2026 12:00' is not an ISO 8601 time");
  });

  it('an events file that cannot be read', () => {
    expect(failed('unreadableEvents')).toBe(
      `hunt: cannot read events file '${path.join(dir, 'absent.csv')}'`,
    );
  });

  it('KQL outside the supported set, named with its place', () => {
    expect(failed('unsupportedKql')).toBe("hunt: Unsupported KQL construct 'join' at line 2, column 3");
  });

  it('an events file without a column the hunt reads, naming the file and that column alone', () => {
    const line = failed('missingColumns');
    expect(line).toContain(`${missingColumns}: missing column ReportId, which the query reads`);
    expect(line).not.toContain('AccountSid');
  });
});

describe('a hunt run again', () => {
  /** What HUNTBOARD_CLI_TIMING reported, in order; nothing else may be on stderr. */
  const reported = (stderr: string) =>
    stderr
      .trimEnd()
      .split('\n')
      .map((line) => /^huntboard: timing: \d+ ms: (.+)$/.exec(line)?.[1] ?? line);

  it('runs in one process, without the parser, on the answers the first run kept; the output is the same', async () => {
    const first = outcome('unseenRun');
    const again = outcome('runAgain');
    expect([first.code, again.code]).toEqual([0, 0]);
    expect(comparable(first.stdout).devices).toEqual(expectedDevices('5d'));
    expect(comparable(again.stdout)).toEqual(comparable(first.stdout));
    const loaded = 'the command line checked and loaded';
    expect(reported(first.stderr)).toEqual(
      (await ensureCliBuilt()).snapshot
        ? [loaded, 'the run needs the Kusto parser', 'done, with the Kusto parser from its snapshot']
        : [loaded, 'done, with the Kusto parser loaded on first use'],
    );
    expect(reported(again.stderr)).toEqual([loaded, 'done, without the Kusto parser']);
  });
});

describe('huntboard itself', () => {
  it('lists its commands when asked for one it does not have, with exit status 2', () => {
    const { code, stdout, stderr } = outcome('unknownCommand');
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^huntboard: no command 'hunts'\nusage: huntboard <command>/);
    expect(stderr).toMatch(/^ {2}hunt +run a hunt/m);
  });
});

describe('--record', () => {
  it('keeps the run in the triage database of the data folder, device rows and window included', async () => {
    const { code, stdout, stderr } = outcome('record');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^hunt: recorded 4 device\(s\) of /);
    const run = huntRunSchema.parse(JSON.parse(stdout));
    const store = await openTriageStore({ kind: 'pglite', dataDir: path.join(dir, 'triage') });
    try {
      const [snapshot, ...more] = await store.snapshots(
        SEED_HUNT_ID,
        '2000-01-01T00:00:00Z',
        '2100-01-01T00:00:00Z',
      );
      expect(more).toEqual([]);
      expect(snapshot).toMatchObject({ huntId: SEED_HUNT_ID, sourceId: 'embedded', windowEnd: FIXTURE_NOW });
      const rows = (devices: HuntRun['devices'] | NonNullable<typeof snapshot>['devices']) =>
        devices
          .map((d) => [d.deviceId, d.count, d.activity])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(rows(snapshot?.devices ?? [])).toEqual(rows(run.devices));
    } finally {
      await store.close();
    }
  });

  it('refuses a plain .kql query', () => {
    expect(failed('recordKql')).toMatch(/--record keeps hunt runs; a \.kql file is a plain query/);
  });
});
