// The signal definitions per table, the one query that computes them, how its rows become signals, and the
// documented list, which must say what the data says.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNAL_IDS as DEMO_SIGNAL_IDS } from '@/lib/sources/embedded/demo-signals';
import type { Cell } from '@/lib/sources/types';
import { TABLES, table } from '@/lib/tables/registry';
import { defineTable, s } from '@/lib/tables/types';
import { composeSignals, SIGNAL_COLUMNS } from './compose-signals';
import { SIGNAL_IDS, SIGNALS, signalsFor } from './definitions';
import { deviceSignals } from './device-signals';
import { signalsTable, tablesTable } from './signals-doc';

const HUNT = `let Time_start = now(-5d);
DeviceProcessEvents
| where Timestamp between (Time_start .. now())
| where ProcessVersionInfoProductName has 'mRemoteNG'
| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp), Report=make_set(ReportId), Count=count() by DeviceId, DeviceName`;
const NETWORK_HUNT = HUNT.replace('DeviceProcessEvents', 'DeviceNetworkEvents').replace(
  'ProcessVersionInfoProductName',
  'RemoteUrl',
);
const NOW = new Date('2026-11-01T12:00:00Z');
const DAY = 86_400_000;

describe('signal definitions', () => {
  it('give each signal a label, a one-line explanation and a rule, under the ids the demo labels use', () => {
    expect([...SIGNAL_IDS]).toEqual([...DEMO_SIGNAL_IDS]);
    for (const signal of SIGNALS) {
      expect(signal.label.length).toBeGreaterThan(3);
      expect(signal.explanation).not.toContain('\n');
      expect(signal.explanation.length).toBeLessThan(140);
      expect(signal.rule.length).toBeGreaterThan(20);
    }
  });

  it('apply a signal to a table only where the table has its facts', () => {
    expect(signalsFor(table('DeviceProcessEvents')).map((x) => x.id)).toEqual([...SIGNAL_IDS]);
    expect(signalsFor(table('DeviceNetworkEvents')).map((x) => x.id)).toEqual([...SIGNAL_IDS]);
    expect(signalsFor(table('DeviceFileCertificateInfo')).map((x) => x.id)).toEqual(['new-device']);
    expect(signalsFor(undefined)).toEqual([]);
    // A table with a folder but no parent or names gets the path signal and the device one.
    const partial = defineTable({
      name: 'T',
      label: 't',
      columns: [s('DeviceId'), s('Path')],
      evidenceColumns: [],
      signalFacts: { folder: 'Path' },
    });
    expect(signalsFor(partial).map((x) => x.id)).toEqual(['user-writable-path', 'new-device']);
  });

  it('refuse a fact column the table does not have', () => {
    expect(() =>
      defineTable({
        name: 'T',
        label: 't',
        columns: [s('DeviceId')],
        evidenceColumns: [],
        signalFacts: { parent: 'Nope' },
      }),
    ).toThrow(/Nope is not a T column/);
    for (const t of TABLES) {
      const names = new Set(t.columns.map((c) => c.name));
      for (const column of Object.values(t.signalFacts)) expect(names.has(column)).toBe(true);
    }
  });
});

describe('composeSignals', () => {
  it('is the hunt’s event stage over 30 days, with its exclusions, summarized once by device', () => {
    const q = composeSignals(HUNT, {
      table: table('DeviceProcessEvents'),
      exclusions: ["InitiatingProcessFileName =~ 'PRTG Probe.exe'"],
    });
    expect(q.windowMs).toBe(5 * DAY);
    expect(q.historyMs).toBe(30 * DAY);
    expect(q.kql).toContain('let Time_start = now(-30d);');
    expect(q.kql).toContain("not(InitiatingProcessFileName =~ 'PRTG Probe.exe')");
    expect(q.kql.match(/\| summarize/g)).toHaveLength(1);
    expect(q.kql).toMatch(/by DeviceId$/);
    expect(q.kql).toContain('Parents=make_set_if(InitiatingProcessFileName, Timestamp >= now(-5d), 8)');
    expect(q.kql).toContain("strcat(AccountDomain, '\\\\', AccountName)");
    expect(q.signals).toEqual([...SIGNAL_IDS]);
  });

  it('reads the initiating process in network events and has no parent command line there', () => {
    const q = composeSignals(NETWORK_HUNT, { table: table('DeviceNetworkEvents') });
    expect(q.kql).toContain('InitiatingProcessParentFileName in~');
    expect(q.kql).not.toContain(SIGNAL_COLUMNS.parentCommandLines);
    const signer = composeSignals(HUNT.replace('DeviceProcessEvents', 'DeviceFileCertificateInfo'), {
      table: table('DeviceFileCertificateInfo'),
    });
    expect(signer.kql).not.toContain(SIGNAL_COLUMNS.parents);
    expect(signer.signals).toEqual(['new-device']);
  });

  it('does not decide new-device when the window already spans the history', () => {
    const q = composeSignals(HUNT, { table: table('DeviceProcessEvents'), lookbackMs: 30 * DAY });
    expect(q.historyMs).toBe(q.windowMs);
    expect(q.signals).not.toContain('new-device');
    expect(
      composeSignals(HUNT, { table: table('DeviceProcessEvents'), lookbackMs: 60 * DAY }).historyMs,
    ).toBe(60 * DAY);
  });
});

