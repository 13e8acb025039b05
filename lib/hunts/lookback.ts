// The one grammar of a hunt's window (`?lookback=`), read the same by the pages, the API and the CLI: a KQL
// timespan from 1 hour to 180 days. No server-only imports, so the browser checks a link exactly as the
// server will.
import { z } from 'zod';
import { parseTimespan } from '@/lib/kql/literal';

const HOUR_MS = 3_600_000;
export const MIN_LOOKBACK_MS = HOUR_MS;
/** Beyond this, no source keeps raw events (Defender keeps 30 days; exports for a few months). */
export const MAX_LOOKBACK_MS = 180 * 24 * HOUR_MS;

/** A lookback's text to milliseconds; issues say what is wrong and how to write it. */
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
  .refine((ms) => ms >= MIN_LOOKBACK_MS && ms <= MAX_LOOKBACK_MS, 'must be between 1h and 180d');

/** Whether the API would run with this lookback text. */
export function isValidLookback(text: string): boolean {
  return lookbackSchema.safeParse(text).success;
}
