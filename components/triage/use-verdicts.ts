// A hunt's verdicts for the devices page, from the query cache: loaded when the hunt changes and whenever
// someone comes back to the page, kept through a failed reload so nothing on screen is lost. Saving merges
// what the server returned at once, and a save or a refusal marks stale the verdicts, their history, the
// hunt's trends, the sweep and the audit log.
'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiProblem } from '@/components/api/api-client';
import { fetchVerdicts, postVerdicts, putVerdict, type VerdictTarget } from '@/components/api/triage-api';
import { invalidateAfter } from '@/components/query/query-client';
import { queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';
import type { Verdict, VerdictInput } from '@/lib/triage/types';
import { indexVerdicts, mergeVerdicts, type VerdictIndex } from './verdict-state';

export interface VerdictsState {
  /** Null until the first answer for this hunt. */
  verdicts: VerdictIndex | null;
  loading: boolean;
  error: ApiProblem | null;
  reload: () => void;
}

export function useVerdicts(huntId: string | null): VerdictsState {
  const query = useQuery({
    queryKey: queryKeys.verdicts(huntId ?? ''),
    queryFn: ({ signal }) => fetchVerdicts(huntId ?? '', signal),
    enabled: huntId !== null,
    select: indexVerdicts,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    verdicts: huntId === null ? null : (query.data ?? null),
    loading: query.isFetching,
    error: query.error && !query.isFetching ? toProblem(query.error, 'Verdicts could not be loaded') : null,
    reload,
  };
}

/** Puts verdicts the server returned (a write's answer, or what a conflict revealed) into the hunt's list. */
function mergeInto(
  list: Verdict[] | undefined,
  huntId: string,
  updates: readonly Verdict[],
): Verdict[] | undefined {
  if (!list) return list;
  return [
    ...mergeVerdicts(
      indexVerdicts(list),
      updates.filter((v) => v.huntId === huntId),
    ).values(),
  ];
}

/**
 * Saves one verdict (PUT) or many at once (POST, all or nothing). `known` puts verdicts learnt otherwise, such as
 * the ones a 409 reports, into the list on screen.
 */
export function useSaveVerdicts(huntId: string) {
  const client = useQueryClient();
  const known = useCallback(
    (verdicts: readonly Verdict[]) =>
      client.setQueryData<Verdict[]>(queryKeys.verdicts(huntId), (list) => mergeInto(list, huntId, verdicts)),
    [client, huntId],
  );
  const mutation = useMutation({
    mutationFn: async ({ targets, input }: { targets: VerdictTarget[]; input: VerdictInput }) => {
      const [only] = targets;
      return targets.length === 1 && only
        ? [await putVerdict(huntId, only, input)]
        : await postVerdicts(huntId, targets, input);
    },
    onSuccess: (saved) => known(saved),
    // The dialog closes on the write's answer, already merged; the list confirms it in the background.
    onSettled: () => {
      void invalidateAfter(client, { kind: 'verdicts', huntId });
    },
  });
  const { mutateAsync } = mutation;
  const save = useCallback(
    (targets: VerdictTarget[], input: VerdictInput) => mutateAsync({ targets, input }),
    [mutateAsync],
  );
  return { save, known };
}
