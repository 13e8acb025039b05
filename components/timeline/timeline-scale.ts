// The one time axis every timeline cell and the axis header share: window start at the left,
// window end at the right, the UTC days in between, and the busiest day across all devices.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface TimelineDay {
  /** YYYY-MM-DD (UTC) */
  day: string;
  /** Where the day's part inside the window begins and ends, as fractions of the axis. */
  x0: number;
  x1: number;
  /** The day's part inside the window, in epoch ms. */
  startMs: number;
  endMs: number;
}

export interface TimeScale {
  startMs: number;
  endMs: number;
  days: TimelineDay[];
  dayByKey: ReadonlyMap<string, TimelineDay>;
  /** The highest per-day count of any device; bar heights are relative to it. */
  maxDailyCount: number;
  /** Position of an instant on the axis, clamped to 0..1. */
  fraction: (ms: number) => number;
}

export interface AxisTick {
  fraction: number;
  /** Empty for grid-only ticks. */
  label: string;
}

export function createTimeScale(
  window: { start: string; end: string; days: readonly string[] },
  devices: readonly { activity: readonly { count: number }[] }[],
): TimeScale {
  const startMs = Date.parse(window.start);
  const endMs = Date.parse(window.end);
  const span = Math.max(1, endMs - startMs);
  const fraction = (ms: number) => Math.min(1, Math.max(0, (ms - startMs) / span));

  const days: TimelineDay[] = [];
  for (const day of window.days) {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    if (Number.isNaN(dayStart)) continue;
    const from = Math.max(dayStart, startMs);
    const to = Math.min(dayStart + DAY_MS, endMs);
    if (to < from) continue;
    days.push({ day, startMs: from, endMs: to, x0: fraction(from), x1: fraction(to) });
  }

  let maxDailyCount = 0;
  for (const device of devices) {
    for (const entry of device.activity) if (entry.count > maxDailyCount) maxDailyCount = entry.count;
  }

  return { startMs, endMs, days, dayByKey: new Map(days.map((d) => [d.day, d])), maxDailyCount, fraction };
}

function dayLabel(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/**
 * Ticks for the axis header: every UTC midnight inside the window (labelled sparsely enough to
 * stay readable in `maxLabels`), or every 6 hours when the window is two days or shorter.
 */
export function axisTicks(scale: TimeScale, maxLabels = 8): AxisTick[] {
  const { startMs, endMs } = scale;
  const ticks: AxisTick[] = [];
  if (endMs - startMs <= 2 * DAY_MS) {
    const step = 6 * HOUR_MS;
    for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) {
      const d = new Date(t);
      const hour = d.getUTCHours();
      ticks.push({
        fraction: scale.fraction(t),
        label: hour === 0 ? dayLabel(t) : `${String(hour).padStart(2, '0')}:00`,
      });
    }
    return ticks;
  }
  const midnights: number[] = [];
  for (let t = Math.ceil(startMs / DAY_MS) * DAY_MS; t <= endMs; t += DAY_MS) midnights.push(t);
  const every = Math.max(1, Math.ceil(midnights.length / maxLabels));
  midnights.forEach((t, index) => {
    ticks.push({ fraction: scale.fraction(t), label: index % every === 0 ? dayLabel(t) : '' });
  });
  return ticks;
}

/** The day of the window under an axis position, if any. */
export function dayAt(scale: TimeScale, fraction: number): TimelineDay | undefined {
  return scale.days.find((day) => fraction >= day.x0 && fraction <= day.x1);
}
