// The input of a trends request, one schema for the route and any other caller: a range of whole UTC days and
// the hunt's exclusion rules to apply, parsed like a hunt run's lookback and exclusions.
import { z } from 'zod';
import { lookbackSchema } from '@/lib/hunts/lookback';
import { excludeSchema } from '@/lib/hunts/run-request';

const DAY_MS = 86_400_000;

export const MIN_RANGE_DAYS = 2;
export const MAX_RANGE_DAYS = 180;
export const DEFAULT_RANGE_DAYS = 30;

/** `?range=30d`: how many UTC days the trends cover, today included; a timespan of whole days. */
export const rangeSchema = lookbackSchema
  .refine((ms) => ms % DAY_MS === 0, 'must be a whole number of days, like 7d, 30d or 90d')
  .transform((ms) => ms / DAY_MS)
  .refine(
    (days) => days >= MIN_RANGE_DAYS && days <= MAX_RANGE_DAYS,
    `must be between ${MIN_RANGE_DAYS}d and ${MAX_RANGE_DAYS}d`,
  );

export const trendQuerySchema = z.object({
  range: rangeSchema.optional(),
  exclude: excludeSchema.optional(),
});

export type TrendQuery = z.infer<typeof trendQuerySchema>;
