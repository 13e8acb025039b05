// Custom exclusions become one predicate each: checked on DuckDB for what every operator matches, and for
// scope; values with quotes, backslashes and newlines stay values.
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { composeHunt } from '@/lib/kql/compose';
import { createTable, openDatabase, runKql, SEED_QUERY } from '@/lib/kql/test-support';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { table } from '@/lib/tables/registry';
import {
  type CustomExclusionCondition,
  customExclusionPredicate,
  describeCustomExclusion,
  InvalidCustomExclusionError,
  isActive,
  isExpired,
} from './custom-exclusion-predicate';
import { customExclusionInputSchema, customExclusionInputSchemaFor, type ExclusionOperator } from './types';

const NOW = new Date('2026-11-01T12:00:00Z');
const TABLES = { [deviceProcessEvents.name]: deviceProcessEvents.columns };

const EVENTS = [
  { n: 1, DeviceId: 'd1', ProcessCommandLine: 'powershell.exe Update-Module -Name Az' },
  { n: 2, DeviceId: 'd1', ProcessCommandLine: 'backup "C:\\Jobs\\nightly.ps1"' },
  { n: 3, DeviceId: 'd2', ProcessCommandLine: 'backup "C:\\Jobs\\nightly.ps1"' },
  { n: 4, DeviceId: 'd2', ProcessCommandLine: "it's\na newline" },
  { n: 5, DeviceId: 'd3', ProcessCommandLine: 'mRemoteNG.exe' },
  { n: 6, DeviceId: 'd3', ProcessCommandLine: null },
];

let db: DuckDBConnection;

beforeAll(async () => {
  db = await openDatabase();
  await createTable(
    db,
    deviceProcessEvents.name,
    deviceProcessEvents.columns,
    EVENTS.map((e) => ({ ...e, ReportId: e.n, Timestamp: NOW })),
  );
});

afterAll(() => db?.closeSync());

/** The ReportIds that survive `| where not(<predicate>)`. */
async function kept(condition: CustomExclusionCondition): Promise<number[]> {
  const kql = `DeviceProcessEvents | where not(${customExclusionPredicate(condition, deviceProcessEvents)}) | project ReportId`;
  const rows = await runKql(db, kql, TABLES, NOW);
  return rows.map((r) => Number(r.ReportId)).sort((a, b) => a - b);
}

const all = (ops: number[]) => EVENTS.map((e) => e.n).filter((n) => !ops.includes(n));
const field = 'ProcessCommandLine';

describe('what each operator excludes', () => {
  const cases: [ExclusionOperator, string[], number[]][] = [
    ['==', ['mRemoteNG.exe'], [5]],
    ['==', ['mremoteng.exe'], []],
    ['=~', ['MREMOTENG.EXE'], [5]],
    ['has', ['update-module'], [1]],
    ['has', ['Jobs\\nightly.ps1'], [2, 3]],
    ['has_any', ['Update-Module', 'newline'], [1, 4]],
    ['contains', ['ghtly.p'], [2, 3]],
    ['startswith', ['POWERSHELL'], [1]],
    ['endswith', ['NEWLINE'], [4]],
    ['in~', ['MREMOTENG.exe', "IT'S\nA NEWLINE"], [4, 5]],
  ];
  test.each(cases)(
    '%s %j removes events %j and keeps the rest (nulls included)',
    async (operator, values, gone) => {
      expect(await kept({ field, operator, values })).toEqual(all(gone));
    },
  );

  test('a device scope limits the exclusion to that device', async () => {
    const values = ['backup "C:\\Jobs\\nightly.ps1"'];
    expect(await kept({ field, operator: '==', values, deviceId: 'd2' })).toEqual(all([3]));
    expect(await kept({ field, operator: '==', values })).toEqual(all([2, 3]));
  });

  test('a value that looks like KQL is only ever a value', async () => {
    const values = ['x") or true or ("', "' or 1==1 //", '*/ | take 0'];
    expect(await kept({ field, operator: 'has_any', values })).toEqual(all([]));
    const predicate = customExclusionPredicate(
      {
        field,
        operator: 'has_any',
        values,
        deviceId: '" or "1"=="1',
      },
      deviceProcessEvents,
    );
    expect(composeHunt(SEED_QUERY, { exclusions: [predicate] }).events).toContain(predicate);
  });
});

