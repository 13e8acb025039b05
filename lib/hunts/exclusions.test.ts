// Exclusion files: what a valid sidecar gives, and the errors a malformed one gets (naming file and field).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from './catalog';
import {
  type ExclusionRule,
  exclusionFileFor,
  parseExclusions,
  selectExclusions,
  UnknownExclusionError,
} from './exclusions';

const FILE = 'x.exclusions.yaml';

const rule = (predicate: string, id = 'admin-scripts') =>
  `exclusions:\n  - id: ${id}\n    title: T\n    scenario: S\n    filter: F\n    predicate: ${JSON.stringify(predicate)}\n`;

function errorOf(text: string): string {
  try {
    parseExclusions(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as Error).message;
  }
  throw new Error('expected a CatalogError');
}

describe('parseExclusions', () => {
  it('keeps each predicate as one trimmed expression', () => {
    const [parsed] = parseExclusions(rule("  InitiatingProcessFileName =~ 'mstsc.exe' // rdp\n"), FILE);
    expect(parsed).toEqual({
      id: 'admin-scripts',
      title: 'T',
      scenario: 'S',
      filter: 'F',
      predicate: "InitiatingProcessFileName =~ 'mstsc.exe'",
    });
  });

  it.each([
    ['exclusions: [', /^x\.exclusions\.yaml: not valid YAML/],
    ['exclusions:\n  - id: Admin Scripts\n', /field 'exclusions\.0\.id' must be kebab-case/],
    ['exclusions:\n  - id: a\n    title: T\n', /field 'exclusions\.0\.scenario'/],
    [rule(''), /field 'exclusions\.0\.predicate' must not be empty/],
    [rule("NoSuchColumn has 'x'"), /field 'exclusions\.0\.predicate'.*NoSuchColumn/],
    [rule("FileName has 'x' | take 1"), /field 'exclusions\.0\.predicate'/],
    [
      rule("FileName has 'x'; print 1"),
      /field 'exclusions\.0\.predicate' An exclusion must be one predicate/,
    ],
    [`${rule("FileName has 'x'")}${rule("FileName has 'y'").replace('exclusions:\n', '')}`, /repeats the id/],
  ])('rejects %j, naming the file and field', (text, message) => {
    const said = errorOf(text);
    expect(said).toMatch(/^x\.exclusions\.yaml: /);
    expect(said).toMatch(message);
  });
});

describe('the catalog', () => {
  it('gives each hunt its sidecar rules and does not read the sidecar as a hunt', async () => {
    const hunts = await loadCatalog();
    expect(hunts.filter((h) => h.file.endsWith('.exclusions.yaml'))).toEqual([]);
    expect(hunts[0]?.file).toMatch(/rmm_mremoteng_createproc\.yaml$/);
    expect(hunts[0]?.exclusions).toHaveLength(5);
    // The starter hunts have no sidecar.
    expect(hunts.slice(1).every((h) => h.exclusions.length === 0)).toBe(true);
  });

  it('names the sidecar file when it is malformed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'huntboard-exclusions-catalog-'));
    try {
      const hunt = path.join(dir, 'h.yaml');
      await writeFile(hunt, await readFile('lib/hunts/catalog/rmm_mremoteng_createproc.yaml', 'utf8'));
      await writeFile(exclusionFileFor(hunt), rule("Bogus =~ 'x'"));
      await expect(loadCatalog(dir)).rejects.toThrow(
        /h\.exclusions\.yaml:\d+:\d+: field 'exclusions\.0\.predicate'/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('selectExclusions', () => {
  const rules = ['a', 'b', 'c'].map((id) => ({ id }) as ExclusionRule);

  it('returns the requested rules in the hunt’s order', () => {
    expect(selectExclusions(rules, ['c', 'a', 'c']).map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('throws UnknownExclusionError naming the unknown ids and the valid ones', () => {
    expect(() => selectExclusions(rules, ['a', 'zz'])).toThrow(UnknownExclusionError);
    expect(() => selectExclusions(rules, ['zz'])).toThrow("Unknown exclusion 'zz'; valid ids are: a, b, c.");
  });
});
