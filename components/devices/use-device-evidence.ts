// The evidence panel's data: one device's events for the run on screen (same hunt, window and
// exclusions), refetched when any of them changes, with the cap the triager chose.
'use client';
import { useEffect, useReducer, useState } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { fetchDeviceEvidence } from '@/components/api/evidence-api';
import type { DeviceEvidence } from '@/lib/hunts/device-evidence-result';

export interface EvidenceRequest {
  huntId: string;
  deviceId: string;
  lookback: string | null;
  exclude: readonly string[];
  limit: number;
  /** Changes when the custom exclusions change, which the request itself does not name. */
  revision?: string;
}

export function useDeviceEvidence(request: EvidenceRequest | null) {
  const [result, setResult] = useState<{ key: string; evidence: DeviceEvidence } | null>(null);
  const [error, setError] = useState<{ key: string; problem: ApiProblem } | null>(null);
  const [nonce, retry] = useReducer((n: number) => n + 1, 0);
  const key = request
    ? [
        request.huntId,
        request.deviceId,
        request.lookback ?? '',
        request.exclude.join(','),
        request.limit,
        request.revision ?? '',
      ].join('|')
    : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the request; `nonce` retries.
  useEffect(() => {
    if (!request || key === null) return;
    const abort = new AbortController();
    setError(null);
    fetchDeviceEvidence(request.huntId, request.deviceId, {
      lookback: request.lookback,
      exclude: request.exclude,
      limit: request.limit,
      signal: abort.signal,
    }).then(
      (evidence) => {
        if (!abort.signal.aborted) setResult({ key, evidence });
      },
      (reason: unknown) => {
        if (abort.signal.aborted || isAbortError(reason)) return;
        const problem =
          reason instanceof ApiProblem
            ? reason
            : new ApiProblem({ title: 'The events could not be loaded', status: 0, detail: String(reason) });
        setError({ key, problem });
      },
    );
    return () => abort.abort();
  }, [key, nonce]);

  const current = result?.key === key ? result.evidence : null;
  // While a new cap or device loads, the previous device's events must not pass for this one's.
  const sameDevice =
    result &&
    request &&
    result.evidence.deviceId === request.deviceId &&
    result.evidence.huntId === request.huntId;
  return {
    evidence: current ?? (sameDevice ? result.evidence : null),
    loading: key !== null && current === null && error?.key !== key,
    error: error?.key === key ? error.problem : null,
    retry,
  };
}
