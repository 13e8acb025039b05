// Formatting shared by the pages: UTC times, relative hints, durations, counts, middle truncation.
// Always UTC and a fixed locale, so every analyst on a shift reads the same strings.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "2026-11-28" */
export function formatUtcDay(value: string | number | Date): string {
  const d = toDate(value);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2026-11-28 14:03" (no suffix; callers add "UTC" where the column or label does not say it). */
export function formatUtcMinute(value: string | number | Date): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  return `${formatUtcDay(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2026-11-28 14:03 UTC" */
export function formatUtc(value: string | number | Date): string {
  return `${formatUtcMinute(value)} UTC`;
}

/** "2026-11-28 14:03:27.120 UTC": the exact instant, for tooltips. */
export function formatUtcExact(value: string | number | Date): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '—';
  const ms = d.getUTCMilliseconds();
  return `${formatUtcMinute(d)}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''} UTC`;
}

/** "2h ago" for `then` relative to `now`; "in 5m" when `then` is later. */
export function formatRelative(thenMs: number, nowMs: number): string {
  const diff = nowMs - thenMs;
  const abs = Math.abs(diff);
  const s = Math.floor(abs / 1000);
  let text: string;
  if (s < 60) text = diff >= 0 && s < 1 ? 'now' : `${s}s`;
  else if (s < 3600) text = `${Math.floor(s / 60)}m`;
  else if (s < 86_400) text = `${Math.floor(s / 3600)}h`;
  else text = `${Math.floor(s / 86_400)}d`;
  if (text === 'now') return 'just now';
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** "312 ms", "1.4 s", "2m 05s" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
}

const countFormat = new Intl.NumberFormat('en-US');

/** "12,345" */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "1 device", "2 devices" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "a1b2c3…e8f9": keeps both ends, which is how analysts compare ids. */
export function truncateMiddle(value: string, head = 6, tail = 4): string {
  if (value.length <= head + tail + 1) return value;
  return `${value.slice(0, head)}…${value.slice(-tail)}`;
}

const SPAN_UNITS: Record<string, [string, string]> = {
  d: ['day', 'days'],
  h: ['hour', 'hours'],
  m: ['minute', 'minutes'],
};

/** A KQL timespan like "5d" in words: "5 days". Unknown shapes come back unchanged. */
export function formatLookback(span: string): string {
  const match = /^(\d+)([dhm])$/.exec(span.trim());
  const unit = match?.[2] ? SPAN_UNITS[match[2]] : undefined;
  if (!match || !unit) return span;
  const n = Number(match[1]);
  return `${n} ${n === 1 ? unit[0] : unit[1]}`;
}
