// A device's evidence on generated demo data: exactly the device's events in the hunt's composed event stage,
// newest first and capped, counted in full; the hunt's exclusion rules take away exactly the events the
// generator labelled with their scenario; and a device id never changes the query's structure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeHunt } from '@/lib/kql/compose';
import { kqlString } from '@/lib/kql/literal';
import { createEmbeddedSource } from '@/lib/sources/embedded/embedded-source';
import { createTelemetryStore, type TelemetryStore } from '@/lib/sources/embedded/telemetry-store';
import type { Cell, TelemetrySource } from '@/lib/sources/types';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { type Hunt, loadCatalog } from './catalog';
import { deviceEvidence } from './device-evidence';
import { deviceEvidenceSchema, type EvidenceEvent } from './device-evidence-result';
import { UnknownExclusionError } from './exclusions';
import { findHunt, runHunt } from './run-hunt';
import { SEED_HUNT_ID } from './test-support';

const NOW = new Date('2026-11-28T10:00:00Z');
const DAY_MS = 86_400_000;
const RULE_IDS = [
  'admin-scripts',
  'scheduled-monitoring',
  'configmgr-intune',
  'rdp-windows-update',
  'veeam-backup',
];

let dir: string;
let store: TelemetryStore;
let source: TelemetrySource;
let hunt: Hunt;
/** The hunt's matching events in its own window, no exclusions: every column. */
let stage: Record<string, Cell>[];
/** Ground truth: label per (ReportId, DeviceId, Timestamp). */
const labels = new Map<string, string>();

const labelKey = (row: Record<string, Cell>) =>
  `${String(row.ReportId)}|${String(row.DeviceId)}|${(row.Timestamp as Date).getTime()}`;
const eventKey = (e: EvidenceEvent) => `${String(e.ReportId)}|${Date.parse(String(e.Timestamp))}`;
const rowKey = (row: Record<string, Cell>) => `${String(row.ReportId)}|${(row.Timestamp as Date).getTime()}`;

/** The order the evidence promises: newest first, then the larger ReportId. */
function newestFirst(rows: Record<string, Cell>[]): Record<string, Cell>[] {
  return [...rows].sort(
    (a, b) =>
      (b.Timestamp as Date).getTime() - (a.Timestamp as Date).getTime() ||
      (BigInt(b.ReportId as bigint) > BigInt(a.ReportId as bigint) ? 1 : -1),
  );
}

const rowsOf = (deviceId: string, rows = stage) => rows.filter((row) => row.DeviceId === deviceId);

const evidence = (
  deviceId: string,
  options: {
    exclude?: string[];
    limit?: number;
    lookbackMs?: number;
    custom?: { id: string; predicate: string }[];
  } = {},
) => deviceEvidence({ hunt, source, now: NOW, deviceId, ...options });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'huntboard-evidence-'));
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
  stage = (await source.run(composeHunt(hunt.query).events, { now: NOW })).rows;
  const truth = await store.query('SELECT ReportId, DeviceId, "Timestamp", label FROM DemoEventLabel');
  for (const row of truth.rows) labels.set(labelKey(row), String(row.label));
}, 180_000);

afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The device with the most events in the window. */
function busiestDevice(): string {
  const counts = new Map<string, number>();
  for (const row of stage) counts.set(String(row.DeviceId), (counts.get(String(row.DeviceId)) ?? 0) + 1);
  const [id] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (!id) throw new Error('the demo data has no matching events');
  return id;
}

describe('a device’s evidence', () => {
  it('is every event of that device in the composed event stage, newest first, with the listed fields', async () => {
    const deviceId = busiestDevice();
    const expected = newestFirst(rowsOf(deviceId));
    expect(expected.length).toBeGreaterThan(5);

    const result = deviceEvidenceSchema.parse(await evidence(deviceId, { limit: 1_000 }));
    expect(result.total).toBe(expected.length);
    expect(result.shown).toBe(expected.length);
    expect(result.events.map(eventKey)).toEqual(expected.map(rowKey));
    expect(result).toMatchObject({
      huntId: SEED_HUNT_ID,
      deviceId,
      exclusions: [],
      truncated: false,
      window: {
        start: new Date(NOW.getTime() - 5 * DAY_MS).toISOString(),
        end: NOW.toISOString(),
        lookback: '5d',
      },
    });

    const first = expected[0] as Record<string, Cell>;
    // The process table's evidence columns, in the registry's order, each value as the API carries it.
    expect(result.table).toBe('DeviceProcessEvents');
    expect(result.columns.map((c) => c.name)).toEqual(deviceProcessEvents.evidenceColumns);
    expect(result.columns.find((c) => c.name === 'ReportId')?.type).toBe('long');
    expect(result.events[0]).toEqual({
      Timestamp: (first.Timestamp as Date).toISOString(),
      InitiatingProcessParentFileName: first.InitiatingProcessParentFileName,
      InitiatingProcessFileName: first.InitiatingProcessFileName,
      InitiatingProcessCommandLine: first.InitiatingProcessCommandLine,
      AccountDomain: first.AccountDomain,
      AccountName: first.AccountName,
      FileName: first.FileName,
      FolderPath: first.FolderPath,
      ProcessCommandLine: first.ProcessCommandLine,
      SHA256: first.SHA256,
      ReportId: Number(first.ReportId),
    });
  });

  it('is capped at the limit and still counts every event', async () => {
    const deviceId = busiestDevice();
    const expected = newestFirst(rowsOf(deviceId));
    const result = await evidence(deviceId, { limit: 3 });
    expect(result.shown).toBe(3);
    expect(result.limit).toBe(3);
    expect(result.total).toBe(expected.length);
    expect(result.events.map(eventKey)).toEqual(expected.slice(0, 3).map(rowKey));
  });

  it('the total equals the device’s count in a run of the same hunt', async () => {
    const run = await runHunt({ hunt, source, now: NOW, exclude: ['veeam-backup'] });
    for (const device of run.devices.slice(0, 5)) {
      const result = await evidence(device.deviceId, { exclude: ['veeam-backup'], limit: 1 });
      expect(result.total).toBe(device.count);
      expect(result.events[0]?.Timestamp).toBe(device.lastSeen);
    }
  });

  it('a wider window finds the device’s older events too', async () => {
    const deviceId = busiestDevice();
    const wide = (await source.run(composeHunt(hunt.query, { lookbackMs: 20 * DAY_MS }).events, { now: NOW }))
      .rows;
    const result = await evidence(deviceId, { lookbackMs: 20 * DAY_MS, limit: 1_000 });
    expect(result.window.lookback).toBe('20d');
    expect(result.total).toBe(rowsOf(deviceId, wide).length);
    expect(result.total).toBeGreaterThanOrEqual(rowsOf(deviceId).length);
  });
});

