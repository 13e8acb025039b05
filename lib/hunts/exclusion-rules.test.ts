// The seed hunt's five exclusion rules on generated demo data, checked against the generator's ground truth
// (DemoEventLabel): each rule removes exactly its scenario's events among the hunt's matches, and the impact
// figures of a run equal what disappears when the rule is toggled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeHunt } from '@/lib/kql/compose';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { createTelemetryStore, type TelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { Cell, TelemetrySource } from '@/lib/sources/types';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { customExclusionPredicate } from '@/lib/triage/custom-exclusion-predicate';
import { type Hunt, loadCatalog } from './catalog';
import { UnknownExclusionError } from './exclusions';
import type { HuntRun } from './hunt-run';
import { findHunt, runHunt } from './run-hunt';
import { SEED_HUNT_ID } from './test-support';

const NOW = new Date('2026-11-28T10:00:00Z');
const RULE_IDS = [
  'admin-scripts',
  'scheduled-monitoring',
  'configmgr-intune',
  'rdp-windows-update',
  'veeam-backup',
] as const;

let dir: string;
let store: TelemetryStore;
let source: TelemetrySource;
let hunt: Hunt;
/** Ground truth: label per (ReportId, DeviceId, Timestamp). */
const labels = new Map<string, string>();

const key = (row: Record<string, Cell>) =>
  `${String(row.ReportId)}|${String(row.DeviceId)}|${(row.Timestamp as Date).getTime()}`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-exclusions-'));
  store = await createTelemetryStore({
    mode: 'demo',
    file: path.join(dir, 'demo.duckdb'),
    seed: 11,
    devices: 300,
    events: 20_000,
    now: NOW,
  });
  source = createEmbeddedSource(store);
  hunt = findHunt(await loadCatalog(), SEED_HUNT_ID);
  const truth = await store.query('SELECT ReportId, DeviceId, "Timestamp", label FROM DemoEventLabel');
  for (const row of truth.rows) labels.set(key(row), String(row.label));
}, 180_000);

afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The keys of the hunt's matching events in its own window, with the given predicates excluded. */
async function matchedEvents(exclusions: readonly string[] = []): Promise<Set<string>> {
  const { events } = composeHunt(hunt.query, { exclusions });
  const result = await source.run(events, { now: NOW });
  return new Set(result.rows.map(key));
}

const predicateOf = (id: string) => {
  const rule = hunt.exclusions.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.predicate;
};

const run = (exclude: readonly string[]) => runHunt({ hunt, source, now: NOW, exclude });

/** What goes from `before` to `after`: events, devices whose count changes, and devices gone from the table. */
function difference(before: HuntRun, after: HuntRun) {
  const counts = new Map(after.devices.map((d) => [d.deviceId, d.count]));
  const total = (r: HuntRun) => r.devices.reduce((sum, d) => sum + d.count, 0);
  return {
    events: total(before) - total(after),
    devices: before.devices.filter((d) => counts.get(d.deviceId) !== d.count).length,
    devicesGone: before.devices.filter((d) => !counts.has(d.deviceId)).length,
  };
}

describe('the seed hunt’s exclusion rules', () => {
  it('are the five scenarios of the seed rule, in its order, with its scenario text', () => {
    expect(hunt.exclusions.map((r) => r.id)).toEqual(RULE_IDS);
    expect(hunt.exclusions[0]?.scenario).toMatch(/^A system administrator is using mRemoteNG/);
    expect(hunt.exclusions[4]?.filter).toMatch(/known backup solutions/);
  });

  it.each(RULE_IDS)('%s removes exactly its scenario’s events among the hunt’s matches', async (id) => {
    const all = await matchedEvents();
    const kept = await matchedEvents([predicateOf(id)]);
    for (const k of kept) expect(all.has(k)).toBe(true);
    const removed = [...all].filter((k) => !kept.has(k));
    const scenario = [...all].filter((k) => labels.get(k) === `fp-${id}`);
    expect(scenario.length).toBeGreaterThan(0);
    expect(removed.sort()).toEqual(scenario.sort());
  });

  it('with all five enabled, only suspicious events remain', async () => {
    const kept = await matchedEvents(RULE_IDS.map(predicateOf));
    expect(kept.size).toBeGreaterThan(0);
    expect(new Set([...kept].map((k) => labels.get(k)))).toEqual(new Set(['suspicious']));
  });
});

