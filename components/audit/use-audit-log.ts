// Loads the audit log a page at a time for the current filters, from the query cache: a filter change starts
// over (cancelling what was in flight), "older entries" appends the next page, a failure keeps what was
// already shown, and every change made from this browser (or seen on coming back to the page) reloads it.
'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiProblem } from '@/components/api/api-client';
import { type AuditPageRequest, fetchAuditPage } from '@/components/api/audit-api';
import { queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';
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

export function useAuditLog(filter: Omit<AuditPageRequest, 'limit' | 'cursor'>): AuditLogState {
  const query = useInfiniteQuery({
    queryKey: queryKeys.audit(filter),
    queryFn: ({ pageParam, signal }) =>
      fetchAuditPage(
        { ...filter, limit: AUDIT_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
  });
  const { data, hasNextPage, fetchNextPage, refetch } = query;
  const entries = data ? data.pages.flatMap((page) => page.entries) : null;

  const loadMore = useCallback(() => {
    if (hasNextPage) void fetchNextPage();
  }, [hasNextPage, fetchNextPage]);
  const retry = useCallback(() => {
    if (data && hasNextPage) void fetchNextPage();
    else void refetch();
  }, [data, hasNextPage, fetchNextPage, refetch]);

  return {
    entries,
    more: hasNextPage,
    loading: query.isFetching,
    error:
      query.error && !query.isFetching
        ? toProblem(query.error, 'Loading the audit log failed in the browser')
        : null,
    loadMore,
    retry,
  };
}
