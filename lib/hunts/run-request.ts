// The input of a hunt run, one schema for the route and the CLI.
import { z } from 'zod';
import { parseTimespan } from '@/lib/kql/literal';

const HOUR_MS = 3_600_000;
/** Beyond this, no source keeps raw events (Defender keeps 30 days; exports for a few months). */
export const MAX_LOOKBACK_MS = 180 * 24 * HOUR_MS;

export const lookbackSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    try {
      return parseTimespan(text);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `'${text.slice(0, 40)}' is not a timespan; write it like 5d, 12h or 30m`,
      });
      return z.NEVER;
    }
  })
  .refine((ms) => ms >= HOUR_MS && ms <= MAX_LOOKBACK_MS, 'must be between 1h and 180d');

/** `?exclude=admin-scripts,veeam-backup`: ids of the hunt's exclusion rules, comma-separated. */
export const excludeSchema = z
  .string()
  .max(2000, 'is too long; list at most a few dozen rule ids')
  .transform((text) => [
    ...new Set(
      text
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z.array(
      z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be comma-separated rule ids such as admin-scripts'),
    ),
  );

export const runHuntQuerySchema = z.object({
  lookback: lookbackSchema.optional(),
  exclude: excludeSchema.optional(),
});