describe('impact figures', () => {
  let base: HuntRun;
  beforeAll(async () => {
    base = await run([]);
  });

  it('list every rule, none enabled, with the impact query in the KQL', () => {
    expect(base.exclusions.map((e) => [e.id, e.enabled])).toEqual(RULE_IDS.map((id) => [id, false]));
    expect(base.kql.impact).toContain('| summarize Events=count() by DeviceId, Match_0=(');
    expect(base.kql.devices).not.toContain('where not(');
  });

  it.each(RULE_IDS)('%s: equal what disappears when it alone is enabled', async (id) => {
    const after = await run([id]);
    const impact = base.exclusions.find((e) => e.id === id)?.impact;
    expect(impact).toEqual(difference(base, after));
    expect(impact?.events).toBeGreaterThan(0);
    // Every scenario has a device with nothing but that scenario's launches.
    expect(impact?.devicesGone).toBeGreaterThan(0);
    expect(after.exclusions.find((e) => e.id === id)?.enabled).toBe(true);
    expect(after.kql.devices).toContain(`| where not(${predicateOf(id)})`);
  });

  it('on top of enabled rules, equal what toggling each rule changes', async () => {
    const enabled = ['scheduled-monitoring', 'veeam-backup'];
    const current = await run(enabled);
    for (const e of current.exclusions) {
      const others = enabled.filter((id) => id !== e.id);
      // An enabled rule's figures are what switching it off brings back; a disabled one's what enabling removes.
      const [withRule, withoutRule] = e.enabled
        ? [current, await run(others)]
        : [await run([...enabled, e.id]), current];
      expect(e.impact, e.id).toEqual(difference(withoutRule, withRule));
    }
    expect(current.kql.devices.match(/\| where not\(/g)).toHaveLength(1);
    expect(current.kql.devices.match(/\n {4}and not\(/g)).toHaveLength(1);
  });
});

describe('custom exclusions', () => {
  it('apply on top of the rules, and their impact equals what disappears', async () => {
    const base = await run(['admin-scripts']);
    const device = base.devices[0];
    if (!device) throw new Error('the demo month flags no device');
    // One device's every mRemoteNG launch, and on all devices the task scheduler and two monitoring agents as parents.
    const custom = [
      {
        id: 'c-device',
        predicate: customExclusionPredicate(
          {
            field: 'FileName',
            operator: '=~',
            values: ['mRemoteNG.exe'],
            deviceId: device.deviceId,
          },
          deviceProcessEvents,
        ),
      },
      {
        id: 'c-all',
        predicate: customExclusionPredicate(
          {
            field: 'InitiatingProcessFileName',
            operator: 'in~',
            values: ['taskeng.exe', 'taskhostw.exe', 'PRTG Probe.exe', 'nscp.exe'],
          },
          deviceProcessEvents,
        ),
      },
    ];
    const after = await runHunt({ hunt, source, now: NOW, exclude: ['admin-scripts'], custom });
    expect(after.devices.some((d) => d.deviceId === device.deviceId)).toBe(false);
    expect(after.kql.devices).toContain(`\n    and not(${custom[0]?.predicate})`);
    for (const c of after.customExclusions) {
      const others = custom.filter((o) => o.id !== c.id);
      const without = await runHunt({ hunt, source, now: NOW, exclude: ['admin-scripts'], custom: others });
      expect(c.impact, c.id).toEqual(difference(without, after));
      expect(c.impact.events, c.id).toBeGreaterThan(0);
    }
  });
});

describe('bad exclusion ids', () => {
  it('an unknown id is an UnknownExclusionError listing the valid ids', async () => {
    const error = await run(['admin-scripts', 'no-such-rule']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownExclusionError);
    expect((error as Error).message).toContain("'no-such-rule'");
    expect((error as Error).message).toContain(RULE_IDS.join(', '));
  });
});