describe('exclusions', () => {
  const byDevice = () => {
    const map = new Map<string, Record<string, Cell>[]>();
    for (const row of stage) map.set(String(row.DeviceId), [...(map.get(String(row.DeviceId)) ?? []), row]);
    return [...map].sort((a, b) => a[0].localeCompare(b[0]));
  };

  it.each(RULE_IDS)(
    '%s takes away exactly the device’s events of its scenario, and nothing elsewhere',
    async (id) => {
      const label = `fp-${id}`;
      const devices = byDevice();
      const hit = devices.filter(([, rows]) => rows.some((row) => labels.get(labelKey(row)) === label));
      const untouched = devices.find(([, rows]) => rows.every((row) => labels.get(labelKey(row)) !== label));
      // Prefer a device where the rule removes some events but not all, so both halves are checked.
      const mixed = hit.find(([, rows]) => rows.some((row) => labels.get(labelKey(row)) !== label)) ?? hit[0];
      if (!mixed || !untouched)
        throw new Error(`the demo data lacks devices with and without ${label} events`);

      for (const [deviceId, rows] of [mixed, untouched]) {
        const kept = rows.filter((row) => labels.get(labelKey(row)) !== label);
        const result = await evidence(deviceId, { exclude: [id], limit: 1_000 });
        expect(result.exclusions).toEqual([id]);
        expect(result.total).toBe(kept.length);
        expect(result.events.map(eventKey)).toEqual(newestFirst(kept).map(rowKey));
        expect(result.kql.events).toContain('| where not(');
      }
      expect(mixed[1].length).toBeGreaterThan(
        mixed[1].filter((row) => labels.get(labelKey(row)) !== label).length,
      );
    },
  );

  it('with every rule on, only the suspicious events are left', async () => {
    const isSuspicious = (row: Record<string, Cell>) => labels.get(labelKey(row)) === 'suspicious';
    const [deviceId, rows] =
      byDevice().find(([, rows]) => rows.some(isSuspicious) && !rows.every(isSuspicious)) ?? [];
    if (!deviceId || !rows) throw new Error('no device has suspicious and benign events');
    const suspicious = rows.filter(isSuspicious);
    const result = await evidence(deviceId, { exclude: [...RULE_IDS], limit: 1_000 });
    expect(result.exclusions).toEqual(RULE_IDS);
    expect(result.events.map(eventKey)).toEqual(newestFirst(suspicious).map(rowKey));
  });

  it('custom exclusions apply as the run applies them, after the hunt’s rules', async () => {
    const deviceId = busiestDevice();
    const rows = rowsOf(deviceId);
    const parent = String(rows[0]?.InitiatingProcessFileName);
    const kept = rows.filter(
      (row) => String(row.InitiatingProcessFileName).toLowerCase() !== parent.toLowerCase(),
    );
    const custom = [{ id: 'custom-parent', predicate: `InitiatingProcessFileName =~ ${kqlString(parent)}` }];
    const result = await evidence(deviceId, { custom, exclude: ['veeam-backup'], limit: 1_000 });
    expect(result.exclusions).toEqual(['veeam-backup', 'custom-parent']);
    const veeam = (row: Record<string, Cell>) => labels.get(labelKey(row)) === 'fp-veeam-backup';
    expect(result.events.map(eventKey)).toEqual(newestFirst(kept.filter((row) => !veeam(row))).map(rowKey));
    expect(result.total).toBeLessThan(rows.length);
    const run = await runHunt({ hunt, source, now: NOW, exclude: ['veeam-backup'], custom });
    expect(run.devices.find((d) => d.deviceId === deviceId)?.count ?? 0).toBe(result.total);
  });

  it('an unknown rule id is refused', async () => {
    await expect(evidence(busiestDevice(), { exclude: ['no-such-rule'] })).rejects.toBeInstanceOf(
      UnknownExclusionError,
    );
  });
});

describe('the device id', () => {
  it('reaches the query only as a string literal, and a hostile one matches nothing', async () => {
    const hostile = "x' or DeviceId != '' | take 5 //\\";
    const result = await evidence(hostile);
    expect(result.total).toBe(0);
    expect(result.events).toEqual([]);
    expect(result.kql.count).toContain(`| where DeviceId == ${kqlString(hostile)}\n| count`);
  });
});
