// A hunt's verdicts for the devices page: loaded when the hunt changes (and on request), merged as writes
// come back so the table changes at once, and kept through a failed reload so nothing on screen is lost.
'use client';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { fetchVerdicts } from '@/components/api/triage-api';
import type { Verdict } from '@/lib/triage/types';
import { indexVerdicts, mergeVerdicts, type VerdictIndex } from './verdict-state';

export interface VerdictsState {
  /** Null until the first answer for this hunt. */
  verdicts: VerdictIndex | null;
  loading: boolean;
  error: ApiProblem | null;
  /** Applies verdicts that a write (or a conflict) returned. */
  apply: (verdicts: readonly Verdict[]) => void;
  reload: () => void;
}

export function useVerdicts(huntId: string | null): VerdictsState {
  const [state, setState] = useState<{ huntId: string | null; verdicts: VerdictIndex | null }>({
    huntId: null,
    verdicts: null,
  });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [nonce, reload] = useReducer((n: number) => n + 1, 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is the reload trigger.
  useEffect(() => {
    if (!huntId) return;
    const abort = new AbortController();
    setLoading(true);
    fetchVerdicts(huntId, abort.signal).then(
      (verdicts) => {
        if (abort.signal.aborted) return;
        // A write that finished while the list was on its way may be newer than the list.
        setState((current) => ({
          huntId,
          verdicts:
            current.huntId === huntId && current.verdicts
              ? mergeVerdicts(
                  indexVerdicts(verdicts),
                  [...current.verdicts.values()].filter((v) => v.huntId === huntId),
                )
              : indexVerdicts(verdicts),
        }));
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (abort.signal.aborted || isAbortError(reason)) return;
        setError(
          reason instanceof ApiProblem
            ? reason
            : new ApiProblem({ title: 'Verdicts could not be loaded', status: 0, detail: String(reason) }),
        );
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [huntId, nonce]);

  const apply = useCallback(
    (verdicts: readonly Verdict[]) =>
      setState((current) =>
        current.huntId === null || !current.verdicts
          ? current
          : {
              ...current,
              verdicts: mergeVerdicts(
                current.verdicts,
                verdicts.filter((v) => v.huntId === current.huntId),
              ),
            },
      ),
    [],
  );

  return {
    verdicts: state.huntId === huntId ? state.verdicts : null,
    loading,
    error,
    apply,
    reload,
  };
}
