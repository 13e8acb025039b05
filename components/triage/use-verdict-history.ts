// One device's verdict history for the evidence panel, reloaded whenever its verdict changes.
'use client';
import { useEffect, useReducer, useState } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { fetchVerdictHistory } from '@/components/api/triage-api';
import type { AuditEntry } from '@/lib/triage/types';

export function useVerdictHistory(huntId: string | null, deviceId: string | null, version: number) {
  const [entries, setEntries] = useState<{ key: string; entries: AuditEntry[] } | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [nonce, retry] = useReducer((n: number) => n + 1, 0);
  const key = huntId && deviceId ? `${huntId}|${deviceId}` : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `nonce` are reload triggers.
  useEffect(() => {
    if (!huntId || !deviceId) return;
    const abort = new AbortController();
    setError(null);
    fetchVerdictHistory(huntId, deviceId, abort.signal).then(
      (list) => {
        if (!abort.signal.aborted) setEntries({ key: `${huntId}|${deviceId}`, entries: list });
      },
      (reason: unknown) => {
        if (abort.signal.aborted || isAbortError(reason)) return;
        setError(
          reason instanceof ApiProblem
            ? reason
            : new ApiProblem({ title: 'The history could not be loaded', status: 0, detail: String(reason) }),
        );
      },
    );
    return () => abort.abort();
  }, [huntId, deviceId, version, nonce]);

  return { entries: entries && entries.key === key ? entries.entries : null, error, retry };
}
