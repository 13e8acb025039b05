// The pre-flight schema check with Microsoft's parser: every query a catalog hunt composes passes against the
// table it will run on; unknown names and type errors are refused with the parser's message and position.
import { describe, expect, test } from 'vitest';
import { loadCatalog } from '@/lib/hunts/catalog';
import { composeImpact } from '@/lib/hunts/exclusion-impact';
import { composeHunt } from './compose';
import { KqlSemanticError, KqlSyntaxError } from './errors';
import { checkQueryAgainstSchema, nearestColumns, registrySchemas } from './schema-check';
import { toSentinelTimeFilters } from './table-rewrite';

const DEFENDER = registrySchemas('defender');
const SENTINEL = registrySchemas('sentinel');

function semanticError(
  kql: string,
  tables: Parameters<typeof checkQueryAgainstSchema>[1] = DEFENDER,
): KqlSemanticError {
  try {
    checkQueryAgainstSchema(kql, tables);
  } catch (error) {
    if (error instanceof KqlSemanticError) return error;
    throw error;
  }
  throw new Error(`expected a semantic error for: ${kql}`);
}

const hunts = await loadCatalog();

describe('every query the catalog composes', () => {
  const queries = hunts.flatMap((hunt) => {
    const all = hunt.exclusions.map((r) => r.predicate);
    const composed = composeHunt(hunt.query, { exclusions: all, lookbackMs: 30 * 86_400_000 });
    const impact = composeImpact(hunt.query, { rules: hunt.exclusions });
    return [hunt.query, composed.devices, composed.timeline, composed.events, impact].map(
      (kql, i) => [`${hunt.id} #${i}`, kql] as const,
    );
  });

  test('the catalog has queries to check', () => {
    expect(queries.length).toBeGreaterThanOrEqual(5);
  });

  test.each(queries)('%s passes against Defender’s DeviceProcessEvents', (_, kql) => {
    expect(() => checkQueryAgainstSchema(kql, DEFENDER)).not.toThrow();
  });

  test.each(queries)('%s, rewritten for Sentinel, passes against Sentinel’s copy', (_, kql) => {
    const sentinel = toSentinelTimeFilters(kql);
    expect(sentinel).toContain('TimeGenerated');
    expect(() => checkQueryAgainstSchema(sentinel, SENTINEL)).not.toThrow();
  });
});

describe('refused before the query leaves', () => {
  test('an unknown column: the parser’s message, with line and column', () => {
    const error = semanticError('DeviceProcessEvents\n| where  ProcesVersionInfoProductName has "x"');
    expect(error.message).toContain(
      "The name 'ProcesVersionInfoProductName' does not refer to any known column",
    );
    expect(error.position).toEqual({ line: 2, column: 10 });
  });

  test('a type error: a string compared with a number', () => {
    const error = semanticError('DeviceProcessEvents | where DeviceName > 5');
    expect(error.message).toMatch(/operator '>' is not defined for the operand types string and (long|int)/);
    expect(error.position).toEqual({ line: 1, column: 40 }); // the operator
  });

  test('an unknown table', () => {
    const error = semanticError('DeviceRegistryEvents | take 1');
    expect(error.message).toContain("'DeviceRegistryEvents'");
    expect(error.position).toEqual({ line: 1, column: 1 });
  });

  test('a table outside the list the source has', () => {
    const onlyProcess = DEFENDER.filter((t) => t.name === 'DeviceProcessEvents');
    const error = semanticError('DeviceNetworkEvents | take 1', onlyProcess);
    expect(error.message).toContain("'DeviceNetworkEvents'");
  });

  test('an unknown function', () => {
    expect(semanticError('DeviceProcessEvents | where nosuch(DeviceId)').message).toContain("'nosuch'");
  });

  test('TimeGenerated exists only in Sentinel’s copy', () => {
    const kql = 'DeviceProcessEvents | where TimeGenerated > ago(1d) | take 1';
    expect(semanticError(kql).message).toContain("'TimeGenerated'");
    expect(() => checkQueryAgainstSchema(kql, SENTINEL)).not.toThrow();
  });

  test('AdditionalFields is dynamic in Sentinel and a string in Defender', () => {
    const kql = "DeviceProcessEvents | where AdditionalFields.Command == 'x'";
    expect(() => checkQueryAgainstSchema(kql, SENTINEL)).not.toThrow();
    expect(() => checkQueryAgainstSchema(kql, DEFENDER)).toThrow(KqlSemanticError);
  });

  test('a syntax error is a syntax error, not a schema one', () => {
    let caught: unknown;
    try {
      checkQueryAgainstSchema('DeviceProcessEvents | where', DEFENDER);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KqlSyntaxError);
    expect(caught).not.toBeInstanceOf(KqlSemanticError);
  });

  test('column names are case-sensitive, as in Kusto', () => {
    expect(semanticError('DeviceProcessEvents | where deviceid == "x"').message).toContain("'deviceid'");
  });
});

