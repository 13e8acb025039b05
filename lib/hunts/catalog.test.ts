import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CatalogError,
  catalogFingerprint,
  findCatalogHunt,
  loadCatalog,
  parseHunt,
  readCatalog,
  toolOf,
} from './catalog';
import {
  kindQuery,
  publishedHuntText,
  QUERY_FIRST_LINE,
  QUERY_INDENT,
  writePublishedHunt,
} from './catalog-fixtures';
import { HuntYamlError, readHuntYaml } from './catalog-yaml';
import { exclusionFileFor } from './exclusions';

const SEED_ID = 'a2d8dde6-007d-4bea-964d-97bb81006849';

// The seed rule ships beside the repository in the team's shared folder; clones without it skip that check.
const SEED_FILE = path.join(process.cwd(), '..', 'shared', 'seed', '000_b3c84f79797a2a48.txt');

/** The query block of the seed file, between "KQL Query" and the first YAML key. */
async function seedQuery(): Promise<string> {
  const seed = await readFile(SEED_FILE, 'utf8');
  const lines = seed.split('\n');
  const start = lines.indexOf('KQL Query') + 1;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('id: '));
  return lines.slice(start, end).join('\n').trim();
}

describe('hunt catalog', () => {
  it('has the seed mRemoteNG rule first', async () => {
    const hunts = await loadCatalog();
    const first = hunts[0];
    expect(first?.id).toBe(SEED_ID);
    expect(first?.name).toBe('Remote Management and Monitoring tool - mRemoteNG - Create Process');
    expect(first?.tactics).toEqual(['CommandAndControl']);
    expect(first?.relevantTechniques).toEqual(['T1219']);
    expect(first?.requiredDataConnectors).toEqual([
      { connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceProcessEvents'] },
    ]);
  });

  it.skipIf(!existsSync(SEED_FILE))(
    'keeps the query text of the seed rule exactly as in the seed',
    async () => {
      const [first] = await loadCatalog();
      expect(first?.query.trim()).toBe(await seedQuery());
    },
  );

  it('accepts tactics written as one string, as some Sentinel files do', () => {
    const hunt = parseHunt(
      'id: x\nname: X\ntactics: CommandAndControl, Persistence\nrelevantTechniques: T1219\nquery: T',
      'x.yaml',
    );
    expect(hunt.tactics).toEqual(['CommandAndControl', 'Persistence']);
  });

  it('names the file, the field and its line and column in a malformed hunt', () => {
    expect(() =>
      parseHunt('id: x\nname: X\ntactics: [C]\nrelevantTechniques: [T1]\n', 'broken.yaml'),
    ).toThrow(/^broken\.yaml:1:1: field 'query'/);
    expect(() =>
      parseHunt(
        'id: x\nname: X\ntactics: [C]\nrelevantTechniques: T1\nquery: T\nrequiredDataConnectors: [{connectorId: 1}]',
        'c.yaml',
      ),
    ).toThrow(/^c\.yaml:6:40: field 'requiredDataConnectors\.0\.connectorId'/);
    expect(() => parseHunt('id: [unclosed', 'bad.yaml')).toThrow(/^bad\.yaml:1:14: not valid YAML/);
    expect(() => parseHunt('- just\n- a list', 'list.yaml')).toThrow(CatalogError);
  });

  it('refuses two files with the same id, naming both', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'catalog-'));
    const body = 'id: same\nname: X\ntactics: [C]\nrelevantTechniques: [T1]\nquery: T\n';
    await writeFile(path.join(dir, 'a.yaml'), body);
    await writeFile(path.join(dir, 'b.yml'), body);
    await expect(loadCatalog(dir)).rejects.toThrow(/b\.yml:1:5: the id 'same' is already used by .*a\.yaml/);
  });
});

