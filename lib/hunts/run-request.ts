// The input of a hunt run, one schema for the route and the CLI.
import { z } from 'zod';
import { lookbackSchema } from './lookback';

export { lookbackSchema, MAX_LOOKBACK_MS } from './lookback';

/** An exclusion rule's id: kebab case, as the catalog writes them. */
export const EXCLUSION_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

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
    z.array(z.string().regex(EXCLUSION_ID_PATTERN, 'must be comma-separated rule ids such as admin-scripts')),
  );

export const runHuntQuerySchema = z.object({
  lookback: lookbackSchema.optional(),
  exclude: excludeSchema.optional(),
});
