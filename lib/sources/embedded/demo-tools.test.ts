// The demo's remote-access tool stories in all three tables: schema and shapes of the rows, the ground truth
// joined back to its events, look-alikes that only a substring match would take, signal facts, determinism.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '@/lib/tables/registry';
import { type DemoDataOptions, generateDemoData } from './demo-generator';
import { SHELL_LIKE_PARENTS, SIGNAL_IDS } from './demo-signals';
import { DEMO_TOOLS } from './demo-tool-stories';
import { duckDbType } from './schema';

const NOW = new Date('2026-11-01T12:00:00Z');
const OPTIONS: DemoDataOptions = { seed: 7, devices: 400, events: 60_000, now: NOW };
const LAST_5_DAYS = `"Timestamp" BETWEEN TIMESTAMP '2026-10-27 12:00:00' AND TIMESTAMP '2026-11-01 12:00:00'`;
const DEMO_TABLE_NAMES = ['DeviceProcessEvents', 'DeviceNetworkEvents', 'DeviceFileCertificateInfo'];

const instances: DuckDBInstance[] = [];

async function generated(options: DemoDataOptions): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  instances.push(instance);
  const connection = await instance.connect();
  await generateDemoData(connection, options);
  return connection;
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS();
}

const num = (v: unknown) => Number(v);

/** Kusto's `has`: a whole alphanumeric term, case-insensitively. */
function hasTerm(text: string, term: string): boolean {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .includes(term.toLowerCase());
}

/** The word people would search for with a naive substring match: "Kaseya VSA" → "kaseya". */
const toolWord = (tool: string) => (tool.split(' ')[0] ?? tool).toLowerCase();

afterAll(() => {
  for (const instance of instances) instance.closeSync();
});

