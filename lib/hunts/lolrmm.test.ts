// The LOLRMM import end to end on fixture files in LOLRMM's format: which hunts a folder and the JSON export
// give, what is left out and reported where, and what the generated hunts find on the embedded engine.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeHunt } from '@/lib/kql/compose';
import { queryTables } from '@/lib/kql/table-references';
import { createTable, openDatabase, type Row, runKql } from '@/lib/kql/test-support';
import { table, tableSchemas } from '@/lib/tables/registry';
import { findCatalogHunt, type Hunt, MAX_CATALOG_FILES, readCatalog } from './catalog';
import { checkCatalog } from './catalog-check';
import { LOLRMM_LIMITS, lolrmmArtefacts, lolrmmToolSchema } from './lolrmm-artefacts';
import { lolrmmExportJson, WRONG_TYPE_YAML, writeLolrmmFolder } from './lolrmm-fixtures';

const NOW = new Date('2026-11-01T12:00:00Z');
let dir: string;
let folder: string;
let exportFile: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-lolrmm-'));
  folder = path.join(dir, 'yaml');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(folder);
  await writeLolrmmFolder(folder);
  exportFile = path.join(dir, 'rmm_tools.json');
  await writeFile(exportFile, lolrmmExportJson());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const huntById = (hunts: readonly Hunt[], id: string): Hunt => {
  const hunt = hunts.find((h) => h.id === id);
  if (!hunt) throw new Error(`no hunt ${id} among ${hunts.map((h) => h.id).join(', ')}`);
  return hunt;
};

