// A link may name exclusion rules the hunt no longer has (renamed, removed, another hunt's). The API refuses
// such a run with 400 and lists the valid ids; the page keeps the ids that exist, runs again, and says which
// it ignored, rather than showing nothing.
import type { ApiProblem } from '@/components/api/api-client';

/** The requested ids split into those the hunt has and those it does not; null when the problem is another. */
export function splitUnknownExclusions(
  problem: Pick<ApiProblem, 'status' | 'extensions'> | null,
  exclude: readonly string[],
): { kept: string[]; ignored: string[] } | null {
  if (problem?.status !== 400 || problem.extensions.field !== 'exclude') return null;
  const valid = problem.extensions.validIds;
  if (!Array.isArray(valid)) return null;
  const known = new Set(valid.filter((id): id is string => typeof id === 'string'));
  const kept = exclude.filter((id) => known.has(id));
  const ignored = exclude.filter((id) => !known.has(id));
  return ignored.length > 0 ? { kept, ignored } : null;
}
