import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog, parseHunt } from './catalog';

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

  it('names the file and the field of a malformed hunt', () => {
    expect(() =>
      parseHunt('id: x\nname: X\ntactics: [C]\nrelevantTechniques: [T1]\n', 'broken.yaml'),
    ).toThrow(/broken\.yaml: field 'query'/);
    expect(() =>
      parseHunt(
        'id: x\nname: X\ntactics: [C]\nrelevantTechniques: T1\nquery: T\nrequiredDataConnectors: [{connectorId: 1}]',
        'c.yaml',
      ),
    ).toThrow(/c\.yaml: field 'requiredDataConnectors\.0\.connectorId'/);
    expect(() => parseHunt('id: [unclosed', 'bad.yaml')).toThrow(/bad\.yaml: not valid YAML at line 1/);
    expect(() => parseHunt('- just\n- a list', 'list.yaml')).toThrow(CatalogError);
  });

  it('refuses two files with the same id', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'catalog-'));
    const body = 'id: same\nname: X\ntactics: [C]\nrelevantTechniques: [T1]\nquery: T\n';
    await writeFile(path.join(dir, 'a.yaml'), body);
    await writeFile(path.join(dir, 'b.yml'), body);
    await expect(loadCatalog(dir)).rejects.toThrow(/b\.yml: field 'id' repeats the id of .*a\.yaml/);
  });
});
