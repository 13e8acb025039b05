import { describe, expect, test } from 'vitest';
import {
  composeDeviceCounts,
  composeDeviceEvents,
  composeHunt,
  composeMatchGroups,
  exclusionPredicate,
  huntSummaryShape,
  splitHunt,
} from './compose';
import { KqlCompositionError, KqlSyntaxError } from './errors';
import { kqlString } from './literal';
import { SEED_QUERY } from './test-support';

const SEED = SEED_QUERY;

const EVENTS = `let Time_start = now(-5d);
let Time_end = now();
//
DeviceProcessEvents
| where Timestamp between (Time_start..Time_end)
| where ProcessVersionInfoProductName has 'mRemoteNG'`;

const DAY = 86_400_000;

describe('splitHunt', () => {
  test('slices prelude, event stage and final summarize out of the original text', () => {
    expect(splitHunt(SEED)).toEqual({
      prelude: 'let Time_start = now(-5d);\nlet Time_end = now();\n//\n',
      eventStage:
        "DeviceProcessEvents\n| where Timestamp between (Time_start..Time_end)\n| where ProcessVersionInfoProductName has 'mRemoteNG'",
      finalSummarize:
        '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),\nReport=make_set(ReportId), Count=count() by DeviceId, DeviceName',
    });
  });
});

describe('composeHunt', () => {
  test('without options the device query is the hunt itself', () => {
    const composed = composeHunt(SEED);
    expect(composed.devices).toBe(SEED);
    expect(composed.events).toBe(EVENTS);
    expect(composed.timeline).toBe(
      `${EVENTS}\n| summarize Count=count() by DeviceId, Day=bin(Timestamp, 1d)`,
    );
    expect(composed.lookbackMs).toBe(5 * DAY);
  });

  test("a new lookback rewrites the let's value in its own style and nothing else", () => {
    const composed = composeHunt(SEED, { lookbackMs: 14 * DAY });
    expect(composed.devices).toBe(SEED.replace('now(-5d)', 'now(-14d)'));
    expect(composed.lookbackMs).toBe(14 * DAY);
    expect(composeHunt(SEED, { lookbackMs: 36 * 3_600_000 }).events).toContain('let Time_start = now(-36h);');
    expect(composeHunt(SEED, { lookbackMs: 90 * 60_000 }).events).toContain('let Time_start = now(-90m);');
  });

  test('ago() windows, direct or through a let, keep the ago style', () => {
    const direct = `DeviceProcessEvents
| where Timestamp between (ago(7d) .. now())
| summarize Count=count() by DeviceId`;
    expect(composeHunt(direct).lookbackMs).toBe(7 * DAY);
    expect(composeHunt(direct, { lookbackMs: 2 * DAY }).devices).toBe(direct.replace('ago(7d)', 'ago(2d)'));
    const viaLet = `let start = ago(12h);
let stop = now();
DeviceProcessEvents
| where ActionType == 'ProcessCreated' and Timestamp between (start .. stop)
| summarize Count=count() by DeviceId`;
    expect(composeHunt(viaLet).lookbackMs).toBe(12 * 3_600_000);
    expect(composeHunt(viaLet, { lookbackMs: DAY }).devices).toBe(viaLet.replace('ago(12h)', 'ago(1d)'));
  });

  test('exclusions go after the event stage, before the final summarize, in order, as one where', () => {
    const composed = composeHunt(SEED, {
      exclusions: [
        `ProcessCommandLine has_any ('Update-Module', 'Install-Script')`,
        `  FileName =~ "wuauserv.exe"  // service\n`,
      ],
    });
    const exclusions =
      "\n| where not(ProcessCommandLine has_any ('Update-Module', 'Install-Script'))" +
      '\n    and not(FileName =~ "wuauserv.exe")';
    expect(composed.events).toBe(EVENTS + exclusions);
    expect(composed.devices).toBe(
      `${EVENTS + exclusions}\n| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),\nReport=make_set(ReportId), Count=count() by DeviceId, DeviceName`,
    );
    expect(composed.timeline).toBe(
      `${EVENTS + exclusions}\n| summarize Count=count() by DeviceId, Day=bin(Timestamp, 1d)`,
    );
  });

  test('an exclusion holding quotes, pipes, semicolons and comments inside a literal stays one predicate', () => {
    const nasty = `x' | take 1; // */ "y" \\ \n | union`;
    const composed = composeHunt(SEED, { exclusions: [`ProcessCommandLine has ${kqlString(nasty)}`] });
    expect(composed.events).toBe(`${EVENTS}\n| where not(ProcessCommandLine has ${kqlString(nasty)})`);
  });

  test('a hunt with a trailing comment on its last event line still composes', () => {
    const hunt = `DeviceProcessEvents
| where Timestamp between (now(-5d) .. now()) // the window
| summarize Count=count() by DeviceId`;
    const composed = composeHunt(hunt, { exclusions: ['FileName == "a"'] });
    expect(composed.devices).toBe(
      'DeviceProcessEvents\n| where Timestamp between (now(-5d) .. now())\n| where not(FileName == "a") // the window\n| summarize Count=count() by DeviceId',
    );
  });

  test.each([
    ['DeviceProcessEvents | where Timestamp > ago(5d) | summarize count() by DeviceId', /no time window/],
    [
      'DeviceProcessEvents | where Timestamp between (ago(5d) .. ago(1d)) | summarize count() by DeviceId',
      /no time window/,
    ],
    ['DeviceProcessEvents | where Timestamp between (now(-5d) .. now())', /must end with/],
    [
      'DeviceProcessEvents | where Timestamp between (now(-5d) .. now()) | summarize count() by DeviceId | take 5',
      /must end with/,
    ],
    ['let x = 1', /no pipeline/],
  ])('refuses %s', (hunt, message) => {
    expect(() => composeHunt(hunt)).toThrow(KqlCompositionError);
    expect(() => composeHunt(hunt)).toThrow(message);
  });

  test('refuses a lookback that is not a positive duration', () => {
    expect(() => composeHunt(SEED, { lookbackMs: 0 })).toThrow(KqlCompositionError);
    expect(() => composeHunt(SEED, { lookbackMs: Number.NaN })).toThrow(KqlCompositionError);
  });
});

