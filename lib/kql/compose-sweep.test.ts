// The sweep's prefilter: plain tests of many hunts merge per column into a few terms, and an event the
// hunts match always passes it, whatever the case, the characters or the pattern.
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnDef } from '@/lib/tables/types';
import { filterOf } from './compose';
import { prefilterOf, type SweepHuntFilter } from './compose-sweep';
import { createTable, openDatabase, runKql } from './test-support';

const NOW = new Date('2026-11-01T12:00:00Z');
const COLUMNS: ColumnDef[] = [
  { name: 'Timestamp', type: 'datetime' },
  { name: 'Id', type: 'long' },
  { name: 'FileName', type: 'string' },
  { name: 'RemoteUrl', type: 'string' },
];
const TABLES = { T: COLUMNS };

/** A sweep entry for a hunt whose filter is `where`, as the sweep makes it from the hunt's text. */
function hunt(id: string, where: string): SweepHuntFilter {
  const filter = filterOf(
    `T\n| where Timestamp between (now(-1d) .. now())\n| where ${where}\n| summarize Count=count() by DeviceId`,
  );
  if ('reason' in filter) throw new Error(filter.reason);
  return { id, predicate: filter.predicate, ...(filter.atoms ? { atoms: filter.atoms } : {}) };
}

const VALUES = [
  'tool.exe',
  'TOOL.EXE',
  'Tool-Agent.exe',
  'toolbox.exe',
  'xtool.exe',
  'agent.tool.exe',
  'İtool.exe',
  'ſetup.exe',
  'KELVIN-K.exe',
  '\u212Aey.exe',
  '',
  null,
  'a.b',
  'axb',
  'relay.example.com',
  'sub.relay.example.com',
  'example.com.evil.net',
  'Ünï.exe',
];

let db: DuckDBConnection;
beforeAll(async () => {
  db = await openDatabase();
  const rows = VALUES.flatMap((v, i) => [
    { Timestamp: NOW, Id: 2 * i, FileName: v, RemoteUrl: v },
    { Timestamp: NOW, Id: 2 * i + 1, FileName: v === null ? v : v.toUpperCase(), RemoteUrl: v },
  ]);
  await createTable(db, 'T', COLUMNS, rows);
});

async function ids(where: string): Promise<number[]> {
  const rows = await runKql(db, `T | where ${where} | project Id`, TABLES, NOW);
  return rows.map((r) => r.Id as number).sort((a, b) => a - b);
}

describe('the sweep prefilter', () => {
  it('merges prefixes, suffixes, equalities and patterns of many hunts into one term per column', () => {
    const hunts = [
      hunt('a', "FileName startswith 'tool'"),
      hunt('b', "FileName startswith 'Agent.'"),
      hunt('c', "FileName endswith '.EXE' or FileName == 'a.b'"),
      hunt('d', "FileName endswith '-agent.exe' or FileName == 'axb'"),
      hunt('e', "RemoteUrl matches regex @'(^|\\.)relay\\.example\\.com$'"),
      hunt('f', "RemoteUrl matches regex 'evil'"),
    ];
    const text = prefilterOf(hunts);
    expect(text.match(/ or /g)).toHaveLength(2);
    expect(text).toContain("FileName matches regex '(?i)^(?:tool|agent\\\\.)|(?:\\\\.exe|-agent\\\\.exe)$'");
    expect(text).toContain("FileName in ('a.b', 'axb')");
    expect(text).toContain("RemoteUrl matches regex '(?:(^|\\\\.)relay\\\\.example\\\\.com$)|(?:evil)'");
  });

  it('tests has needles without their boundaries: a few more events pass, none the hunts match is lost', async () => {
    const wheres = [
      "FileName has 'tool'",
      "FileName has_any ('agent.tool', 'KELVIN')",
      "RemoteUrl has 'example.com'",
      "RemoteUrl has 'Ünï'",
      "FileName =~ 'A.B' or FileName endswith 'N-K.EXE'",
    ];
    const hunts = wheres.map((w, i) => hunt(`h${i}`, w));
    const text = prefilterOf(hunts);
    expect(text).toContain(
      "FileName matches regex '(?i)(?:tool|agent\\\\.tool|kelv[iİ]n)|^(?:a\\\\.b)$|(?:n-k\\\\.exe)$'",
    );
    expect(text).toContain("RemoteUrl matches regex '(?i)(?:example\\\\.com)'");
    expect(text).toContain("RemoteUrl has_any ('Ünï')");
    const matched = new Set<number>();
    for (const w of wheres) for (const id of await ids(w)) matched.add(id);
    const passed = await ids(text);
    expect(matched.size).toBeGreaterThan(4);
    expect(passed).toEqual(expect.arrayContaining([...matched]));
    expect(passed.length).toBeGreaterThan(matched.size);
  });

  it('keeps tests of their own where merging could change the answer', () => {
    const text = prefilterOf([
      hunt('a', "FileName startswith 'İtool'"),
      hunt('b', "FileName startswith 'tool'"),
      hunt('c', "FileName endswith ''"),
      hunt('d', "FileName endswith '.exe'"),
      hunt('e', "RemoteUrl matches regex '(?P<host>relay)'"),
      hunt('f', "RemoteUrl matches regex '(?P<host>evil)'"),
    ]);
    expect(text).toContain("FileName matches regex '(?i)^(?:tool)|(?:\\\\.exe)$'");
    expect(text).toContain("FileName startswith 'İtool'");
    expect(text).toContain("FileName endswith ''");
    expect(text).toContain("RemoteUrl matches regex '(?P<host>relay)'");
    expect(text).toContain("RemoteUrl matches regex '(?P<host>evil)'");
  });

  it.each([
    [
      "FileName startswith 'tool'",
      "FileName startswith 'İtool'",
      "FileName startswith 'xTOOL'",
      "FileName startswith 'agent.'",
    ],
    // Lower casing makes İ an i and the Kelvin sign a k: the case-insensitive regex must accept both.
    ["FileName startswith 'itool'", "FileName startswith 'KEY'", "FileName has 'ITOOL'"],
    [
      "FileName endswith '.EXE'",
      "FileName endswith 'k.exe'",
      "FileName endswith ''",
      "FileName endswith '-agent.exe'",
    ],
    ["FileName == 'a.b'", "FileName == 'Tool.exe'", "FileName == ''", "FileName =~ 'TOOL.exe'"],
    [
      "RemoteUrl matches regex @'(^|\\.)relay\\.example\\.com$'",
      "RemoteUrl matches regex '(?i)EVIL'",
      "RemoteUrl matches regex 'a.b'",
      "RemoteUrl matches regex '^$'",
    ],
  ])('lets through every event the hunts match: %s, …', async (...wheres) => {
    const hunts = wheres.map((w, i) => hunt(`h${i}`, w));
    const matched = new Set<number>();
    for (const w of wheres) for (const id of await ids(w)) matched.add(id);
    const passed = await ids(prefilterOf(hunts));
    expect(matched.size).toBeGreaterThan(0);
    expect(passed).toEqual(expect.arrayContaining([...matched]));
    // Merged terms test the same needles: nothing passes that no hunt matches.
    expect(passed).toEqual([...matched].sort((a, b) => a - b));
  });
});