describe('every registry table', () => {
  test('a network hunt and a signer hunt pass, by default against Defender’s columns', () => {
    const network =
      "DeviceNetworkEvents | where Timestamp > ago(5d) and RemoteUrl has 'anydesk' and RemotePort == 443 | summarize Count=count() by DeviceId, InitiatingProcessAccountUpn";
    const signer =
      "DeviceFileCertificateInfo | where Timestamp > ago(5d) and Signer has 'AnyDesk' and IsTrusted == true | summarize Count=count() by DeviceId";
    expect(() => checkQueryAgainstSchema(network)).not.toThrow();
    expect(() => checkQueryAgainstSchema(signer)).not.toThrow();
    expect(() => checkQueryAgainstSchema(toSentinelTimeFilters(network), 'sentinel')).not.toThrow();
    expect(() => checkQueryAgainstSchema(toSentinelTimeFilters(signer), 'sentinel')).not.toThrow();
  });

  test('a process column is unknown on the network table, at its position', () => {
    const error = semanticError('DeviceNetworkEvents\n| summarize count() by DeviceId, AccountUpn');
    expect(error.message).toContain("'AccountUpn'");
    expect(error.position).toEqual({ line: 2, column: 34 });
  });

  test('the signer table has no FileName: the parser names it', () => {
    const error = semanticError("DeviceFileCertificateInfo | where FileName =~ 'AnyDesk.exe'");
    expect(error.message).toContain("'FileName'");
    expect(error.position).toEqual({ line: 1, column: 35 });
  });

  test('a join of two registry tables passes', () => {
    const kql =
      'DeviceProcessEvents | where FileName =~ "AnyDesk.exe" | join kind=inner (DeviceFileCertificateInfo | where IsTrusted == false) on SHA1 | project DeviceId, Signer';
    expect(() => checkQueryAgainstSchema(kql)).not.toThrow();
  });
});

describe('an unknown column names the nearest existing ones', () => {
  const REGISTRY = registrySchemas();

  test('AccountUpn on DeviceNetworkEvents: the initiating process’s account, at the name’s position', () => {
    const kql = `let Time_start = now(-5d);
DeviceNetworkEvents
| where Timestamp > Time_start
| where RemoteUrl has_any ('example-rmm.com')
| summarize Count=count() by DeviceId, DeviceName,
    AccountUpn, RemoteUrl`;
    const error = semanticError(kql, REGISTRY);
    expect(error.message).toContain("The name 'AccountUpn' does not refer to any known column");
    expect(error.message).toContain('Did you mean InitiatingProcessAccountUpn?');
    expect(error.position).toEqual({ line: 6, column: 5 });
    expect(error.suggestions).toEqual(['InitiatingProcessAccountUpn']);
    expect(error.toProblem()).toMatchObject({
      status: 400,
      extensions: { line: 6, column: 5, suggestions: ['InitiatingProcessAccountUpn'] },
    });
  });

  test('Sha1 for SHA1: a different case comes first', () => {
    const kql = `let Signed = DeviceFileCertificateInfo
| where Signer has 'Example Vendor'
| distinct Sha1;
DeviceProcessEvents
| where SHA1 in (Signed)`;
    const error = semanticError(kql, REGISTRY);
    expect(error.suggestions).toEqual(['SHA1']);
    expect(error.message).toMatch(/'Sha1'.*Did you mean SHA1\?/);
    expect(error.position).toEqual({ line: 3, column: 12 });
  });

  test('a misspelling: the columns within a small edit distance', () => {
    const error = semanticError('DeviceProcessEvents | where ProcesVersionInfoProductName has "x"', REGISTRY);
    expect(error.suggestions).toEqual(['ProcessVersionInfoProductName']);
  });

  test('suggestions come from the tables the query reads', () => {
    // IsTrusted exists only in DeviceFileCertificateInfo; the query reads DeviceProcessEvents alone.
    expect(semanticError('DeviceProcessEvents | where istrusted', REGISTRY).suggestions).toEqual([]);
  });

  test('unknown tables and functions get no column suggestions', () => {
    expect(semanticError('DeviceNetworkEvent | take 1', REGISTRY).suggestions).toEqual([]);
    expect(semanticError('DeviceNetworkEvents | where RemoteUrl(1)', REGISTRY).suggestions).toEqual([]);
  });

  test('nearestColumns: case first, then shared suffix (closest length first), then edit distance', () => {
    const columns = [
      'SHA1',
      'InitiatingProcessSHA1',
      'AccountName',
      'InitiatingProcessAccountName',
      'DeviceId',
    ];
    expect(nearestColumns('sha1', columns)).toEqual(['SHA1']);
    expect(nearestColumns('ProcessSHA1', columns)).toEqual(['SHA1', 'InitiatingProcessSHA1']);
    expect(nearestColumns('DeviceID', columns)).toEqual(['DeviceId']);
    expect(nearestColumns('DevicId', columns)).toEqual(['DeviceId']);
    expect(nearestColumns('Totally', columns)).toEqual([]);
  });
});