describe('exclusionPredicate', () => {
  test('returns the predicate without surrounding whitespace and comments', () => {
    expect(exclusionPredicate('  // why\n FileName == "a" // trailing')).toBe('FileName == "a"');
    expect(exclusionPredicate('a == 1 // inner\n or b == 2')).toBe('a == 1 // inner\n or b == 2');
  });

  test.each([
    ['FileName == "a" | take 1', KqlCompositionError],
    ['FileName == "a"; DeviceProcessEvents', KqlCompositionError],
    ['let x = 1; x == 1', KqlCompositionError],
    ['toscalar(DeviceProcessEvents | count) > 1', KqlCompositionError],
    ['(DeviceProcessEvents | take 1)', KqlCompositionError],
    ['FileName == "a")', KqlSyntaxError],
    ['FileName == "a" // ) | take 1', undefined],
    ['', KqlCompositionError],
  ])('%s', (predicate, error) => {
    if (error) expect(() => exclusionPredicate(predicate)).toThrow(error);
    else expect(exclusionPredicate(predicate)).toBe('FileName == "a"');
  });
});

describe('composeDeviceCounts', () => {
  test('summarizes the windowed event stage per device, one countif per column, without exclusions', () => {
    const query = composeDeviceCounts(SEED, {
      lookbackMs: 2 * DAY,
      counts: [
        { name: 'A', predicate: " FileName =~ 'a.exe' " },
        { name: 'B', predicate: "(FileName =~ 'a.exe') or (FileName =~ 'b.exe')" },
      ],
    });
    expect(query).toBe(
      `${EVENTS.replace('now(-5d)', 'now(-2d)')}\n| summarize Total=count(), A=countif(FileName =~ 'a.exe'), ` +
        "B=countif((FileName =~ 'a.exe') or (FileName =~ 'b.exe')) by DeviceId",
    );
  });

  test.each([
    [{ name: 'A', predicate: "FileName has 'x' | take 1" }],
    [{ name: 'A', predicate: "FileName has 'x'), B=count(" }],
    [{ name: 'Total', predicate: "FileName has 'x'" }],
    [{ name: 'A B', predicate: "FileName has 'x'" }],
  ])('refuses a column that is not one name and one predicate: %j', (count) => {
    let error: unknown;
    try {
      composeDeviceCounts(SEED, { counts: [count] });
    } catch (e) {
      error = e;
    }
    // An unbalanced predicate fails at parsing, everything else at composition.
    expect(error instanceof KqlCompositionError || error instanceof KqlSyntaxError).toBe(true);
  });
});

