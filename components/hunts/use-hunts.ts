// The hunt catalog for the hunt picker, loaded once per page.
'use client';
import { useEffect, useState } from 'react';
import { type ApiProblem, isAbortError } from '@/components/api/api-client';
import { fetchHunts } from '@/components/api/hunt-api';
import type { CatalogProblemSummary, HuntSummary } from '@/lib/hunts/hunt-run';

export function useHunts(): {
  hunts: HuntSummary[] | null;
  /** Catalog files that did not load. */
  problems: CatalogProblemSummary[];
  error: ApiProblem | null;
} {
  const [hunts, setHunts] = useState<HuntSummary[] | null>(null);
  const [problems, setProblems] = useState<CatalogProblemSummary[]>([]);
  const [error, setError] = useState<ApiProblem | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchHunts(abort.signal).then(
      (catalog) => {
        setHunts(catalog.hunts);
        setProblems(catalog.problems);
      },
      (reason: unknown) => {
        if (!isAbortError(reason) && !abort.signal.aborted) setError(reason as ApiProblem);
      },
    );
    return () => abort.abort();
  }, []);
  return { hunts, problems, error };
}