describe('reading a LOLRMM yaml folder', () => {
  it('generates the process, network and signer hunts per tool, with ids from the tool name', async () => {
    const { hunts, problems, notes } = await readCatalog([folder]);
    expect(problems).toEqual([]);
    expect(hunts.map((h) => [h.id, h.tool, h.tables, path.basename(h.file)])).toEqual([
      ['lolrmm-listed-desk-createproc', 'Listed Desk', ['DeviceProcessEvents'], 'listed_desk.yaml'],
      ['lolrmm-listed-desk-netconn', 'Listed Desk', ['DeviceNetworkEvents'], 'listed_desk.yaml'],
      ['lolrmm-listed-desk-filesig', 'Listed Desk', ['DeviceFileCertificateInfo'], 'listed_desk.yaml'],
      // The same tool name in a second file: its file's name keeps the ids apart.
      ['lolrmm-listed-desk-listeddesk-createproc', 'Listed Desk', ['DeviceProcessEvents'], 'listeddesk.yaml'],
      ['lolrmm-remotely-pro-createproc', 'Remotely Pro', ['DeviceProcessEvents'], 'remotely_pro.yaml'],
      ['lolrmm-remotely-pro-netconn', 'Remotely Pro', ['DeviceNetworkEvents'], 'remotely_pro.yaml'],
      ['lolrmm-remotely-pro-filesig', 'Remotely Pro', ['DeviceFileCertificateInfo'], 'remotely_pro.yaml'],
    ]);
    expect(notes).toEqual([
      {
        file: path.join(folder, 'nothing_usable.yml'),
        line: 1,
        column: 7,
        tool: 'Nothing Usable',
        message: expect.stringContaining('no hunt generated'),
      },
    ]);
  });

  it('keeps each hunt a plain catalog hunt: its query names its table and window, as composition reads them', async () => {
    const { hunts } = await readCatalog([folder]);
    for (const hunt of hunts) {
      expect(queryTables(hunt.query)).toEqual(hunt.tables);
      expect(composeHunt(hunt.query).lookbackMs).toBe(hunt.lookbackMs);
      expect(hunt).toMatchObject({
        tactics: ['CommandAndControl'],
        relevantTechniques: ['T1219'],
        exclusions: [],
      });
    }
  });

  it('uses real executable names, domains and signers, and reports what it leaves out at its line', async () => {
    const { entries } = await readCatalog([folder]);
    const remotely = entries.filter((e) => e.tool === 'Remotely Pro');
    const proc = huntById(
      remotely.flatMap((e) => (e.hunt ? [e.hunt] : [])),
      'lolrmm-remotely-pro-createproc',
    );
    expect(proc.query).toContain(
      "FileName in~ ('RemotelyAgent.exe', 'RemotelyViewer.exe', 'rm_helper.exe') or ProcessVersionInfoOriginalFileName in~ ('RemotelyAgent.exe', 'RemotelyViewer.exe', 'rm_helper.exe')",
    );
    const warnings = remotely.flatMap((e) => e.warnings.map((w) => `${w.line}:${w.column} ${w.message}`));
    expect(warnings).toEqual([
      "23:11 executable 'rmsetup*.exe' left out: a file name pattern with a wildcard, not a name",
      "24:11 executable 'setup.exe' left out: too broad to identify the tool: the generic installer name of countless products",
      "39:17 domain '10.20.30.40' left out: an IP address or range, not a domain",
      "40:17 domain 'relay-[0-9]{4}.remotely-relay.com:443' left out: a pattern, not a domain",
      "41:17 domain 'gw.remotely.io:8443' left out: a host with a port, not a domain",
      "42:17 domain 'https://download.remotely.io/agent' left out: a URL or path, not a domain",
      "43:17 domain 'auth*.remotely.io' left out: a wildcard inside a name; only a leading `*.` is understood",
      "44:17 domain 'github.com' left out: too broad to identify the tool: GitHub, used by every developer",
      "45:17 domain '*.amazonaws.com' left out: too broad to identify the tool: Amazon Web Services, shared by all its customers",
      "59:24 signer 'Remotely\\' left out: a fragment of a signer name (it ends with a backslash)",
      "63:11 signer 'Microsoft Corporation' left out: too broad to identify the tool: signs Windows' own files",
      "64:11 signer '.NET' left out: a fragment of a signer name",
    ]);
    const signer = huntById(
      remotely.flatMap((e) => (e.hunt ? [e.hunt] : [])),
      'lolrmm-remotely-pro-filesig',
    );
    expect(signer.query).toContain("| where Signer in~ ('Remotely Software Ltd')\n");
    const network = huntById(
      remotely.flatMap((e) => (e.hunt ? [e.hunt] : [])),
      'lolrmm-remotely-pro-netconn',
    );
    expect(network.query).toContain(
      "| where RemoteUrl has_any ('remotely-relay.com', 'portal.remotely.io', 'remotely-bucket.s3.amazonaws.com') and RemoteUrl matches regex '(?i)^",
    );
  });

  it('takes executable names from PEMetadata lists and from paths under Artifacts, once whatever their case', async () => {
    const { hunts } = await readCatalog([folder]);
    expect(huntById(hunts, 'lolrmm-listed-desk-createproc').query).toContain(
      "FileName in~ ('listed.exe', 'ListedDesk.exe', 'listed_svc.exe') or",
    );
  });

  it('lists a tool with no usable artefact with the reason and every entry it left out', async () => {
    const results = await checkCatalog([folder], { now: NOW });
    const nothing = results.filter((r) => r.tool === 'Nothing Usable');
    expect(nothing).toEqual([
      {
        file: path.join(folder, 'nothing_usable.yml'),
        id: null,
        name: null,
        tool: 'Nothing Usable',
        tables: [],
        status: 'skipped',
        note: {
          line: 1,
          column: 7,
          message:
            'no hunt generated: no usable process file name (*.exe), domain or signer (2 entries left out, see the warnings)',
        },
        warnings: [
          {
            line: 10,
            column: 11,
            message:
              "executable 'svchost.exe' left out: too broad to identify the tool: a Windows system process",
          },
          {
            line: 15,
            column: 17,
            message: "domain '192.168.0.0/16' left out: an IP address or range, not a domain",
          },
        ],
      },
    ]);
    // Every generated hunt passes the check: Kusto's schema, translation, and a run on the embedded engine.
    expect(results.filter((r) => r.status !== 'skipped').map((r) => r.status)).toEqual(Array(7).fill('ok'));
  }, 60_000);

  it('names the file, line and column of a wrong type, and the tool, and reads the other files', async () => {
    const bad = path.join(dir, 'bad');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(bad);
    await writeFile(path.join(bad, 'broken.yaml'), WRONG_TYPE_YAML);
    await writeFile(path.join(bad, 'not-yaml.yaml'), 'Name: X\nDetails: [unclosed\n');
    const { problems, hunts } = await readCatalog([bad, folder]);
    const column = (WRONG_TYPE_YAML.split('\n')[4] ?? '').indexOf('[') + 1;
    expect(problems.map((p) => [path.basename(p.file), p.line, p.column, p.cause])).toEqual([
      ['broken.yaml', 5, column, 'yaml'],
      ['not-yaml.yaml', 3, 1, 'yaml'],
    ]);
    expect(problems[0]?.message).toMatch(/^LOLRMM tool entry: field 'Details\.PEMetadata\.1\.Filename' /);
    expect(hunts).toHaveLength(7);
  });

  it('finds a generated hunt by id, as the command line looks one up', async () => {
    const { hunt } = await findCatalogHunt([folder], 'lolrmm-listed-desk-listeddesk-createproc');
    expect(hunt?.query).toContain("FileName in~ ('listed2.exe')");
    expect((await findCatalogHunt([folder], 'lolrmm-nope-createproc')).hunt).toBeUndefined();
  });
});

