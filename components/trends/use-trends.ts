// Loads a hunt's trends whenever the hunt, range or exclusions change (or on "refresh"), with cancel, and
// keeps the last good answer on screen through later failures, marked as belonging to another request.
'use client';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { fetchTrends } from '@/components/api/trend-api';
import type { TrendReport } from '@/lib/trends/trend-report';

export interface TrendRequest {
  huntId: string;
  range: string;
  exclude: readonly string[];
}

export type TrendStatus = 'idle' | 'loading' | 'done' | 'failed' | 'cancelled';

interface State {
  status: TrendStatus;
  report: TrendReport | null;
  /** The request `report` answers, as one key. */
  reportKey: string | null;
  error: ApiProblem | null;
  startedAt: number | null;
}

type Action =
  | { type: 'start'; at: number }
  | { type: 'done'; report: TrendReport; key: string }
  | { type: 'failed'; error: ApiProblem }
  | { type: 'cancelled' };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'start':
      return { ...state, status: 'loading', error: null, startedAt: action.at };
    case 'done':
      return { status: 'done', report: action.report, reportKey: action.key, error: null, startedAt: null };
    case 'failed':
      return { ...state, status: 'failed', error: action.error, startedAt: null };
    case 'cancelled':
      return { ...state, status: 'cancelled', startedAt: null };
  }
}

const INITIAL: State = { status: 'idle', report: null, reportKey: null, error: null, startedAt: null };

function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({
    title: 'Loading the trends failed in the browser',
    status: 0,
    detail: `${error instanceof Error ? error.message : String(error)}. Reload the page and try again.`,
  });
}

export function useTrends(request: TrendRequest | null) {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const [nonce, bump] = useReducer((n: number) => n + 1, 0);
  const controller = useRef<AbortController | null>(null);
  const huntId = request?.huntId ?? null;
  const range = request?.range ?? '';
  // One string, so a fresh array with the same ids does not load again.
  const excludeKey = request?.exclude.join(',') ?? '';
  const key = huntId === null ? null : `${huntId}|${range}|${excludeKey}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is the "refresh" trigger.
  useEffect(() => {
    if (!huntId || key === null) return;
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: 'start', at: Date.now() });
    const exclude = excludeKey ? excludeKey.split(',') : [];
    fetchTrends(huntId, { range, exclude, signal: abort.signal }).then(
      (report) => {
        if (!abort.signal.aborted) dispatch({ type: 'done', report, key });
      },
      (error: unknown) => {
        if (abort.signal.aborted || isAbortError(error)) return;
        dispatch({ type: 'failed', error: toProblem(error) });
      },
    );
    return () => abort.abort();
  }, [huntId, range, excludeKey, key, nonce]);

  const cancel = useCallback(() => {
    const abort = controller.current;
    if (!abort || abort.signal.aborted) return;
    abort.abort();
    dispatch({ type: 'cancelled' });
  }, []);

  /** Whether the answer on screen is for the current hunt, range and exclusions. */
  const current = state.reportKey !== null && state.reportKey === key;
  return { ...state, current, refresh: bump, cancel };
}
