// Loads the fleet's unapproved RMM use per day for a range; the last good answer stays while a new one loads.
'use client';
import { useEffect, useState } from 'react';
import { ApiProblem, apiGet, isAbortError } from '@/components/api/api-client';
import { type UnapprovedRmmTrend, unapprovedRmmTrendSchema } from '@/lib/trends/unapproved-rmm';

export function useUnapprovedRmm(range: string) {
  const [trend, setTrend] = useState<UnapprovedRmmTrend | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    apiGet(`/api/trends/unapproved-rmm?${new URLSearchParams({ range })}`, unapprovedRmmTrendSchema, {
      signal: abort.signal,
    }).then(
      (answer) => {
        setTrend(answer);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (abort.signal.aborted || isAbortError(e)) return;
        setError(
          e instanceof ApiProblem
            ? e
            : new ApiProblem({ title: 'Loading failed', status: 0, detail: String(e) }),
        );
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [range]);
  return { trend, error, loading };
}
