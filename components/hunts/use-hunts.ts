// The hunt catalog for the hunt picker, from the query cache: loaded once and shared by every page.
'use client';
import { useQuery } from '@tanstack/react-query';
import type { ApiProblem } from '@/components/api/api-client';
import { fetchHunts } from '@/components/api/hunt-api';
import { queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';
import type { CatalogProblemSummary, HuntSummary } from '@/lib/hunts/hunt-run';

const NO_PROBLEMS: CatalogProblemSummary[] = [];

export function useHunts(): {
  hunts: HuntSummary[] | null;
  /** Catalog files that did not load. */
  problems: CatalogProblemSummary[];
  error: ApiProblem | null;
} {
  // The catalog changes when the server restarts, not while someone looks at it.
  const query = useQuery({
    queryKey: queryKeys.catalog(),
    queryFn: ({ signal }) => fetchHunts(signal),
    staleTime: 5 * 60_000,
  });
  return {
    hunts: query.data?.hunts ?? null,
    problems: query.data?.problems ?? NO_PROBLEMS,
    error:
      query.data === undefined && query.error
        ? toProblem(query.error, 'The hunts could not be loaded')
        : null,
  };
}
