// Runs a hunt whenever the hunt, window or exclusions change (or on "run again"), with cancel, and keeps the
// last good result on screen through later failures so the analyst never loses what they had.
'use client';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { fetchHuntRun } from '@/components/api/hunt-api';
import type { HuntRun } from '@/lib/hunts/hunt-run';

export interface RunRequest {
  huntId: string;
  /** Null: the hunt's own window. */
  lookback: string | null;
  /** Ids of the hunt's exclusion rules to switch on; empty: none. */
  exclude: readonly string[];
}

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface HuntRunState {
  status: RunStatus;
  /** The last good result; it may belong to an earlier request (see `current`). */
  run: HuntRun | null;
  /** The request `run` answers. */
  runRequest: RunRequest | null;
  error: ApiProblem | null;
  /** When the request in flight started (ms since epoch). */
  startedAt: number | null;
}

type Action =
  | { type: 'start'; at: number }
  | { type: 'done'; run: HuntRun; request: RunRequest }
  | { type: 'failed'; error: ApiProblem }
  | { type: 'cancelled' };

function reducer(state: HuntRunState, action: Action): HuntRunState {
  switch (action.type) {
    case 'start':
      return { ...state, status: 'running', error: null, startedAt: action.at };
    case 'done':
      return { status: 'done', run: action.run, runRequest: action.request, error: null, startedAt: null };
    case 'failed':
      return { ...state, status: 'failed', error: action.error, startedAt: null };
    case 'cancelled':
      return { ...state, status: 'cancelled', startedAt: null };
  }
}

const INITIAL: HuntRunState = { status: 'idle', run: null, runRequest: null, error: null, startedAt: null };

function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({
    title: 'The run failed in the browser',
    status: 0,
    detail: `${error instanceof Error ? error.message : String(error)}. Reload the page and run again.`,
  });
}

export function useHuntRun(request: RunRequest | null) {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const [nonce, bump] = useReducer((n: number) => n + 1, 0);
  const controller = useRef<AbortController | null>(null);
  const huntId = request?.huntId ?? null;
  const lookback = request?.lookback ?? null;
  // One string, so a fresh array with the same ids does not rerun the hunt.
  const excludeKey = request?.exclude.join(',') ?? '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is the "run again" trigger.
  useEffect(() => {
    if (!huntId) return;
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: 'start', at: Date.now() });
    const exclude = excludeKey ? excludeKey.split(',') : [];
    fetchHuntRun(huntId, { lookback, exclude, signal: abort.signal }).then(
      (run) => {
        if (!abort.signal.aborted) dispatch({ type: 'done', run, request: { huntId, lookback, exclude } });
      },
      (error: unknown) => {
        if (abort.signal.aborted || isAbortError(error)) return;
        dispatch({ type: 'failed', error: toProblem(error) });
      },
    );
    return () => abort.abort();
  }, [huntId, lookback, excludeKey, nonce]);

  const cancel = useCallback(() => {
    const abort = controller.current;
    if (!abort || abort.signal.aborted) return;
    abort.abort();
    dispatch({ type: 'cancelled' });
  }, []);

  /** Whether the result on screen answers the current hunt, window and exclusions. */
  const current =
    state.runRequest !== null &&
    state.runRequest.huntId === huntId &&
    state.runRequest.lookback === lookback &&
    state.runRequest.exclude.join(',') === excludeKey;

  return { ...state, current, runAgain: bump, cancel };
}