describe("reading LOLRMM's JSON export", () => {
  it('gives the same hunts as the folder, the repeated tool numbered by its place in the export', async () => {
    const fromFolder = (await readCatalog([folder])).hunts;
    const { hunts, problems, notes } = await readCatalog([exportFile]);
    expect(problems).toEqual([]);
    expect(notes.map((n) => [n.tool, n.line, n.column])).toEqual([['Nothing Usable', 47, 17]]);
    const strip = (h: Hunt) => ({ name: h.name, query: h.query, tables: h.tables, tool: h.tool });
    expect(hunts.map(strip)).toEqual(fromFolder.map(strip));
    expect(hunts.map((h) => h.id)).toContain('lolrmm-listed-desk-2-createproc');
    expect(new Set(hunts.map((h) => h.file))).toEqual(new Set([exportFile]));
  });

  it('names the line and column of a wrong type inside the array, and of a JSON syntax error', async () => {
    const wrong = path.join(dir, 'wrong.json');
    const badLine = '  {"Name": "Bad", "Artifacts": {"Network": [{"Domains": "x.com"}]}}';
    await writeFile(
      wrong,
      `[\n  {"Name": "Fine", "Details": {"PEMetadata": {"Filename": "fine.exe"}}},\n${badLine}\n]\n`,
    );
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '[\n  {"Name": "X", "Details": {}\n]\n');
    const other = path.join(dir, 'package.json');
    await writeFile(other, '{"name": "not-lolrmm"}\n');
    const { problems, hunts } = await readCatalog([wrong, broken, other]);
    expect(hunts.map((h) => h.id)).toEqual(['lolrmm-fine-createproc']);
    expect(problems.map((p) => [path.basename(p.file), p.line, p.column])).toEqual([
      ['wrong.json', 3, badLine.indexOf('"x.com"') + 1],
      ['broken.json', 3, 1],
      ['package.json', 1, 1],
    ]);
    expect(problems[0]?.message).toMatch(/field '1\.Artifacts\.Network\.0\.Domains'/);
    expect(problems[1]?.message).toMatch(/^not valid JSON: /);
    expect(problems[2]?.message).toMatch(/must be LOLRMM’s export/);
  });

  it(`counts each tool of an export towards the catalog's ${MAX_CATALOG_FILES} files`, async () => {
    const many = path.join(dir, 'many.json');
    const tools = Array.from({ length: MAX_CATALOG_FILES + 1 }, (_, i) => ({
      Name: `Tool ${i}`,
      Details: { PEMetadata: { Filename: `tool${i}.exe` } },
    }));
    await writeFile(many, JSON.stringify(tools));
    const { hunts, problems } = await readCatalog([many]);
    expect(hunts).toHaveLength(MAX_CATALOG_FILES);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(`tools ${MAX_CATALOG_FILES + 1} to ${MAX_CATALOG_FILES + 1}`);
  }, 60_000);
});

describe('per-tool limits', () => {
  it(`uses at most ${LOLRMM_LIMITS.executables} executable names of a tool and reports the rest`, () => {
    const names = Array.from({ length: LOLRMM_LIMITS.executables + 2 }, (_, i) => `n${i}.exe`);
    const tool = lolrmmToolSchema.parse({ Name: 'Big', Details: { InstallationPaths: names } });
    const artefacts = lolrmmArtefacts(tool);
    expect(artefacts.executables).toHaveLength(LOLRMM_LIMITS.executables);
    expect(artefacts.skipped.map((s) => s.value)).toEqual(names.slice(LOLRMM_LIMITS.executables));
  });
});

