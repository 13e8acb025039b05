// The approved tools, from the query cache: approving, changing and revoking report their problem (a 400
// naming the field, a 409 when someone else changed it) to the form that asked, and either way the approvals,
// the sweep, the unapproved-use trend and the audit log load again, so the page shows what the server holds and
// the next try starts from the version on record.
'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApproval, fetchApprovals, revokeApproval, updateApproval } from '@/components/api/fleet-api';
import { invalidateAfter } from '@/components/query/query-client';
import { queryKeys } from '@/components/query/query-keys';
import { toProblem } from '@/components/query/use-run-query';
import type { ToolApproval, ToolApprovalInput } from '@/lib/triage/approvals';

type ApprovalRef = Pick<ToolApproval, 'id' | 'version'>;

export function useApprovals() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.approvals(),
    queryFn: ({ signal }) => fetchApprovals(signal),
  });
  const onSettled = () => {
    void invalidateAfter(client, { kind: 'approvals' });
  };
  const approve = useMutation({ mutationFn: (input: ToolApprovalInput) => createApproval(input), onSettled });
  const update = useMutation({
    mutationFn: ({ approval, input }: { approval: ApprovalRef; input: ToolApprovalInput }) =>
      updateApproval(approval, input),
    onSettled,
  });
  const revoke = useMutation({
    mutationFn: ({ approval, reason }: { approval: ApprovalRef; reason: string }) =>
      revokeApproval(approval, reason),
    onSettled,
  });
  return {
    approvals: query.data ?? null,
    error: query.error ? toProblem(query.error, 'Loading approvals failed') : null,
    approve: (input: ToolApprovalInput): Promise<ToolApproval> => approve.mutateAsync(input),
    update: (approval: ApprovalRef, input: ToolApprovalInput): Promise<ToolApproval> =>
      update.mutateAsync({ approval, input }),
    revoke: (approval: ApprovalRef, reason: string): Promise<void> =>
      revoke.mutateAsync({ approval, reason }),
  };
}
