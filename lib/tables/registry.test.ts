// The table registry: every entry is well-formed, and what each layer reads from it is consistent.
import { describe, expect, test } from 'vitest';
import { findColumn, findTable, kustoSchemaText, TABLE_NAMES, TABLES, table, tableSchemas } from './registry';
import { defineTable, s } from './types';

describe.each(TABLES.map((t) => [t.name, t] as const))('%s', (_, def) => {
  test('column names are unique and the common keys are there with their types', () => {
    const names = def.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(findColumn(def.name, 'Timestamp')?.type).toBe('datetime');
    expect(findColumn(def.name, 'DeviceId')?.type).toBe('string');
    expect(findColumn(def.name, 'DeviceName')?.type).toBe('string');
    expect(findColumn(def.name, 'ReportId')?.type).toBe('long');
  });

  test('evidence columns are columns of the table, each once, starting with Timestamp', () => {
    for (const name of def.evidenceColumns) expect(findColumn(def.name, name), name).toBeDefined();
    expect(new Set(def.evidenceColumns).size).toBe(def.evidenceColumns.length);
    expect(def.evidenceColumns[0]).toBe('Timestamp');
  });

  test('a process chain names images among the evidence columns, oldest first', () => {
    for (const name of def.processChain ?? []) expect(def.evidenceColumns, name).toContain(name);
    expect(def.processChain?.at(-1) ?? 'FileName').toMatch(/FileName$/);
  });

  test('exclusion fields are exactly the string columns', () => {
    expect(def.exclusionFields).toEqual(def.columns.filter((c) => c.type === 'string').map((c) => c.name));
    expect(def.exclusionFields).toContain('DeviceName');
    expect(def.exclusionFields).not.toContain('Timestamp');
  });

  test('the Sentinel variant keeps every column and adds the Log Analytics ones', () => {
    const sentinel = new Map(def.sentinelColumns.map((c) => [c.name, c.type]));
    expect(sentinel.size).toBe(def.sentinelColumns.length);
    for (const column of def.columns) expect(sentinel.has(column.name), column.name).toBe(true);
    expect(sentinel.get('TimeGenerated')).toBe('datetime');
    for (const name of ['TenantId', 'MachineGroup', 'SourceSystem', 'Type'])
      expect(sentinel.get(name), name).toBe('string');
    expect(findColumn(def.name, 'TimeGenerated')).toBeUndefined();
  });
});

describe('the registry', () => {
  test('holds the process, network and file-signer tables, in that order', () => {
    expect(TABLE_NAMES).toEqual(['DeviceProcessEvents', 'DeviceNetworkEvents', 'DeviceFileCertificateInfo']);
  });

  test('types that differ between the tables are the documented ones', () => {
    expect(findColumn('DeviceNetworkEvents', 'RemotePort')?.type).toBe('int');
    expect(findColumn('DeviceNetworkEvents', 'AccountUpn')).toBeUndefined();
    expect(findColumn('DeviceFileCertificateInfo', 'IsTrusted')?.type).toBe('bool');
    expect(findColumn('DeviceFileCertificateInfo', 'CrlDistributionPointUrls')?.type).toBe('dynamic');
  });

  test('Sentinel retypes AdditionalFields as dynamic and keeps the CRL points as text', () => {
    const type = (t: string, c: string) => table(t).sentinelColumns.find((x) => x.name === c)?.type;
    expect(findColumn('DeviceProcessEvents', 'AdditionalFields')?.type).toBe('string');
    expect(type('DeviceProcessEvents', 'AdditionalFields')).toBe('dynamic');
    expect(type('DeviceNetworkEvents', 'AdditionalFields')).toBe('dynamic');
    expect(type('DeviceFileCertificateInfo', 'CrlDistributionPointUrls')).toBe('string');
  });

  test('lookups are exact, as Kusto names are case-sensitive', () => {
    expect(findTable('DeviceNetworkEvents')?.label).toBe('network');
    expect(findTable('devicenetworkevents')).toBeUndefined();
    expect(() => table('DeviceRegistryEvents')).toThrow(/not a table Huntboard knows/);
  });

  test('schemas by variant and the parser’s schema text', () => {
    expect(Object.keys(tableSchemas())).toEqual(TABLE_NAMES);
    expect(tableSchemas('sentinel').DeviceNetworkEvents).toBe(table('DeviceNetworkEvents').sentinelColumns);
    expect(kustoSchemaText([s('A'), { name: 'B', type: 'int' }])).toBe('(A:string, B:int)');
  });

  test('a table whose evidence names a column it lacks is refused where it is defined', () => {
    expect(() =>
      defineTable({ name: 'T', label: 't', columns: [s('DeviceId')], evidenceColumns: ['Nope'] }),
    ).toThrow(/Nope is not a T column/);
  });
});
