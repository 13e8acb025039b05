// A query's registry tables, read from its syntax tree.
import { describe, expect, test } from 'vitest';
import { KqlSyntaxError } from './errors';
import { queryTables } from './table-references';
import { SEED_QUERY } from './test-support';

describe('queryTables', () => {
  test('the seed hunt reads DeviceProcessEvents', () => {
    expect(queryTables(SEED_QUERY)).toEqual(['DeviceProcessEvents']);
  });

  test('two tables, in the order the query first mentions them, each once', () => {
    const kql = `let signed = DeviceFileCertificateInfo | where Signer has 'AnyDesk' | project SHA1;
DeviceNetworkEvents
| where InitiatingProcessSHA1 in (signed)
| join kind=leftouter (DeviceFileCertificateInfo | project SHA1, Issuer) on $left.InitiatingProcessSHA1 == $right.SHA1`;
    expect(queryTables(kql)).toEqual(['DeviceFileCertificateInfo', 'DeviceNetworkEvents']);
  });

  test('a bracketed table name counts', () => {
    expect(queryTables("['DeviceNetworkEvents'] | take 1")).toEqual(['DeviceNetworkEvents']);
  });

  test('no registry table: a datatable, an unknown table, a name in a string or comment', () => {
    expect(queryTables('datatable(a:string)["DeviceProcessEvents"] | take 1')).toEqual([]);
    expect(queryTables('DeviceRegistryEvents | take 1 // DeviceProcessEvents')).toEqual([]);
  });

  test('a let that binds a registry table name means its own thing', () => {
    const kql = 'let DeviceProcessEvents = datatable(DeviceId:string)["a"]; DeviceProcessEvents | take 1';
    expect(queryTables(kql)).toEqual([]);
  });

  test('names are case-sensitive, as in Kusto', () => {
    expect(queryTables('deviceprocessevents | take 1')).toEqual([]);
  });

  test('invalid syntax is a syntax error', () => {
    expect(() => queryTables('DeviceProcessEvents | where')).toThrow(KqlSyntaxError);
  });
});
