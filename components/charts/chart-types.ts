// The props every per-day Trends chart takes: the days to draw and what the hover card needs to word them.
import type { TrendDay } from '@/lib/trends/trend-report';

export interface DayChartProps {
  days: readonly TrendDay[];
  /** The answer's "now" (ISO 8601), for relative hints. */
  now: string;
  sourceLabel: string;
}

/** Chart margins that leave room for the unit labels, the last tick and a "so far" mark over today. */
export const CHART_MARGIN = { top: 16, right: 12, bottom: 0, left: 0 } as const;