describe('what the generated hunts find on the embedded engine', () => {
  let db: DuckDBConnection;
  let hunts: Hunt[];
  const at = '2026-10-31T10:00:00Z';

  beforeAll(async () => {
    db = await openDatabase();
    hunts = (await readCatalog([folder])).hunts;
  });

  async function devices(tableName: string, rows: readonly Row[], id: string): Promise<string[]> {
    const base = { Timestamp: new Date(at), DeviceName: 'host', ReportId: 1 };
    await createTable(
      db,
      tableName,
      table(tableName).columns,
      rows.map((r) => ({ ...base, ...r })),
    );
    const result = await runKql(db, huntById(hunts, id).query, tableSchemas(), NOW);
    return result.map((r) => String(r.DeviceId)).sort();
  }

  it('process launches: by file name or original file name, case-insensitively, whole names only', async () => {
    const rows = [
      { DeviceId: 'exact', FileName: 'RemotelyAgent.exe' },
      { DeviceId: 'upper', FileName: 'REMOTELYVIEWER.EXE' },
      {
        DeviceId: 'renamed',
        FileName: 'notepad.exe',
        ProcessVersionInfoOriginalFileName: 'remotelyagent.exe',
      },
      { DeviceId: 'longer', FileName: 'RemotelyAgent.exe.bak' },
      { DeviceId: 'prefixed', FileName: 'xRemotelyAgent.exe' },
      { DeviceId: 'too-broad', FileName: 'setup.exe' },
      { DeviceId: 'path', FileName: 'C:\\Remotely\\RemotelyAgent.exe' },
      { DeviceId: 'old', FileName: 'RemotelyAgent.exe', Timestamp: new Date('2026-10-01T00:00:00Z') },
    ];
    expect(await devices('DeviceProcessEvents', rows, 'lolrmm-remotely-pro-createproc')).toEqual([
      'exact',
      'renamed',
      'upper',
    ]);
  });

  it('network connections: a wildcard is the domain and its subdomains at a dot, a plain entry that host only', async () => {
    const urls: Record<string, string | null> = {
      apex: 'remotely-relay.com',
      sub: 'eu1.relay.remotely-relay.com',
      url: 'https://eu2.remotely-relay.com:443/session?id=1',
      upper: 'REMOTELY-RELAY.COM',
      'trailing-dot': 'remotely-relay.com.',
      host: 'portal.remotely.io',
      'host-url': 'http://portal.remotely.io/login',
      bucket: 'remotely-bucket.s3.amazonaws.com',
      'look-alike': 'notremotely-relay.com',
      // `has` would take this one ('-' separates terms): the pattern decides.
      'hyphen-prefix': 'my-remotely-relay.com',
      'suffix-added': 'remotely-relay.com.evil.net',
      'in-path': 'evil.net/remotely-relay.com',
      'in-user': 'remotely-relay.com@evil.net',
      'under-host': 'x.portal.remotely.io',
      'host-apex': 'remotely.io',
      'other-bucket': 'other.s3.amazonaws.com',
      'too-broad': 'github.com',
      empty: '',
      null: null,
    };
    const rows = Object.entries(urls).map(([DeviceId, RemoteUrl]) => ({ DeviceId, RemoteUrl }));
    expect(await devices('DeviceNetworkEvents', rows, 'lolrmm-remotely-pro-netconn')).toEqual(
      ['apex', 'bucket', 'host', 'host-url', 'sub', 'trailing-dot', 'upper', 'url'].sort(),
    );
  });

  it('file signers: the whole signer name, case-insensitively', async () => {
    const rows = [
      { DeviceId: 'signed', Signer: 'Remotely Software Ltd' },
      { DeviceId: 'upper', Signer: 'REMOTELY SOFTWARE LTD' },
      { DeviceId: 'longer', Signer: 'Remotely Software Ltd (Evil)' },
      { DeviceId: 'microsoft', Signer: 'Microsoft Corporation' },
    ];
    expect(await devices('DeviceFileCertificateInfo', rows, 'lolrmm-remotely-pro-filesig')).toEqual([
      'signed',
      'upper',
    ]);
  });
});
