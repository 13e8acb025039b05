// Composes the queries trends need from a hunt's own KQL: its event stage (window and exclusions applied by
// composeHunt, so exactly what the hunt itself counts) summarized per UTC day, per device and day, and per
// device, so the numbers are computed where the data lives and every source answers the same KQL.
import { type ComposeOptions, composeHunt } from './compose';
import { KqlCompositionError } from './errors';

export interface SeriesComposeOptions extends ComposeOptions {
  /** How many devices the top-devices query keeps (1 to 1,000; default 10). */
  top?: number;
}

export interface ComposedSeries {
  /** Matched events and distinct devices per UTC day: `Day, Events, Devices`. */
  daily: string;
  /** Devices by the UTC day of their first matched event in the window: `Day, NewDevices`. */
  firstSeen: string;
  /** Matched events and the first one's time per device and UTC day: `DeviceId, DeviceName, Day, Events, FirstSeen`. */
  deviceDays: string;
  /** The devices with the most matched events, most first, ties by id: `DeviceId, DeviceName, Events`. */
  topDevices: string;
  /** The lookback in effect, in milliseconds. */
  lookbackMs: number;
}

const DAILY = '| summarize Events=count(), Devices=dcount(DeviceId) by Day=bin(Timestamp, 1d)';
const FIRST_SEEN = [
  '| summarize FirstSeen=min(Timestamp) by DeviceId',
  '| summarize NewDevices=count() by Day=bin(FirstSeen, 1d)',
].join('\n');
const DEVICE_DAYS =
  '| summarize Events=count(), FirstSeen=min(Timestamp) by DeviceId, DeviceName, Day=bin(Timestamp, 1d)';
const topDevices = (n: number) =>
  [
    '| summarize Events=count() by DeviceId, DeviceName',
    '| sort by Events desc, DeviceId asc',
    `| take ${n}`,
  ].join('\n');

export const MAX_TOP_DEVICES = 1_000;

/** Builds the trend series queries of a hunt; see ComposedSeries. Throws KqlCompositionError like composeHunt. */
export function composeDailySeries(huntKql: string, options: SeriesComposeOptions = {}): ComposedSeries {
  const top = options.top ?? 10;
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP_DEVICES) {
    throw new KqlCompositionError(
      `The number of top devices must be a whole number from 1 to ${MAX_TOP_DEVICES}.`,
    );
  }
  const { events, lookbackMs } = composeHunt(huntKql, {
    lookbackMs: options.lookbackMs,
    exclusions: options.exclusions,
  });
  return {
    daily: `${events}\n${DAILY}`,
    firstSeen: `${events}\n${FIRST_SEEN}`,
    deviceDays: `${events}\n${DEVICE_DAYS}`,
    topDevices: `${events}\n${topDevices(top)}`,
    lookbackMs,
  };
}
