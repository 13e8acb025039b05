// The evidence panel's layout per table: when, the process chain, the parent's command line and the account
// before file, folder and the rest; a table without a process (file signers) shows its own columns.
import { describe, expect, it } from 'vitest';
import { evidenceColumns } from '@/lib/hunts/device-evidence';
import { deviceFileCertificateInfo } from '@/lib/tables/device-file-certificate-info';
import { deviceNetworkEvents } from '@/lib/tables/device-network-events';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { accountOf, chainOf, evidenceLayout } from './evidence-layout';

const labels = (table: typeof deviceProcessEvents) =>
  evidenceLayout(table, evidenceColumns(table)).map((c) => c.label);

describe('evidenceLayout', () => {
  it('process events: the chain, the parent command line and the account before folder and the rest', () => {
    expect(labels(deviceProcessEvents)).toEqual([
      'Time (UTC)',
      'Process chain',
      'Parent command line',
      'Account',
      'Folder',
      'ProcessCommandLine',
      'SHA256',
      'ReportId',
    ]);
    const chain = evidenceLayout(deviceProcessEvents, evidenceColumns(deviceProcessEvents))[1];
    expect(chain).toMatchObject({
      kind: 'chain',
      columns: ['InitiatingProcessParentFileName', 'InitiatingProcessFileName', 'FileName'],
      steps: ['grandparent', 'parent', 'process'],
    });
  });

  it('network events: the initiating process with its parent, its account, then where it connected', () => {
    expect(labels(deviceNetworkEvents)).toEqual([
      'Time (UTC)',
      'Process chain',
      'Account',
      'ActionType',
      'RemoteUrl',
      'RemoteIP',
      'RemotePort',
      'InitiatingProcessCommandLine',
      'Folder',
      'ReportId',
    ]);
    expect(evidenceLayout(deviceNetworkEvents, evidenceColumns(deviceNetworkEvents))[1]).toMatchObject({
      columns: ['InitiatingProcessParentFileName', 'InitiatingProcessFileName'],
      steps: ['parent', 'process'],
    });
  });

  it('file signers: no process, the columns as they are', () => {
    expect(labels(deviceFileCertificateInfo)).toEqual(
      deviceFileCertificateInfo.evidenceColumns.map((c) => (c === 'Timestamp' ? 'Time (UTC)' : c)),
    );
  });

  it('shows every evidence column once, whatever the table', () => {
    for (const table of [deviceProcessEvents, deviceNetworkEvents, deviceFileCertificateInfo]) {
      const shown = evidenceLayout(table, evidenceColumns(table)).flatMap((c) =>
        c.kind === 'chain' ? c.columns : c.kind === 'account' ? [c.domain, c.name] : [c.column.name],
      );
      expect([...shown].sort()).toEqual([...table.evidenceColumns].sort());
    }
  });
});

describe('an event', () => {
  const columns = ['InitiatingProcessParentFileName', 'InitiatingProcessFileName', 'FileName'];

  it('reads its chain oldest first, leaving out unknown ancestors before the first known one', () => {
    expect(
      chainOf(
        {
          InitiatingProcessParentFileName: 'explorer.exe',
          InitiatingProcessFileName: 'powershell.exe',
          FileName: 'mRemoteNG.exe',
        },
        columns,
      ).map((s) => s.image),
    ).toEqual(['explorer.exe', 'powershell.exe', 'mRemoteNG.exe']);
    expect(
      chainOf(
        { InitiatingProcessParentFileName: '', InitiatingProcessFileName: 'svchost.exe', FileName: 'a.exe' },
        columns,
      ),
    ).toEqual([
      { step: 1, image: 'svchost.exe' },
      { step: 2, image: 'a.exe' },
    ]);
    expect(chainOf({}, columns)).toEqual([]);
  });

  it('reads its account as domain\\name, or whichever part is known', () => {
    expect(accountOf({ D: 'contoso', N: 'pat' }, 'D', 'N')).toBe('contoso\\pat');
    expect(accountOf({ D: '', N: 'system' }, 'D', 'N')).toBe('system');
    expect(accountOf({ D: null, N: null }, 'D', 'N')).toBe('');
  });
});