describe('composeMatchGroups', () => {
  test('groups the windowed event stage by device and by each predicate, each written once', () => {
    const query = composeMatchGroups(SEED, {
      lookbackMs: 2 * DAY,
      predicates: [" FileName =~ 'a.exe' // why", "FileName has 'b' or FolderPath has 'c'"],
    });
    expect(query).toBe(
      `${EVENTS.replace('now(-5d)', 'now(-2d)')}\n| summarize Events=count() by DeviceId, ` +
        "Match_0=(FileName =~ 'a.exe'), Match_1=(FileName has 'b' or FolderPath has 'c')",
    );
  });

  test('per device and UTC day as well, when asked', () => {
    const query = composeMatchGroups(SEED, { predicates: ["FileName =~ 'a.exe'"], perDay: true });
    expect(query).toBe(
      `${EVENTS}\n| summarize Events=count() by DeviceId, Day=bin(Timestamp, 1d), Match_0=(FileName =~ 'a.exe')`,
    );
  });

  test('refuses a predicate that would add a key, an aggregate or an operator', () => {
    for (const predicate of ["FileName has 'x'), Y=(1", "FileName has 'x' | take 1", 'true) by X, (Y']) {
      let error: unknown;
      try {
        composeMatchGroups(SEED, { predicates: [predicate] });
      } catch (e) {
        error = e;
      }
      expect(error instanceof KqlCompositionError || error instanceof KqlSyntaxError, predicate).toBe(true);
    }
  });
});

describe('huntSummaryShape', () => {
  test("reads the final summarize's keys and aggregates with the names Kusto gives them", () => {
    expect(huntSummaryShape(SEED)).toEqual({
      keys: ['DeviceId', 'DeviceName'],
      aggregates: [
        { name: 'FirstSeen', fn: 'min' },
        { name: 'LastSeen', fn: 'max' },
        { name: 'Report', fn: 'make_set' },
        { name: 'Count', fn: 'count' },
      ],
    });
    const hunt = SEED.replace(
      'by DeviceId, DeviceName',
      'by DeviceId, DeviceName, AccountUpn, D=bin(Timestamp, 1d), bin(Timestamp, 1h), tolower(FileName)',
    );
    expect(huntSummaryShape(hunt).keys).toEqual([
      'DeviceId',
      'DeviceName',
      'AccountUpn',
      'D',
      'Timestamp',
      undefined,
    ]);
    expect(composeHunt(hunt, { exclusions: ["FileName has 'x'"] }).summary).toEqual(huntSummaryShape(hunt));
  });
});

describe('composeDeviceEvents', () => {
  const columns = ['Timestamp', 'FileName', 'ReportId'];

  test('appends the device filter to the composed event stage, then orders, cuts and projects', () => {
    const exclusions = ["InitiatingProcessFileName =~ 'svchost.exe'"];
    const composed = composeDeviceEvents(SEED, { deviceId: 'dev-1', columns, limit: 50, exclusions });
    const stage = composeHunt(SEED, { exclusions }).events;
    expect(composed.count).toBe(`${stage}\n| where DeviceId == 'dev-1'\n| count`);
    expect(composed.events).toBe(
      `${stage}\n| where DeviceId == 'dev-1'\n| sort by Timestamp desc, ReportId desc\n| take 50\n| project Timestamp, FileName, ReportId`,
    );
    expect(
      composeDeviceEvents(SEED, { deviceId: 'x', columns, limit: 1, lookbackMs: 2 * DAY }).events,
    ).toContain('now(-2d)');
  });

  test('writes any device id as one string literal', () => {
    for (const deviceId of ["a' or 1==1 //", 'x\n| take 1', '\\', '']) {
      const { count } = composeDeviceEvents(SEED, { deviceId, columns, limit: 5 });
      expect(count).toContain(`| where DeviceId == ${kqlString(deviceId)}\n| count`);
    }
  });

  test('refuses a limit that is not a positive integer and a column that is not a name', () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => composeDeviceEvents(SEED, { deviceId: 'd', columns, limit })).toThrow(KqlCompositionError);
    }
    expect(() =>
      composeDeviceEvents(SEED, { deviceId: 'd', columns: ['Timestamp | take 1'], limit: 1 }),
    ).toThrow(KqlCompositionError);
    expect(() => composeDeviceEvents(SEED, { deviceId: 'd', columns: [], limit: 1 })).toThrow(
      KqlCompositionError,
    );
  });
});
