// Sweeps the fleet whenever the window changes (or on "sweep again"), with cancel, and keeps the last good
// answer on screen through later failures, marked as belonging to another window.
'use client';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { fetchFleetOverview } from '@/components/api/fleet-api';
import type { FleetOverview } from '@/lib/hunts/fleet-overview';

export type SweepStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

interface State {
  status: SweepStatus;
  overview: FleetOverview | null;
  /** The window `overview` answers. */
  overviewLookback: string | null;
  error: ApiProblem | null;
  startedAt: number | null;
}

type Action =
  | { type: 'start'; at: number }
  | { type: 'done'; overview: FleetOverview; lookback: string }
  | { type: 'failed'; error: ApiProblem }
  | { type: 'cancelled' };

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'start':
      return { ...state, status: 'running', error: null, startedAt: action.at };
    case 'done':
      return {
        status: 'done',
        overview: action.overview,
        overviewLookback: action.lookback,
        error: null,
        startedAt: null,
      };
    case 'failed':
      return { ...state, status: 'failed', error: action.error, startedAt: null };
    case 'cancelled':
      return { ...state, status: 'cancelled', startedAt: null };
  }
}

const INITIAL: State = {
  status: 'idle',
  overview: null,
  overviewLookback: null,
  error: null,
  startedAt: null,
};

function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({
    title: 'The sweep failed in the browser',
    status: 0,
    detail: `${error instanceof Error ? error.message : String(error)}. Reload the page and try again.`,
  });
}

export function useFleetSweep(lookback: string) {
  const [state, dispatch] = useReducer(reducer, INITIAL);
  const [nonce, bump] = useReducer((n: number) => n + 1, 0);
  const controller = useRef<AbortController | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is the "sweep again" trigger.
  useEffect(() => {
    const abort = new AbortController();
    controller.current = abort;
    dispatch({ type: 'start', at: Date.now() });
    fetchFleetOverview({ lookback, signal: abort.signal }).then(
      (overview) => {
        if (!abort.signal.aborted) dispatch({ type: 'done', overview, lookback });
      },
      (error: unknown) => {
        if (abort.signal.aborted || isAbortError(error)) return;
        dispatch({ type: 'failed', error: toProblem(error) });
      },
    );
    return () => abort.abort();
  }, [lookback, nonce]);

  const cancel = useCallback(() => {
    const abort = controller.current;
    if (!abort || abort.signal.aborted) return;
    abort.abort();
    dispatch({ type: 'cancelled' });
  }, []);

  return { ...state, current: state.overviewLookback === lookback, sweepAgain: bump, cancel };
}