describe('deviceSignals', () => {
  const query = composeSignals(HUNT, { table: table('DeviceProcessEvents') });
  const row = (deviceId: string, over: Record<string, Cell> = {}): Record<string, Cell> => ({
    DeviceId: deviceId,
    FirstEvent: new Date(NOW.getTime() - 20 * DAY),
    WindowEvents: 1n,
    ShellParentEvents: 0n,
    UserWritableEvents: 0n,
    RenamedEvents: 0n,
    Parents: ['services.exe'],
    ParentCommandLines: [],
    Accounts: ['nt authority\\system'],
    FleetAccounts: ['nt authority\\system'],
    Folders: [],
    FileNames: [],
    OriginalFileNames: [],
    ...over,
  });
  const run = (rows: Record<string, Cell>[]) =>
    deviceSignals({ columns: [], rows, truncated: false }, query, NOW);

  it('flags an account seen on one device only when another runs the tool on three or more', () => {
    const lone = row('z', { Accounts: ['contoso\\eve'], FleetAccounts: ['contoso\\eve'] });
    const flagged = run([row('a'), row('b'), row('c'), lone]);
    expect(flagged.get('z')?.ids).toEqual(['unusual-account']);
    expect(flagged.get('a')?.ids).toEqual([]);
    expect(run([row('a'), row('b'), lone]).get('z')?.ids).toEqual([]);
    // Seen elsewhere only before the window still counts as elsewhere.
    const shared = row('y', { Accounts: ['contoso\\eve'], FleetAccounts: ['contoso\\eve'] });
    const earlier = row('x', { WindowEvents: 0n, FleetAccounts: ['contoso\\eve'] });
    const result = run([row('a'), row('b'), row('c'), shared, earlier]);
    expect(result.get('y')?.ids).toEqual([]);
    expect(result.has('x')).toBe(false);
  });

  it('flags a device whose first event is inside the window, the window start included', () => {
    const start = new Date(NOW.getTime() - 5 * DAY);
    const ids = (first: Date) => run([row('d', { FirstEvent: first })]).get('d')?.ids;
    expect(ids(start)).toEqual(['new-device']);
    expect(ids(new Date(start.getTime() - 1))).toEqual([]);
  });

  it('takes per-event signals from the counts, and lists shell-like parents first', () => {
    const d = run([
      row('d', {
        ShellParentEvents: 2n,
        RenamedEvents: 1n,
        Parents: ['explorer.exe', 'svchost.exe', 'PowerShell.exe'],
      }),
    ]).get('d');
    expect(d?.ids).toEqual(['shell-parent', 'renamed-binary']);
    expect(d?.parents).toEqual(['PowerShell.exe', 'explorer.exe', 'svchost.exe']);
  });
});

describe('docs/signals.md', () => {
  it('holds the signal and table lists exactly as the data renders them', async () => {
    const doc = await readFile(path.join(process.cwd(), 'docs/signals.md'), 'utf8');
    const between = (name: string) =>
      new RegExp(`<!-- ${name}:begin -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(doc)?.[1];
    expect(between('signals')).toBe(signalsTable());
    expect(between('signal-tables')).toBe(tablesTable());
  });
});
