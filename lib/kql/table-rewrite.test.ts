// Sentinel's TimeGenerated filters and the Azure Data Explorer table name, rewritten on the syntax tree:
// exactly the references meant, nothing else in the text touched.
import { describe, expect, test } from 'vitest';
import { KqlCompositionError } from './errors';
import { parseKql } from './parse';
import { renameTable, renameTables, toSentinelTimeFilters } from './table-rewrite';
import { SEED_QUERY } from './test-support';

describe('toSentinelTimeFilters', () => {
  test('the seed hunt filters its window on TimeGenerated and still reports event times', () => {
    const out = toSentinelTimeFilters(SEED_QUERY);
    expect(out).toBe(SEED_QUERY.replace('| where Timestamp between', '| where TimeGenerated between'));
    expect(out).toContain('FirstSeen=min(Timestamp), LastSeen=max(Timestamp)');
  });

  test('every reference inside where conditions, bracketed ones too; projections untouched', () => {
    const kql =
      "DeviceProcessEvents | where Timestamp > ago(1d) and ['Timestamp'] < now() | extend Day = bin(Timestamp, 1d) | project Timestamp, Day";
    expect(toSentinelTimeFilters(kql)).toBe(
      'DeviceProcessEvents | where TimeGenerated > ago(1d) and TimeGenerated < now() | extend Day = bin(Timestamp, 1d) | project Timestamp, Day',
    );
  });

  test('filters inside lets and subqueries are rewritten too', () => {
    const kql =
      'let recent = DeviceProcessEvents | where Timestamp > ago(1h);\nrecent | join kind=inner (DeviceProcessEvents | filter Timestamp > ago(2h)) on DeviceId';
    const out = toSentinelTimeFilters(kql);
    expect(out.match(/TimeGenerated/g)).toHaveLength(2);
    expect(out).not.toMatch(/where Timestamp|filter Timestamp/);
  });

  test('a Timestamp the query declares itself is left alone from that point on', () => {
    const kql =
      'DeviceProcessEvents | where Timestamp > ago(1d) | extend Timestamp = ProcessCreationTime | where Timestamp > ago(2h)';
    expect(toSentinelTimeFilters(kql)).toBe(
      'DeviceProcessEvents | where TimeGenerated > ago(1d) | extend Timestamp = ProcessCreationTime | where Timestamp > ago(2h)',
    );
  });

  test('comments, string literals and other names containing the word stay as they are', () => {
    const kql =
      "// Timestamp filter\nDeviceProcessEvents | where ProcessCommandLine has 'Timestamp' and Timestamp > ago(1d) and ProcessCreationTime > ago(2d)";
    expect(toSentinelTimeFilters(kql)).toBe(
      "// Timestamp filter\nDeviceProcessEvents | where ProcessCommandLine has 'Timestamp' and TimeGenerated > ago(1d) and ProcessCreationTime > ago(2d)",
    );
  });

  test('the result is valid KQL', () => {
    expect(() => parseKql(toSentinelTimeFilters(SEED_QUERY))).not.toThrow();
  });
});

describe('renameTable', () => {
  test('points every reference at the exported table', () => {
    const kql = 'DeviceProcessEvents | where DeviceId in ((DeviceProcessEvents | take 1 | project DeviceId))';
    expect(renameTable(kql, 'DeviceProcessEvents', 'MdeProcessEvents')).toBe(
      'MdeProcessEvents | where DeviceId in ((MdeProcessEvents | take 1 | project DeviceId))',
    );
  });

  test('a name that is not an identifier is bracketed', () => {
    expect(renameTable(SEED_QUERY, 'DeviceProcessEvents', 'mde.process-events')).toContain(
      "['mde.process-events']\n| where Timestamp between",
    );
  });

  test('the same name changes nothing; a query that binds the name itself is left alone', () => {
    expect(renameTable(SEED_QUERY, 'DeviceProcessEvents', 'DeviceProcessEvents')).toBe(SEED_QUERY);
    const bound = 'let DeviceProcessEvents = datatable(DeviceId:string)["a"]; DeviceProcessEvents';
    expect(renameTable(bound, 'DeviceProcessEvents', 'Other')).toBe(bound);
  });

  test('a table name with quotes or brackets is refused', () => {
    expect(() => renameTable(SEED_QUERY, 'DeviceProcessEvents', "x'] | take 1 //")).toThrow(
      KqlCompositionError,
    );
  });
});

describe('renameTables', () => {
  test('points each registry table at its own target in one pass, so swapped names do not chain', () => {
    const kql =
      'DeviceNetworkEvents | join (DeviceFileCertificateInfo | project SHA1) on $left.InitiatingProcessSHA1 == $right.SHA1';
    expect(
      renameTables(kql, {
        DeviceNetworkEvents: 'DeviceFileCertificateInfo',
        DeviceFileCertificateInfo: 'DeviceNetworkEvents',
      }),
    ).toBe(
      'DeviceFileCertificateInfo | join (DeviceNetworkEvents | project SHA1) on $left.InitiatingProcessSHA1 == $right.SHA1',
    );
  });

  test('tables left out or mapped to themselves keep their names', () => {
    const kql = 'DeviceProcessEvents | join (DeviceNetworkEvents) on DeviceId';
    expect(
      renameTables(kql, { DeviceNetworkEvents: 'mde.network', DeviceProcessEvents: 'DeviceProcessEvents' }),
    ).toBe("DeviceProcessEvents | join (['mde.network']) on DeviceId");
  });
});

describe('toSentinelTimeFilters on the network and signer tables', () => {
  test('filters on Timestamp become TimeGenerated, projections keep Timestamp', () => {
    expect(
      toSentinelTimeFilters(
        'DeviceNetworkEvents | where Timestamp > ago(1d) and RemotePort == 443 | project Timestamp, RemoteUrl',
      ),
    ).toBe(
      'DeviceNetworkEvents | where TimeGenerated > ago(1d) and RemotePort == 443 | project Timestamp, RemoteUrl',
    );
    expect(
      toSentinelTimeFilters(
        'DeviceFileCertificateInfo | where Timestamp between (ago(5d) .. now()) | summarize max(Timestamp) by Signer',
      ),
    ).toBe(
      'DeviceFileCertificateInfo | where TimeGenerated between (ago(5d) .. now()) | summarize max(Timestamp) by Signer',
    );
  });
});
