// The shape of a trends answer as the API returns it and the Trends page reads it: one row per UTC day with
// every daily series, where each day came from, range totals, the top devices and the KQL that ran.
import { z } from 'zod';
import { huntExclusionSchema, huntSummarySchema } from '@/lib/hunts/hunt-run';

const count = z.number().int().nonnegative();

/** Where a day's numbers come from: the telemetry source, recorded hunt runs, or nowhere. */
export const trendOrigins = ['source', 'history', 'none'] as const;
export type TrendOrigin = (typeof trendOrigins)[number];

export const trendDaySchema = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string(),
  origin: z.enum(trendOrigins),
  /** Only part of the day is counted: today so far, or a recorded run that covered part of it. */
  partial: z.boolean(),
  /** Matched events; null when no data covers the day. */
  events: count.nullable(),
  /** Devices with at least one matched event. */
  devices: count.nullable(),
  /** Devices whose first matched event (in all the data Huntboard sees) falls on this day; null when unknowable. */
  newDevices: count.nullable(),
  /** The day's flagged devices by verdict status at the end of the day. */
  unreviewed: count.nullable(),
  benign: count.nullable(),
  suspicious: count.nullable(),
  malicious: count.nullable(),
  /** Benign, Suspicious or Malicious verdicts set on this day (from the audit log; known for every day). */
  verdictsSet: count,
  /** Median time from first flag to first verdict for the devices first given a verdict on this day. */
  medianMsToVerdict: z.number().nonnegative().nullable(),
  /** How many devices that median is over. */
  verdictsMeasured: count,
});

export const topDeviceSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  events: count,
});

export const trendTotalsSchema = z.object({
  events: count,
  /** Distinct devices flagged on the days with data. */
  devices: count,
  newDevices: count,
  verdictsSet: count,
  medianMsToVerdict: z.number().nonnegative().nullable(),
  verdictsMeasured: count,
  /** Of the devices flagged in the range, how many have no current verdict (or a Benign one due for review). */
  unreviewedNow: count,
});

export const trendReportSchema = z.object({
  hunt: huntSummarySchema,
  source: z.object({ id: z.string(), label: z.string() }),
  range: z.object({
    /** UTC days covered, today included. */
    days: z.number().int().positive(),
    /** Midnight UTC of the first day, and now (ISO 8601). */
    start: z.string(),
    end: z.string(),
  }),
  coverage: z.object({
    /** How many days the source keeps; older days come from recorded runs. */
    retentionDays: z.number().int().positive(),
    /** The first and last day the source answered. */
    sourceFrom: z.string(),
    sourceTo: z.string(),
    /** Days before the source's retention answered by recorded runs, and those nothing covers. */
    historyDays: count,
    missingDays: count,
    /** Recorded runs used, and those left out (another source or other exclusions). */
    snapshotsUsed: count,
    snapshotsIgnored: count,
  }),
  days: z.array(trendDaySchema),
  totals: trendTotalsSchema,
  /** The devices with the most matched events in the range, most first. */
  topDevices: z.array(topDeviceSchema),
  /**
   * The KQL of each series. `deviceDays` and `impact` ran on the source, per device and day over its whole
   * retention; the range's figures are added up from their rows, and the other queries here (each with the
   * window its series covers) give the same numbers.
   */
  kql: z.object({
    daily: z.string(),
    firstSeen: z.string(),
    deviceDays: z.string(),
    topDevices: z.string(),
    impact: z.string().optional(),
  }),
  /** The hunt's exclusion rules, whether each is on, and what it changes in the source's part of the range. */
  exclusions: z.array(huntExclusionSchema),
  truncated: z.boolean(),
  ranAt: z.string(),
  elapsedMs: z.number().nonnegative(),
});

export type TrendDay = z.infer<typeof trendDaySchema>;
export type TopDevice = z.infer<typeof topDeviceSchema>;
export type TrendTotals = z.infer<typeof trendTotalsSchema>;
export type TrendReport = z.infer<typeof trendReportSchema>;