describe('a catalog folder as published', () => {
  let dir: string;
  let files: Record<'alpha' | 'beta' | 'delta' | 'epsilon' | 'gamma' | 'zeta', string>;
  const badKql = kindQuery('netconn', 'epsilon').replace(
    "'relay.epsilon.example')",
    "'relay.epsilon.example'))",
  );

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalog-published-'));
    const delta = publishedHuntText({ id: 'delta-proc', tool: 'Delta', kind: 'createproc' }).replace(
      'tactics: CommandAndControl\n',
      'tactics: CommandAndControl\ntactics: Persistence\n',
    );
    files = {
      alpha: await writePublishedHunt(dir, {
        id: 'alpha-proc',
        tool: 'Alpha',
        kind: 'createproc',
        defect: false,
      }),
      beta: await writePublishedHunt(dir, { id: 'beta-net', tool: 'Beta', kind: 'netconn', crlf: true }),
      delta: await writePublishedHunt(
        dir,
        { id: 'delta-proc', tool: 'Delta', kind: 'createproc' },
        { text: delta },
      ),
      epsilon: await writePublishedHunt(dir, {
        id: 'eps-net',
        tool: 'Epsilon',
        kind: 'netconn',
        query: badKql,
        crlf: true,
      }),
      gamma: await writePublishedHunt(
        dir,
        { id: 'gamma-sig', tool: 'Gamma', kind: 'filesig' },
        { ext: 'yml' },
      ),
      zeta: await writePublishedHunt(dir, { id: 'alpha-proc', tool: 'Zeta', kind: 'createproc' }),
    };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads every good file from the nested tool folders, the indentation defect included', async () => {
    const { hunts } = await readCatalog([dir]);
    expect(hunts.map((h) => [h.file, h.tool, h.tables, h.lookbackMs])).toEqual([
      [files.alpha, 'Alpha', ['DeviceProcessEvents'], 5 * 86_400_000],
      [files.beta, 'Beta', ['DeviceNetworkEvents'], 5 * 86_400_000],
      [files.gamma, 'Gamma', ['DeviceFileCertificateInfo'], 5 * 86_400_000],
    ]);
    const beta = hunts[1];
    expect(beta?.requiredDataConnectors).toEqual([
      { connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] },
    ]);
    expect(beta?.relevantTechniques).toEqual(['T1219']);
    expect(beta?.query).toBe(kindQuery('netconn', 'beta'));
  });

  it('lists each bad file with the line and column in that file, in path order', async () => {
    const { problems } = await readCatalog([dir]);
    const epsilonLine = "'relay.epsilon.example'))";
    expect(problems).toEqual([
      {
        file: files.delta,
        line: 10,
        column: 1,
        cause: 'yaml',
        message: 'not valid YAML: Map keys must be unique',
      },
      {
        file: files.epsilon,
        line: QUERY_FIRST_LINE + 4,
        column: QUERY_INDENT + (badKql.split('\n')[4] ?? '').indexOf(epsilonLine) + epsilonLine.length,
        cause: 'schema',
        message: expect.stringMatching(/^the query is not valid KQL: /),
      },
      {
        file: files.zeta,
        line: 1,
        column: 5,
        cause: 'duplicate',
        message: `the id 'alpha-proc' is already used by ${files.alpha}`,
      },
    ]);
    const epsilonText = (await readFile(files.epsilon, 'utf8')).split('\r\n');
    const problem = problems[1];
    expect(epsilonText[(problem?.line ?? 0) - 1]?.slice((problem?.column ?? 0) - 1)).toBe(')');
  });

  it('warns where it read the defect, and nowhere else', async () => {
    const { entries } = await readCatalog([dir]);
    const warned = entries
      .filter((e) => e.warnings.length)
      .map((e) => [e.file, e.warnings[0]?.line, e.warnings[0]?.column]);
    expect(warned).toEqual([
      [files.beta, 7, 5],
      [files.epsilon, 7, 5],
      [files.gamma, 7, 5],
      [files.zeta, 7, 5],
    ]);
  });

  it('reads in the same order every time, a file named twice once', async () => {
    const first = await readCatalog([dir]);
    const again = await readCatalog([files.gamma, dir]);
    expect(again.entries.map((e) => e.file)).toEqual([
      files.gamma,
      ...first.entries.map((e) => e.file).filter((f) => f !== files.gamma),
    ]);
    expect((await readCatalog([dir])).problems).toEqual(first.problems);
  });

  it('has a fingerprint that changes when a hunt file or sidecar is added or edited, and only then', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'catalog-fingerprint-'));
    try {
      const file = await writePublishedHunt(copy, { id: 'fp', tool: 'Fp', kind: 'createproc' });
      const first = await catalogFingerprint([copy]);
      expect(await catalogFingerprint([copy])).toBe(first);
      await writeFile(path.join(copy, 'notes.txt'), 'not a hunt');
      expect(await catalogFingerprint([copy])).toBe(first);
      await writeFile(file, `${await readFile(file, 'utf8')}version: 1.0.1\n`);
      const edited = await catalogFingerprint([copy]);
      expect(edited).not.toBe(first);
      await writeFile(exclusionFileFor(file), 'exclusions: []\n');
      const withSidecar = await catalogFingerprint([copy]);
      expect(withSidecar).not.toBe(edited);
      await writePublishedHunt(copy, { id: 'fp2', tool: 'Fp', kind: 'netconn' });
      expect(await catalogFingerprint([copy])).not.toBe(withSidecar);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('finds one hunt by id as the whole read does, with the problems of its own files only', async () => {
    const missing = path.join(dir, 'nowhere');
    const read = await readCatalog([dir]);
    for (const id of ['alpha-proc', 'beta-net', 'gamma-sig']) {
      const found = await findCatalogHunt([dir], id);
      expect(found).toEqual({ hunt: read.hunts.find((h) => h.id === id), problems: [] });
    }
    // The first of two files with the id, and the other hunts' broken query unread.
    expect((await findCatalogHunt([dir], 'alpha-proc')).hunt?.file).toBe(files.alpha);
    const broken = await findCatalogHunt([missing, dir], 'eps-net');
    expect(broken.hunt).toBeUndefined();
    expect(broken.problems.map((p) => [p.file, p.cause])).toEqual([
      [missing, 'yaml'],
      [files.epsilon, 'schema'],
    ]);
    expect(await findCatalogHunt([dir], 'no-such-hunt')).toEqual({ hunt: undefined, problems: [] });
  });

  it('reports a missing folder as a problem and still reads the others', async () => {
    const missing = path.join(dir, 'nowhere');
    const { hunts, problems } = await readCatalog([missing, dir]);
    expect(hunts).toHaveLength(3);
    expect(problems[0]).toMatchObject({ file: missing, cause: 'yaml', message: 'no such file or folder' });
  });
});