describe('demo tool stories', () => {
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await generated(OPTIONS);
  }, 120_000);

  it('creates every demo table with exactly the registry columns, in order, with DuckDB types', async () => {
    for (const name of DEMO_TABLE_NAMES) {
      const def = TABLES.find((t) => t.name === name);
      const described = await rows(db, `DESCRIBE ${name}`);
      expect(described.map((r) => [r.column_name, r.column_type])).toEqual(
        def?.columns.map((c) => [c.name, duckDbType(c.type)]),
      );
    }
  });

  it('fills every column of the network and signer tables (no NULLs), with Defender-like shapes', async () => {
    for (const name of ['DeviceNetworkEvents', 'DeviceFileCertificateInfo']) {
      const def = TABLES.find((t) => t.name === name);
      const checks = def?.columns.map((c) => `count(*) FILTER (WHERE "${c.name}" IS NULL)`) ?? [];
      const [counts] = (await db.runAndReadAll(`SELECT ${checks.join(', ')} FROM ${name}`)).getRowsJS();
      expect(counts?.map(num)).toEqual(checks.map(() => 0));
    }
    const [net] = await rows(
      db,
      `SELECT count(*) AS n,
         count(*) FILTER (WHERE RemotePort NOT BETWEEN 1 AND 65535 OR LocalPort NOT BETWEEN 1 AND 65535) AS ports,
         count(*) FILTER (WHERE NOT regexp_full_match(RemoteIP, '\\d{1,3}(\\.\\d{1,3}){3}') OR NOT regexp_full_match(LocalIP, '10\\.20\\.\\d+\\.\\d+')) AS ips,
         count(*) FILTER (WHERE ActionType NOT IN ('ConnectionSuccess', 'ConnectionFailed', 'ConnectionRequest', 'InboundConnectionAccepted')) AS actions,
         count(*) FILTER (WHERE NOT regexp_full_match(InitiatingProcessSHA1, '[0-9a-f]{40}')) AS sha1,
         count(*) FILTER (WHERE RemoteUrl LIKE '%://%') AS schemes,
         count(*) FILTER (WHERE InitiatingProcessCreationTime > "Timestamp" OR InitiatingProcessParentCreationTime > InitiatingProcessCreationTime) AS order_of_times,
         count(*) FILTER (WHERE InitiatingProcessAccountSid NOT LIKE 'S-1-5-%') AS sids,
         count(*) FILTER (WHERE RemoteUrl = '') AS bare_ip
       FROM DeviceNetworkEvents`,
    );
    expect(num(net?.n)).toBeGreaterThan(OPTIONS.events * 0.08);
    expect(
      [net?.ports, net?.ips, net?.actions, net?.sha1, net?.schemes, net?.order_of_times, net?.sids].map(num),
    ).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // Many connections name no host (DNS, LDAP, inbound VNC), as in Defender.
    expect(num(net?.bare_ip)).toBeGreaterThan(0);

    const [cert] = await rows(
      db,
      `SELECT count(*) AS n,
         count(*) FILTER (WHERE NOT regexp_full_match(SHA1, '[0-9a-f]{40}') OR NOT regexp_full_match(SignerHash, '[0-9a-f]{40}')) AS hashes,
         count(*) FILTER (WHERE NOT IsSigned OR Signer = '' OR Issuer = '') AS unsigned,
         count(*) FILTER (WHERE CertificateCreationTime >= CertificateExpirationTime) AS validity,
         count(*) FILTER (WHERE json_type(CrlDistributionPointUrls) <> 'ARRAY') AS crl
       FROM DeviceFileCertificateInfo`,
    );
    expect(num(cert?.n)).toBeGreaterThan(OPTIONS.devices * 5);
    expect([cert?.hashes, cert?.unsigned, cert?.validity, cert?.crl].map(num)).toEqual([0, 0, 0, 0]);
  });

  it('keeps (DeviceId, Timestamp, ReportId) unique in every table', async () => {
    for (const name of DEMO_TABLE_NAMES) {
      const [row] = await rows(
        db,
        `SELECT count(*) AS n, count(DISTINCT (DeviceId, "Timestamp", ReportId)) AS k FROM ${name}`,
      );
      expect({ name, keys: num(row?.k) }).toEqual({ name, keys: num(row?.n) });
    }
  });

  it('joins every label to exactly one event of its own table', async () => {
    for (const name of DEMO_TABLE_NAMES) {
      const [row] = await rows(
        db,
        `SELECT (SELECT count(*) FROM DemoEventLabel WHERE table_name = '${name}') AS labels,
                count(*) AS joined
         FROM DemoEventLabel l JOIN ${name} e USING (ReportId, DeviceId, "Timestamp") WHERE l.table_name = '${name}'`,
      );
      expect({ name, joined: num(row?.joined) }).toEqual({ name, joined: num(row?.labels) });
      expect(num(row?.labels)).toBeGreaterThan(0);
    }
  });

  it('shows every tool of the stories, and AnyDesk, ScreenConnect, TeamViewer and Atera in all three tables, benign and suspicious', async () => {
    const seen = await rows(
      db,
      `SELECT tool, table_name, list(DISTINCT kind ORDER BY kind) AS kinds FROM DemoEventLabel GROUP BY ALL`,
    );
    const kinds = (tool: string, table: string) =>
      (seen.find((r) => r.tool === tool && r.table_name === table)?.kinds as string[] | undefined) ?? [];
    for (const spec of DEMO_TOOLS) {
      expect(kinds(spec.tool, 'DeviceProcessEvents')).toContain('suspicious');
    }
    for (const tool of ['AnyDesk', 'ScreenConnect', 'TeamViewer', 'Atera']) {
      for (const table of DEMO_TABLE_NAMES) {
        expect({ tool, table, kinds: kinds(tool, table) }).toEqual({
          tool,
          table,
          kinds: ['benign-admin', 'near-miss', 'suspicious'],
        });
      }
    }
  });

  it("signs a tool's files with the SHA1 its process events carry on the same device", async () => {
    const [row] = await rows(
      db,
      `SELECT count(*) AS n, count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM DeviceProcessEvents p JOIN DemoEventLabel pl USING (ReportId, DeviceId, "Timestamp")
          WHERE pl.table_name = 'DeviceProcessEvents' AND pl.tool = l.tool AND p.DeviceId = c.DeviceId AND p.SHA1 = c.SHA1)) AS orphans
       FROM DeviceFileCertificateInfo c JOIN DemoEventLabel l USING (ReportId, DeviceId, "Timestamp")
       WHERE l.table_name = 'DeviceFileCertificateInfo'`,
    );
    expect(num(row?.n)).toBeGreaterThan(0);
    expect(num(row?.orphans)).toBe(0);
  });

  it("puts look-alikes in the last five days that contain a tool's name, but never as a whole term", async () => {
    const nearMisses = await rows(
      db,
      `SELECT l.tool, l.table_name, coalesce(p.ProcessVersionInfoProductName, n.RemoteUrl, c.Signer) AS text
       FROM DemoEventLabel l
       LEFT JOIN DeviceProcessEvents p ON l.table_name = 'DeviceProcessEvents' AND p.ReportId = l.ReportId AND p.DeviceId = l.DeviceId AND p."Timestamp" = l."Timestamp"
       LEFT JOIN DeviceNetworkEvents n ON l.table_name = 'DeviceNetworkEvents' AND n.ReportId = l.ReportId AND n.DeviceId = l.DeviceId AND n."Timestamp" = l."Timestamp"
       LEFT JOIN DeviceFileCertificateInfo c ON l.table_name = 'DeviceFileCertificateInfo' AND c.ReportId = l.ReportId AND c.DeviceId = l.DeviceId AND c."Timestamp" = l."Timestamp"
       WHERE l.kind = 'near-miss' AND l.tool <> 'mRemoteNG' AND l.${LAST_5_DAYS}`,
    );
    const tools = new Set(nearMisses.map((r) => r.tool));
    // mRemoteNG's look-alikes (one splits the term) are checked against the seed rule in demo-generator.test.ts.
    expect(tools).toEqual(new Set(DEMO_TOOLS.map((t) => t.tool).filter((t) => t !== 'mRemoteNG')));
    for (const r of nearMisses) {
      const text = String(r.text);
      const word = toolWord(String(r.tool));
      expect({ text, substring: text.toLowerCase().includes(word), term: hasTerm(text, word) }).toEqual({
        text,
        substring: true,
        term: false,
      });
    }
  });

  it('records signal facts that agree with the events they label', async () => {
    const processFacts = await rows(
      db,
      `SELECT l.kind, l.signals, e.FileName, e.ProcessVersionInfoOriginalFileName AS original,
              e.InitiatingProcessFileName AS parent, e.FolderPath AS folder
       FROM DemoEventLabel l JOIN DeviceProcessEvents e USING (ReportId, DeviceId, "Timestamp")
       WHERE l.table_name = 'DeviceProcessEvents' AND l.subject = 'tool' AND l.kind <> 'near-miss'`,
    );
    for (const r of processFacts) {
      const signals = r.signals as string[];
      expect(signals.every((s) => (SIGNAL_IDS as readonly string[]).includes(s))).toBe(true);
      expect(signals.includes('renamed-binary')).toBe(
        String(r.FileName).toLowerCase() !== String(r.original).toLowerCase(),
      );
      expect(signals.includes('shell-parent')).toBe(SHELL_LIKE_PARENTS.has(String(r.parent).toLowerCase()));
      expect(signals.includes('user-writable-path')).toBe(
        /^c:\\(users|programdata|windows\\temp)\\|\\(appdata|temp|downloads)\\/i.test(String(r.folder)),
      );
    }
    // The other tools' IT use runs as SYSTEM from Program Files under services.exe: none of these facts.
    const benign = await rows(
      db,
      `SELECT count(*) AS n FROM DemoEventLabel
       WHERE tool <> 'mRemoteNG' AND kind = 'benign-admin'
         AND list_has_any(signals, ['shell-parent', 'user-writable-path', 'renamed-binary', 'unusual-account'])`,
    );
    expect(num(benign[0]?.n)).toBe(0);
    // Every suspicious story of the other tools gives at least one reason on each of its devices.
    const silent = await rows(
      db,
      `SELECT tool, story, DeviceId FROM DemoEventLabel
       WHERE tool <> 'mRemoteNG' AND kind = 'suspicious' AND table_name = 'DeviceProcessEvents'
       GROUP BY ALL HAVING count(*) FILTER (WHERE len(signals) > 0) = 0`,
    );
    expect(silent).toEqual([]);
    const present = await rows(db, 'SELECT DISTINCT unnest(signals) AS s FROM DemoEventLabel');
    expect(new Set(present.map((r) => r.s))).toEqual(new Set(SIGNAL_IDS));
    // new-device: no event of that tool in that table on the device before the last five days.
    const [late] = await rows(
      db,
      `SELECT count(*) AS n FROM DemoEventLabel a
       WHERE list_contains(a.signals, 'new-device') AND EXISTS (
         SELECT 1 FROM DemoEventLabel b WHERE b.tool = a.tool AND b.table_name = a.table_name AND b.DeviceId = a.DeviceId
           AND b.kind <> 'near-miss' AND b.subject = 'tool' AND b."Timestamp" < TIMESTAMP '2026-10-27 12:00:00')`,
    );
    expect(num(late?.n)).toBe(0);
  });

  it('is deterministic in every table: same parameters give the same rows, another seed others', async () => {
    const hash = async (c: DuckDBConnection, table: string) => {
      const [row] = (
        await c.runAndReadAll(`SELECT count(*), sum(hash(t)::HUGEINT) FROM ${table} t`)
      ).getRowsJS();
      return `${row?.[0]}:${row?.[1]}`;
    };
    const again = await generated(OPTIONS);
    const other = await generated({ ...OPTIONS, seed: 8 });
    for (const table of [...DEMO_TABLE_NAMES, 'DemoEventLabel']) {
      expect(await hash(again, table)).toBe(await hash(db, table));
      expect(await hash(other, table)).not.toBe(await hash(db, table));
    }
  }, 120_000);
});