describe('guards behind the schema', () => {
  test('refuses fields outside the allowlist, unknown operators and lists for single-value operators', () => {
    expect(() =>
      customExclusionPredicate({ field: 'Timestamp', operator: '==', values: ['x'] }, deviceProcessEvents),
    ).toThrow(InvalidCustomExclusionError);
    expect(() =>
      customExclusionPredicate({ field: 'x) or (1', operator: '==', values: ['x'] }, deviceProcessEvents),
    ).toThrow(InvalidCustomExclusionError);
    expect(() =>
      customExclusionPredicate(
        { field, operator: 'matches regex' as ExclusionOperator, values: ['x'] },
        deviceProcessEvents,
      ),
    ).toThrow(InvalidCustomExclusionError);
    expect(() =>
      customExclusionPredicate({ field, operator: 'has', values: ['a', 'b'] }, deviceProcessEvents),
    ).toThrow(InvalidCustomExclusionError);
  });

  test('the input schema names what to fix', () => {
    const base = { field, operator: 'has', values: ['x'], reason: 'nightly backup job' };
    const message = (input: object) => {
      const result = customExclusionInputSchema.safeParse(input);
      return result.success
        ? 'ok'
        : `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
    };
    expect(message(base)).toBe('ok');
    expect(message({ ...base, field: 'x) or (1' })).toMatch(/^field: must be a column name/);
    expect(message({ ...base, operator: 'regex' })).toMatch(/^operator: must be one of/);
    expect(message({ ...base, values: [''] })).toMatch(/^values\.0: must not be empty/);
    expect(message({ ...base, values: ['   '] })).toMatch(/^values\.0: must not be only spaces/);
    expect(message({ ...base, values: ['x'.repeat(1001)] })).toMatch(/^values\.0: must be at most 1000/);
    expect(message({ ...base, reason: '  ' })).toMatch(/^reason: is required/);
    expect(message({ ...base, values: ['a', 'b'] })).toMatch(/^values: takes one value/);
    expect(message({ ...base, expiresAt: 'next week' })).toMatch(/^expiresAt: must be an ISO 8601/);
  });

  test('per table: the field must be a string column of the hunt’s main table', () => {
    const base = { operator: 'has', values: ['x'], reason: 'relay of our own support desk' };
    const network = table('DeviceNetworkEvents');
    const signer = table('DeviceFileCertificateInfo');
    const issue = (schema: ReturnType<typeof customExclusionInputSchemaFor>, field: string) => {
      const result = schema.safeParse({ ...base, field });
      return result.success
        ? 'ok'
        : `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
    };
    expect(issue(customExclusionInputSchemaFor(network), 'RemoteUrl')).toBe('ok');
    expect(issue(customExclusionInputSchemaFor(network), 'ProcessCommandLine')).toBe(
      'field: must be a string column of DeviceNetworkEvents, e.g. ActionType, RemoteUrl, RemoteIP',
    );
    expect(issue(customExclusionInputSchemaFor(network), 'RemotePort')).toMatch(
      /^field: must be a string column/,
    );
    expect(issue(customExclusionInputSchemaFor(signer), 'Signer')).toBe('ok');
    expect(issue(customExclusionInputSchemaFor(signer), 'IsTrusted')).toMatch(/DeviceFileCertificateInfo/);
    expect(issue(customExclusionInputSchemaFor(undefined), 'Signer')).toMatch(
      /reads no table Huntboard knows/,
    );
    expect(
      customExclusionPredicate({ field: 'RemoteUrl', operator: 'has', values: ['anydesk'] }, network),
    ).toBe("RemoteUrl has 'anydesk'");
    expect(() =>
      customExclusionPredicate({ field: 'ProcessCommandLine', operator: 'has', values: ['x'] }, network),
    ).toThrow(InvalidCustomExclusionError);
  });
});

describe('expiry', () => {
  test('an exclusion stops applying when its expiry passes, and says so', () => {
    const e = { enabled: true, expiresAt: '2026-11-01T12:00:00Z' };
    expect(isExpired(e, new Date('2026-11-01T11:59:59Z'))).toBe(false);
    expect(isActive(e, new Date('2026-11-01T11:59:59Z'))).toBe(true);
    expect(isExpired(e, NOW)).toBe(true);
    expect(isActive(e, NOW)).toBe(false);
    expect(isActive({ enabled: false }, NOW)).toBe(false);
    expect(isActive({ enabled: true }, NOW)).toBe(true);
  });
});

test('describes an exclusion for people', () => {
  expect(
    describeCustomExclusion({ field, operator: 'has', values: ['nightly.ps1'], deviceId: 'd2' }, 'WS-2'),
  ).toBe('ProcessCommandLine has "nightly.ps1" on WS-2');
  expect(describeCustomExclusion({ field, operator: 'in~', values: ['a', 'b'] })).toBe(
    'ProcessCommandLine in~ ("a", "b") on all devices',
  );
});
