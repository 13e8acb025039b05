// The shape of one hunt run as the API returns it and the devices page reads it.
import { z } from 'zod';
import { SIGNAL_IDS } from '@/lib/signals/definitions';

export const deviceActivitySchema = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string(),
  count: z.number().int().nonnegative(),
});

/** One value of an extra summarize key; datetimes travel as ISO 8601, longs beyond 2^53 as strings. */
export const extraKeyValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const signalIdSchema = z.enum(SIGNAL_IDS);

/** Why a device is flagged (lib/signals, docs/signals.md): its signals and the facts behind them, as sets. */
export const deviceSignalsSchema = z.object({
  ids: z.array(signalIdSchema),
  /** Parent images in the window, shell-like ones first. */
  parents: z.array(z.string()),
  parentCommandLines: z.array(z.string()),
  /** `domain\\name` of the accounts in the window. */
  accounts: z.array(z.string()),
  folders: z.array(z.string()),
  fileNames: z.array(z.string()),
  originalFileNames: z.array(z.string()),
  /** The device's first event of the hunt in the signals' 30-day history (ISO 8601 UTC). */
  firstEvent: z.string(),
});

export const huntDeviceSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  /** ISO 8601 UTC. */
  firstSeen: z.string(),
  lastSeen: z.string(),
  count: z.number().int().nonnegative(),
  /** Distinct ReportIds; longs beyond 2^53 travel as strings. */
  reportIds: z.array(z.union([z.number(), z.string()])),
  /** Events per UTC day inside the window; days without events are left out. */
  activity: z.array(deviceActivitySchema),
  /** The device's page in Microsoft Defender, when the source is Defender XDR. */
  devicePage: z.string().optional(),
  /**
   * The values of the keys the hunt summarizes by besides DeviceId and DeviceName (e.g. AccountUpn,
   * RemoteUrl), each as the sorted set of values among the device's events; absent when there are none.
   */
  extra: z.record(z.string(), z.array(extraKeyValueSchema)).optional(),
  /** Absent when the run's signals query failed (the run's `signals.error` says why). */
  signals: deviceSignalsSchema.optional(),
});

export const huntSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** The RMM tool the hunt is about (e.g. "AnyDesk"); null when the catalog file does not say. */
  tool: z.string().nullable(),
  /** The tables the hunt's query reads, e.g. ["DeviceNetworkEvents"]. */
  tables: z.array(z.string()),
  tactics: z.array(z.string()),
  /** MITRE ATT&CK technique ids, e.g. ["T1219"]. */
  techniques: z.array(z.string()),
  /** The lookback of the hunt's own window as a KQL timespan (e.g. "5d"); null when it has none composition reads. */
  lookback: z.string().nullable(),
});

/** A catalog file that did not load, shown beside the hunts: the file, where in it, and why. */
export const catalogProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  cause: z.enum(['yaml', 'schema', 'translation', 'run', 'duplicate']),
  message: z.string(),
});

/** What toggling one exclusion rule changes in the current window; see lib/hunts/exclusion-impact.ts. */
export const exclusionImpactSchema = z.object({
  /** Events this rule matches that no other enabled rule matches. */
  events: z.number().int().nonnegative(),
  /** Devices with at least one such event. */
  devices: z.number().int().nonnegative(),
  /** Devices that leave the table when the rule is switched on (or come back when it is switched off). */
  devicesGone: z.number().int().nonnegative(),
});

export const huntExclusionSchema = z.object({
  id: z.string(),
  title: z.string(),
  scenario: z.string(),
  enabled: z.boolean(),
  impact: exclusionImpactSchema,
});

export const huntRunSchema = z.object({
  hunt: huntSummarySchema,
  source: z.object({ id: z.string(), label: z.string() }),
  window: z.object({
    /** ISO 8601 UTC bounds, both inclusive, as `between` reads them. */
    start: z.string(),
    end: z.string(),
    /** The lookback as a KQL timespan, e.g. "5d". */
    lookback: z.string(),
    /** Every UTC day (YYYY-MM-DD) the window touches, oldest first. */
    days: z.array(z.string()),
  }),
  /** The exact KQL that ran, as the source ran it (Sentinel's filters on TimeGenerated, for instance). */
  kql: z.object({
    devices: z.string(),
    timeline: z.string(),
    /** The one query that measured every exclusion's impact; absent when the hunt has no exclusions. */
    impact: z.string().optional(),
    /** The one query behind the why-flagged signals. */
    signals: z.string().optional(),
  }),
  /** Which signals the hunt's table supports, and why none were computed when the query failed. */
  signals: z
    .object({
      available: z.array(signalIdSchema),
      error: z.string().optional(),
    })
    .optional(),
  /** The devices query in the source's own console ("Open in Defender", "Open in Sentinel"), where it has one. */
  consoleLink: z.object({ label: z.string(), url: z.string() }).optional(),
  /** The hunt's exclusion rules, in the hunt's order, whether each is enabled and what it changes. */
  exclusions: z.array(huntExclusionSchema).default([]),
  /** The custom exclusions in effect for this run (switched on, not expired) and what each one hides. */
  customExclusions: z.array(z.object({ id: z.string(), impact: exclusionImpactSchema })).default([]),
  devices: z.array(huntDeviceSchema),
  rowCount: z.number().int().nonnegative(),
  truncated: z.boolean(),
  /** When the run started (ISO 8601 UTC) and how long it took. */
  ranAt: z.string(),
  elapsedMs: z.number().nonnegative(),
});

export type DeviceActivity = z.infer<typeof deviceActivitySchema>;
export type HuntDevice = z.infer<typeof huntDeviceSchema>;
export type ExtraKeyValue = z.infer<typeof extraKeyValueSchema>;
export type HuntSummary = z.infer<typeof huntSummarySchema>;
export type CatalogProblemSummary = z.infer<typeof catalogProblemSchema>;
export type HuntRun = z.infer<typeof huntRunSchema>;
export type DeviceSignalFacts = z.infer<typeof deviceSignalsSchema>;
export type SignalIdValue = z.infer<typeof signalIdSchema>;
export type ExclusionImpact = z.infer<typeof exclusionImpactSchema>;
export type HuntExclusion = z.infer<typeof huntExclusionSchema>;
