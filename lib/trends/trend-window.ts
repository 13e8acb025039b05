// Which UTC days a trends range covers, which of them the telemetry source can answer and which must come from
// recorded runs, and the lookbacks that make the source's window start exactly at a day's midnight (so that
// every day but today is a whole day, and per-day numbers compare).

export const DAY_MS = 86_400_000;

/** Defender XDR keeps 30 days of advanced-hunting data; Huntboard asks no source for more. */
export const SOURCE_RETENTION_DAYS = 30;

export interface TrendWindow {
  now: Date;
  rangeDays: number;
  /** Every UTC day of the range (YYYY-MM-DD), oldest first; the last is today. */
  days: string[];
  /** Midnight (UTC) that starts the range. */
  start: Date;
  /** The range's days the source answers: the newest min(range, retention). */
  sourceDays: string[];
  /** The range's days older than the source keeps, answered by recorded runs if any. */
  historyDays: string[];
  /** From the first source day's midnight to now: the lookback of the range's source queries. */
  sourceLookbackMs: number;
  /** From the midnight `retentionDays - 1` days before today to now: the lookback of first-seen queries. */
  retentionLookbackMs: number;
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

export function trendWindow(
  now: Date,
  rangeDays: number,
  retentionDays = SOURCE_RETENTION_DAYS,
): TrendWindow {
  if (!Number.isInteger(rangeDays) || rangeDays < 1) throw new Error(`trendWindow: bad range ${rangeDays}`);
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new Error(`trendWindow: bad retention ${retentionDays}`);
  const nowMs = now.getTime();
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const days = Array.from({ length: rangeDays }, (_, i) => utcDay(today - (rangeDays - 1 - i) * DAY_MS));
  const sourceCount = Math.min(rangeDays, retentionDays);
  // A one-day range at exactly midnight would be an empty window, which no query accepts.
  const lookback = (count: number) => Math.max(nowMs - (today - (count - 1) * DAY_MS), 1);
  return {
    now,
    rangeDays,
    days,
    start: new Date(today - (rangeDays - 1) * DAY_MS),
    sourceDays: days.slice(rangeDays - sourceCount),
    historyDays: days.slice(0, rangeDays - sourceCount),
    sourceLookbackMs: lookback(sourceCount),
    retentionLookbackMs: lookback(retentionDays),
  };
}
