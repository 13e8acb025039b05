// A long-running query a person watches and controls (a hunt run, a sweep, trends): when it started, cancel,
// run again, and the last good answer kept on screen through later failures and other requests, marked as
// answering another request. The answer lives in the query cache, so every change that invalidates it runs it
// again; focus does not, since a run costs the source seconds.
'use client';
import { hashKey, type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiProblem } from '@/components/api/api-client';

export type RunQueryStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunQueryState<T> {
  status: RunQueryStatus;
  /** The last good answer; it may belong to an earlier request (see `current`). */
  data: T | null;
  /** Whether `data` answers the current request. */
  current: boolean;
  error: ApiProblem | null;
  /** When the request in flight started (ms since epoch). */
  startedAt: number | null;
  again: () => void;
  cancel: () => void;
}

/** What a failure says when it is not the API's own problem document. */
export function toProblem(error: unknown, title: string): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({
    title,
    status: 0,
    detail: `${error instanceof Error ? error.message : String(error)}. Reload the page and try again.`,
  });
}

/** The status a person sees, from the query's state and whether they cancelled this request. */
export function runQueryStatus(query: {
  enabled: boolean;
  fetching: boolean;
  cancelled: boolean;
  status: 'pending' | 'error' | 'success';
}): RunQueryStatus {
  if (!query.enabled) return 'idle';
  if (query.fetching) return 'running';
  if (query.cancelled) return 'cancelled';
  if (query.status === 'error') return 'failed';
  if (query.status === 'success') return 'done';
  return 'idle';
}

const NO_KEY = ['none'] as const;

export function useRunQuery<T>({
  queryKey,
  run,
  failureTitle,
}: {
  /** Null: nothing to run yet. */
  queryKey: QueryKey | null;
  run: (signal: AbortSignal) => Promise<T>;
  failureTitle: string;
}): RunQueryState<T> {
  const client = useQueryClient();
  const hash = queryKey ? hashKey(queryKey) : null;
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [cancelledHash, setCancelledHash] = useState<string | null>(null);
  const [last, setLast] = useState<{ hash: string; data: T } | null>(null);

  const query = useQuery({
    queryKey: queryKey ?? NO_KEY,
    queryFn: ({ signal }) => {
      setStartedAt(Date.now());
      return run(signal);
    },
    enabled: queryKey !== null,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    // Results run to thousands of rows; comparing them deeply on every answer costs more than it saves.
    structuralSharing: false,
  });

  // Kept in state, not only in the cache: a failed or cancelled request for another key has no data of its own.
  if (hash !== null && query.data !== undefined && (last?.data !== query.data || last.hash !== hash)) {
    setLast({ hash, data: query.data });
  }

  const fetching = query.fetchStatus === 'fetching';
  const status = runQueryStatus({
    enabled: hash !== null,
    fetching,
    cancelled: cancelledHash !== null && cancelledHash === hash,
    status: query.status,
  });

  const again = useCallback(() => {
    if (!queryKey) return;
    setCancelledHash(null);
    void client.refetchQueries({ queryKey, exact: true });
  }, [client, queryKey]);

  const cancel = useCallback(() => {
    if (!queryKey || !hash) return;
    setCancelledHash(hash);
    void client.cancelQueries({ queryKey, exact: true });
  }, [client, queryKey, hash]);

  return {
    status,
    data: last?.data ?? null,
    current: last !== null && last.hash === hash,
    error: status === 'failed' ? toProblem(query.error, failureTitle) : null,
    startedAt: fetching ? startedAt : null,
    again,
    cancel,
  };
}
