// The catalog check as a user runs it, in child processes, over hunt files the test writes in the published
// format (nested tool folders, the dataTypes indentation defect, \r\n line ends, a .yml): which files pass,
// each failure's cause and line:column in its file, the table's summary, and exit status 0, 1 or 2.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogCheckResult } from '@/lib/hunts/catalog-check';
import {
  kindQuery,
  publishedHuntText,
  QUERY_FIRST_LINE,
  QUERY_INDENT,
  writePublishedHunt,
} from '@/lib/hunts/catalog-fixtures';
import { writeLolrmmFolder } from '@/lib/hunts/lolrmm-fixtures';
import { ensureCliBuilt } from './cli/build.mjs';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function catalog(args: readonly string[]): Promise<Outcome> {
  const { NODE_OPTIONS: _inherited, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/huntboard.mjs', 'catalog', ...args], {
      cwd: process.cwd(),
      env,
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

/** The 1-based file position of `needle` on the query's line `queryLine` (1-based) in a published file. */
function inQuery(query: string, queryLine: number, needle: string): { line: number; column: number } {
  const index = (query.split('\n')[queryLine - 1] ?? '').indexOf(needle);
  if (index < 0) throw new Error(`'${needle}' is not on line ${queryLine} of the query`);
  return { line: QUERY_FIRST_LINE + queryLine - 1, column: QUERY_INDENT + index + 1 };
}

const NOW = '2026-11-01T12:00:00Z';
const badSyntax = kindQuery('netconn', 'epsilon').replace(
  "'relay.epsilon.example')",
  "'relay.epsilon.example'))",
);
const noSuchColumn = kindQuery('netconn', 'kappa').replace(
  'by DeviceId, DeviceName, RemoteUrl',
  'by DeviceId, AccountUpn',
);
const untranslatable = kindQuery('createproc', 'lambda').replace(
  '| summarize',
  '| extend Digest = hash_sha256(FileName)\n| summarize',
);

let dir: string;
let good: string;
let lolrmm: string;
const files: Record<string, string> = {};
const runs = new Map<string, Outcome>();

function outcome(name: string): Outcome {
  const result = runs.get(name);
  if (!result) throw new Error(`no run named ${name}`);
  return result;
}

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-catalog-'));
  const all = path.join(dir, 'published');
  good = path.join(dir, 'good');
  const write = async (key: string, ...args: Parameters<typeof writePublishedHunt>) => {
    files[key] = path.relative(process.cwd(), await writePublishedHunt(...args));
  };
  await write('alpha', all, { id: 'alpha-proc', tool: 'Alpha', kind: 'createproc', defect: false });
  await write('beta', all, { id: 'beta-net', tool: 'Beta', kind: 'netconn', crlf: true });
  await write(
    'delta',
    all,
    { id: 'delta-proc', tool: 'Delta', kind: 'createproc' },
    {
      text: publishedHuntText({ id: 'delta-proc', tool: 'Delta', kind: 'createproc' }).replace(
        'tactics: CommandAndControl\n',
        'tactics: CommandAndControl\ntactics: Persistence\n',
      ),
    },
  );
  await write('epsilon', all, {
    id: 'eps-net',
    tool: 'Epsilon',
    kind: 'netconn',
    query: badSyntax,
    crlf: true,
  });
  await write('gamma', all, { id: 'gamma-sig', tool: 'Gamma', kind: 'filesig' }, { ext: 'yml' });
  await write('kappa', all, { id: 'kappa-net', tool: 'Kappa', kind: 'netconn', query: noSuchColumn });
  await write('lambda', all, {
    id: 'lambda-proc',
    tool: 'Lambda',
    kind: 'createproc',
    query: untranslatable,
  });
  await write('zeta', all, { id: 'alpha-proc', tool: 'Zeta', kind: 'createproc' });
  for (const kind of ['createproc', 'netconn', 'filesig'] as const)
    await writePublishedHunt(good, { id: `good-${kind}`, tool: 'Good', kind, crlf: kind === 'netconn' });
  lolrmm = path.join(dir, 'lolrmm');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(lolrmm);
  await writeLolrmmFolder(lolrmm);

  const relative = path.relative(process.cwd(), all);
  const commands: Record<string, string[]> = {
    json: ['check', relative, '--now', NOW, '--format', 'json'],
    table: ['check', relative, '--now', NOW],
    good: ['check', good, '--format', 'json'],
    lolrmm: ['check', lolrmm, '--now', NOW],
    unknownFlag: ['check', good, '--verbose'],
    missingPath: ['check', path.join(dir, 'nowhere')],
    noPath: ['check'],
    badNow: ['check', good, '--now', 'yesterday'],
    badFormat: ['check', good, '--format', 'csv'],
  };
  // A few at a time: each process loads the Kusto parser and DuckDB.
  const queue = Object.entries(commands);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) runs.set(next[0], await catalog(next[1]));
  };
  await Promise.all([worker(), worker()]);
}, 300_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run catalog -- check', () => {
  it('gives one entry per hunt file, in path order, with each failure at its place in the file', () => {
    const { code, stdout, stderr } = outcome('json');
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const results = JSON.parse(stdout) as CatalogCheckResult[];
    const brief = results.map(({ warnings: _w, ...r }) => r);
    expect(brief).toEqual([
      {
        file: files.alpha,
        id: 'alpha-proc',
        name: 'Remote Management and Monitoring tool - Alpha - Create Process',
        tool: 'Alpha',
        tables: ['DeviceProcessEvents'],
        status: 'ok',
      },
      {
        file: files.beta,
        id: 'beta-net',
        name: 'Remote Management and Monitoring tool - Beta - Network Connection',
        tool: 'Beta',
        tables: ['DeviceNetworkEvents'],
        status: 'ok',
      },
      {
        file: files.delta,
        id: null,
        name: null,
        tool: 'Delta',
        tables: [],
        status: 'error',
        error: { cause: 'yaml', message: 'not valid YAML: Map keys must be unique', line: 10, column: 1 },
      },
      {
        file: files.epsilon,
        id: 'eps-net',
        name: 'Remote Management and Monitoring tool - Epsilon - Network Connection',
        tool: 'Epsilon',
        tables: [],
        status: 'error',
        error: {
          cause: 'schema',
          message: expect.stringMatching(/^the query is not valid KQL: /),
          ...inQuery(badSyntax, 5, "'))"),
          column: inQuery(badSyntax, 5, "'))").column + 2,
        },
      },
      {
        file: files.gamma,
        id: 'gamma-sig',
        name: 'Remote Management and Monitoring tool - Gamma - File Signature',
        tool: 'Gamma',
        tables: ['DeviceFileCertificateInfo'],
        status: 'ok',
      },
      {
        file: files.kappa,
        id: 'kappa-net',
        name: 'Remote Management and Monitoring tool - Kappa - Network Connection',
        tool: 'Kappa',
        tables: ['DeviceNetworkEvents'],
        status: 'error',
        error: {
          cause: 'schema',
          message: expect.stringContaining("'AccountUpn'"),
          ...inQuery(noSuchColumn, 7, 'AccountUpn'),
        },
      },
      {
        file: files.lambda,
        id: 'lambda-proc',
        name: 'Remote Management and Monitoring tool - Lambda - Create Process',
        tool: 'Lambda',
        tables: ['DeviceProcessEvents'],
        status: 'error',
        error: {
          cause: 'translation',
          message: expect.stringContaining('hash_sha256'),
          ...inQuery(untranslatable, 6, 'hash_sha256'),
        },
      },
      {
        file: files.zeta,
        id: 'alpha-proc',
        name: 'Remote Management and Monitoring tool - Zeta - Create Process',
        tool: 'Zeta',
        tables: ['DeviceProcessEvents'],
        status: 'error',
        error: {
          cause: 'duplicate',
          message: `the id 'alpha-proc' is already used by ${files.alpha}`,
          line: 1,
          column: 5,
        },
      },
    ]);
    // Every published-format file but alpha's says it read the defect; the broken YAML never got that far.
    expect(results.filter((r) => r.warnings?.length).map((r) => r.file)).toEqual([
      files.beta,
      files.epsilon,
      files.gamma,
      files.kappa,
      files.lambda,
      files.zeta,
    ]);
  });

  it('points at the very text in the file', async () => {
    const results = JSON.parse(outcome('json').stdout) as CatalogCheckResult[];
    const at = async (file: string | undefined) => {
      const error = results.find((r) => r.file === file)?.error;
      const lines = (await readFile(file ?? '', 'utf8')).split(/\r?\n/);
      return lines[(error?.line ?? 0) - 1]?.slice((error?.column ?? 0) - 1);
    };
    expect(await at(files.epsilon)).toBe(')');
    expect(await at(files.kappa)).toBe('AccountUpn');
    expect(await at(files.lambda)).toMatch(/^hash_sha256\(FileName\)/);
    expect(await at(files.zeta)).toBe('alpha-proc');
  });

  it('ends the table with how many passed and failed, by cause', () => {
    const { code, stdout, stderr } = outcome('table');
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toContain(`error  ${files.kappa}:${QUERY_FIRST_LINE + 6}:`);
    expect(stdout).toContain(`ok     ${files.gamma}  Gamma  DeviceFileCertificateInfo`);
    const tail = stdout.trimEnd().split('\n').slice(-2);
    expect(tail).toEqual([
      "6 file(s) have the published catalog's `dataTypes:` indentation defect; read as intended",
      '8 hunt(s): 3 ok, 5 failed (yaml 1, schema 2, translation 1, run 0, duplicate id 1)',
    ]);
  });

  it('exits 0 when every hunt passes', () => {
    const { code, stdout, stderr } = outcome('good');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const results = JSON.parse(stdout) as CatalogCheckResult[];
    expect(results.map((r) => [r.tables, r.status])).toEqual([
      [['DeviceProcessEvents'], 'ok'],
      [['DeviceFileCertificateInfo'], 'ok'],
      [['DeviceNetworkEvents'], 'ok'],
    ]);
  });

  it('lists each hunt generated from a LOLRMM folder, the tools without one, and what was left out', () => {
    const { code, stdout, stderr } = outcome('lolrmm');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    const remotely = path.join(lolrmm, 'remotely_pro.yaml');
    expect(lines).toContain(
      `ok     ${remotely}  Remotely Pro  DeviceNetworkEvents  lolrmm-remotely-pro-netconn`,
    );
    expect(lines).toContain(
      "       40:17: domain 'relay-[0-9]{4}.remotely-relay.com:443' left out: a pattern, not a domain",
    );
    const skip = lines.indexOf(`skip   ${path.join(lolrmm, 'nothing_usable.yml')}:1:7  Nothing Usable  -`);
    expect(skip).toBeGreaterThan(-1);
    expect(lines[skip + 1]).toMatch(/^ {7}no hunt generated: /);
    expect(lines.at(-1)).toBe(
      '7 hunt(s): 7 ok, 0 failed (yaml 0, schema 0, translation 0, run 0, duplicate id 0); 1 LOLRMM tool(s) gave no hunt',
    );
  });

  it.each([
    ['unknownFlag', /^catalog: Unknown option '--verbose'/],
    ['missingPath', /^catalog: no such file or folder: .*nowhere/],
    ['noPath', /^catalog: name at least one catalog folder or hunt file/],
    ['badNow', /^catalog: --now 'yesterday' is not an ISO 8601 time/],
    ['badFormat', /^catalog: --format must be one of table, json/],
  ])('refuses bad usage (%s) with exit 2 and one line', (name, message) => {
    const { code, stdout, stderr } = outcome(name);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^catalog: [^\n]+\n$/);
    expect(stderr).toMatch(message);
  });
});