describe('the published indentation defect', () => {
  const connector = (dataTypesIndent: number, item = 'connectorId') =>
    [
      'id: x',
      'requiredDataConnectors:',
      `    - ${item}: MicrosoftThreatProtection`,
      `${' '.repeat(dataTypesIndent)}dataTypes:`,
      '        - DeviceProcessEvents',
      'query: T',
      '',
    ].join('\n');

  it("is read as the connector's data types", () => {
    const yaml = readHuntYaml(connector(4));
    expect(yaml.value).toMatchObject({
      requiredDataConnectors: [
        { connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceProcessEvents'] },
      ],
    });
    expect(yaml.warnings).toHaveLength(1);
  });

  it('is recognised exactly: other indentation errors stay errors, at their place in the file', () => {
    expect(() => readHuntYaml(connector(3))).toThrow(HuntYamlError);
    expect(() => readHuntYaml(connector(4, 'name'))).toThrow(
      /All mapping items must start at the same column/,
    );
    try {
      readHuntYaml(connector(4, 'name'));
    } catch (error) {
      expect((error as HuntYamlError).position).toEqual({ line: 4, column: 1 });
    }
  });

  it("points an error inside the repaired block at the file's own column", () => {
    const text = connector(4).replace('- DeviceProcessEvents', '- DeviceProcessEvents: x: y');
    let position: unknown;
    try {
      readHuntYaml(text);
    } catch (error) {
      position = (error as HuntYamlError).position;
    }
    expect(position).toEqual({ line: 5, column: 32 });
    expect(text.split('\n')[4]?.slice(31)).toBe('x: y');
  });
});

describe("a hunt's tool", () => {
  it('comes from a tool field, the published file name or the published hunt name', () => {
    const name = 'Remote Management and Monitoring tool - Splashtop Business - Create Process';
    expect(toolOf('rmm_SplashtopBusiness_createproc.yaml', name)).toBe('Splashtop Business');
    expect(toolOf('x/rmm_mremoteng_createproc.yaml', 'Something else')).toBe('mremoteng');
    expect(
      toolOf('x/rmm__all_netconn.yaml', 'Remote Management and Monitoring tool - All Tools - Network'),
    ).toBe('All Tools');
    expect(toolOf('mine.yaml', name, 'Splashtop')).toBe('Splashtop');
    expect(toolOf('mine.yaml', 'My hunt')).toBeNull();
  });
});
