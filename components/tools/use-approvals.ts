// The approved tools: loaded once, reloaded after each change; approving and revoking report their problem
// (a 400 naming the field, a 409 when someone else changed it) to the form that asked.
'use client';
import { useCallback, useEffect, useState } from 'react';
import { ApiProblem, isAbortError } from '@/components/api/api-client';
import { createApproval, fetchApprovals, revokeApproval } from '@/components/api/fleet-api';
import type { ListedApproval } from '@/lib/triage/approval-service';
import type { ToolApproval, ToolApprovalInput } from '@/lib/triage/approvals';

export function useApprovals() {
  const [approvals, setApprovals] = useState<ListedApproval[] | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [nonce, setNonce] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is the reload trigger.
  useEffect(() => {
    const abort = new AbortController();
    fetchApprovals(abort.signal).then(
      (list) => {
        setApprovals(list);
        setError(null);
      },
      (e: unknown) => {
        if (abort.signal.aborted || isAbortError(e)) return;
        setError(
          e instanceof ApiProblem
            ? e
            : new ApiProblem({ title: 'Loading approvals failed', status: 0, detail: String(e) }),
        );
      },
    );
    return () => abort.abort();
  }, [nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const approve = useCallback(
    async (input: ToolApprovalInput): Promise<ToolApproval> => {
      const created = await createApproval(input);
      reload();
      return created;
    },
    [reload],
  );
  const revoke = useCallback(
    async (approval: Pick<ToolApproval, 'id' | 'version'>, reason: string): Promise<void> => {
      try {
        await revokeApproval(approval, reason);
      } finally {
        reload();
      }
    },
    [reload],
  );
  return { approvals, error, approve, revoke, reload };
}
