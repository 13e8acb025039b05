// Which columns a query reads, as Kusto binds its names: what a file of exported events must hold for it.
import { describe, expect, it } from 'vitest';
import { columnsRead } from './columns-read';
import { SEED_QUERY } from './test-support';

describe('columnsRead', () => {
  it('reads what the seed hunt names: its filter, its keys and its aggregates', () => {
    expect(columnsRead(SEED_QUERY)).toEqual({
      DeviceProcessEvents: [
        'Timestamp',
        'DeviceId',
        'DeviceName',
        'ProcessVersionInfoProductName',
        'ReportId',
      ],
    });
  });

  it('does not count a name an extend defines over a column it replaces', () => {
    expect(
      columnsRead("DeviceProcessEvents | extend FileName = 'x' | summarize count() by FileName, DeviceId"),
    ).toEqual({ DeviceProcessEvents: ['DeviceId'] });
  });

  it('reads every column a result passes through unchanged', () => {
    const all = columnsRead('DeviceProcessEvents | take 1').DeviceProcessEvents ?? [];
    expect(all).toHaveLength(58);
    expect(columnsRead('DeviceProcessEvents | project-away FileName | take 1').DeviceProcessEvents).toEqual(
      all,
    );
    expect(columnsRead('DeviceProcessEvents | where * has "x" | count').DeviceProcessEvents).toEqual(all);
    expect(
      columnsRead('DeviceProcessEvents | extend p = pack_all() | project p').DeviceProcessEvents,
    ).toEqual(all);
  });

  it('sorts reads by table, for queries over several tables', () => {
    expect(
      columnsRead(
        "let sha = DeviceNetworkEvents | where RemoteUrl has 'anydesk.com' | distinct InitiatingProcessSHA1;\n" +
          'DeviceProcessEvents | where SHA1 in (sha) | count',
      ),
    ).toEqual({
      DeviceProcessEvents: ['SHA1'],
      DeviceNetworkEvents: ['RemoteUrl', 'InitiatingProcessSHA1'],
    });
  });

  it('takes a query the analyser rejects to read every column of the tables it names', () => {
    const reads = columnsRead(
      "DeviceNetworkEvents | where RemoteUrl has 'x' | summarize count() by AccountUpn",
    );
    expect(Object.keys(reads)).toEqual(['DeviceNetworkEvents']);
    expect(reads.DeviceNetworkEvents).toHaveLength(40);
  });
});
