// Loads the audit log a page at a time for the current filters: a filter change starts over (cancelling what
// was in flight), "older entries" appends the next page, and a failure keeps what was already shown.
'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { type AuditPageRequest, fetchAuditPage } from '@/components/api/audit-api';
import type { AuditEntry } from '@/lib/triage/types';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogState {
  /** Null until the first page arrives. */
  entries: AuditEntry[] | null;
  /** Another page follows. */
  more: boolean;
  loading: boolean;
  error: ApiProblem | null;
  loadMore: () => void;
  retry: () => void;
}

function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({
    title: 'Loading the audit log failed in the browser',
    status: 0,
    detail: `${error instanceof Error ? error.message : String(error)}. Reload the page and try again.`,
  });
}

export function useAuditLog(filter: Omit<AuditPageRequest, 'limit' | 'cursor'>): AuditLogState {
  const key = JSON.stringify(filter);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    (cursor: string | undefined, append: boolean) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setLoading(true);
      setError(null);
      const request: AuditPageRequest = {
        ...JSON.parse(key),
        limit: AUDIT_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      };
      fetchAuditPage(request, abort.signal).then(
        (page) => {
          if (abort.signal.aborted) return;
          setEntries((shown) => (append && shown ? [...shown, ...page.entries] : page.entries));
          setNext(page.next);
          setLoading(false);
        },
        (reason: unknown) => {
          if (isAbortError(reason) || abort.signal.aborted) return;
          setError(toProblem(reason));
          setLoading(false);
        },
      );
    },
    [key],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the first page on "Try again".
  useEffect(() => {
    setEntries(null);
    setNext(null);
    load(undefined, false);
    return () => controller.current?.abort();
  }, [load, attempt]);

  const loadMore = useCallback(() => {
    if (next) load(next, true);
  }, [load, next]);
  const retry = useCallback(() => {
    if (entries && next) load(next, true);
    else setAttempt((n) => n + 1);
  }, [entries, next, load]);

  return { entries, more: next !== null, loading, error, loadMore, retry };
}
