// A hunt's custom exclusions in the query cache, and the changes to them. Every change, saved or refused,
// marks the list and the results that apply it (runs, evidence, trends, the sweep) stale, so the page shows
// what the server holds. When the list reloads (on coming back to the page) and what is in effect changed,
// someone else changed it: the hunt's results that applied the old list load again.
'use client';
import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import {
  type CustomExclusionView,
  createCustomExclusion,
  fetchCustomExclusions,
  removeCustomExclusion,
  setCustomExclusionEnabled,
} from '@/components/api/custom-exclusion-api';
import { invalidateAfter } from '@/components/query/query-client';
import { dependsOnCustomExclusions, queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';
import type { CustomExclusionInput } from '@/lib/triage/types';
import { inEffectSignature, outdatedByListChange } from './custom-exclusions-state';

const switchKey = (huntId: string) => ['custom-exclusion-switch', huntId] as const;

interface SwitchVariables {
  item: Pick<CustomExclusionView, 'id' | 'version'>;
  enabled: boolean;
  reason: string;
}

export function useCustomExclusions(huntId: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.customExclusions(huntId),
    queryFn: ({ signal }) => fetchCustomExclusions(huntId, signal),
  });

  const signature = query.data ? inEffectSignature(query.data) : null;
  const seen = useRef<{ huntId: string; signature: string } | null>(null);
  const { dataUpdatedAt } = query;
  useEffect(() => {
    if (signature === null) return;
    const before = seen.current;
    seen.current = { huntId, signature };
    if (!before || before.huntId !== huntId || before.signature === signature) return;
    const dependents = dependsOnCustomExclusions(huntId);
    void client.invalidateQueries({
      predicate: (q) =>
        dependents.some((key) => key.every((part, i) => q.queryKey[i] === part)) &&
        outdatedByListChange({ ...q.state, fetching: q.state.fetchStatus === 'fetching' }, dataUpdatedAt),
    });
  }, [client, huntId, signature, dataUpdatedAt]);

  return {
    items: query.data ?? null,
    loadError: query.isError ? toProblem(query.error, 'The custom exclusions could not be loaded') : null,
  };
}

/** Switches still in flight, from anywhere on the page: the list shows them moved already. */
export function usePendingSwitches(huntId: string): { id: string; enabled: boolean }[] {
  return useMutationState({
    filters: { mutationKey: switchKey(huntId), status: 'pending' },
    select: (mutation) => {
      const variables = mutation.state.variables as SwitchVariables | undefined;
      return { id: variables?.item.id ?? '', enabled: variables?.enabled ?? false };
    },
  });
}

export function useCustomExclusionChanges(huntId: string) {
  const client = useQueryClient();
  // Settles once the list is fresh, so a switch never shows its old position in between; the results that
  // apply the list load in the background.
  const onSettled = () => invalidateAfter(client, { kind: 'custom-exclusions', huntId });
  const create = useMutation({
    mutationFn: (input: CustomExclusionInput) => createCustomExclusion(huntId, input),
    onSettled,
  });
  const toggle = useMutation({
    mutationKey: switchKey(huntId),
    mutationFn: ({ item, enabled, reason }: SwitchVariables) =>
      setCustomExclusionEnabled(huntId, item, enabled, reason),
    onSettled,
  });
  const remove = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => removeCustomExclusion(huntId, id, reason),
    onSettled,
  });
  return { create, toggle, remove };
}
