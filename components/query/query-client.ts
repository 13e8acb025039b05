// The browser's one query cache and how it behaves: lists refresh when a person comes back to the page,
// problems show at once (the API's problem documents say what to do; retrying a 4xx would only delay them),
// and a saved or refused change marks stale every query it affects.
import { type QueryClient as Client, QueryClient } from '@tanstack/react-query';
import { type Change, staleAfter } from './query-keys';

export function makeQueryClient(): Client {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: true, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/**
 * Marks stale what `change` affects; the queries on screen load again, the others when next shown. Resolves
 * once the changed list itself is fresh; the results that depend on it (runs, sweeps) load in the background.
 */
export function invalidateAfter(client: Client, change: Change): Promise<void> {
  const [changed, ...dependents] = staleAfter(change);
  for (const queryKey of dependents) void client.invalidateQueries({ queryKey });
  return changed ? client.invalidateQueries({ queryKey: changed }) : Promise.resolve();
}
