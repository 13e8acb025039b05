// The approvals on record, expired ones marked (they approve nothing), each changeable and revocable by a
// triager (revoking asks for a reason and says that it changes everyone's view); a revocation that meets
// someone else's change says so and the list reloads.
'use client';
import { useState } from 'react';
import { ApiProblem } from '@/components/api/api-client';
import { Button } from '@/components/ui/button';
import { formatUtc } from '@/components/ui/format';
import { ModalDialog } from '@/components/ui/modal-dialog';
import type { ListedApproval } from '@/lib/triage/approval-service';
import { describeScope } from '@/lib/triage/approvals';

function RevokeDialog({
  approval,
  onClose,
  onRevoke,
}: {
  approval: ListedApproval | null;
  onClose: () => void;
  onRevoke: (approval: ListedApproval, reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setProblem(null);
    onClose();
  };
  return (
    <ModalDialog
      open={approval !== null}
      onClose={close}
      title={approval ? `Revoke the approval of ${approval.tool}` : 'Revoke'}
      description={
        approval
          ? `${describeScope(approval)}; owner ${approval.owner}. Its use is flagged again, for everyone: every analyst, triager and manager sees it flagged on the overview, the tool's devices and the trends. The approval leaves the list; the audit log keeps it.`
          : undefined
      }
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant="primary"
            disabled={reason.trim() === ''}
            onClick={() => {
              if (!approval) return;
              onRevoke(approval, reason).then(close, (error: unknown) =>
                setProblem(error instanceof ApiProblem ? error.detail : String(error)),
              );
            }}
          >
            Revoke
          </Button>
        </>
      }
    >
      <label className="flex flex-col gap-1 text-[13px]">
        <span className="font-medium">Reason</span>
        <textarea
          className="h-16 w-full rounded-md border border-line bg-surface px-2 py-1"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Jump hosts retired"
        />
      </label>
      {problem && (
        <p role="alert" className="mt-2 rounded-md bg-danger-soft px-2 py-1.5 text-danger text-xs">
          {problem}
        </p>
      )}
    </ModalDialog>
  );
}

export function ApprovalList({
  approvals,
  canChange,
  onEdit,
  onRevoke,
}: {
  approvals: readonly ListedApproval[];
  /** Triagers: each approval can be changed and revoked. */
  canChange: boolean;
  onEdit: (approval: ListedApproval) => void;
  onRevoke: (approval: ListedApproval, reason: string) => Promise<void>;
}) {
  const [revoking, setRevoking] = useState<ListedApproval | null>(null);
  if (!approvals.length) return <p className="px-2 py-1 text-muted">No tool is approved yet.</p>;
  return (
    <>
      <table aria-label="Approvals" className="w-full border-collapse text-[13px]">
        <thead className="text-muted text-xs">
          <tr className="border-line border-b">
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Tool
            </th>
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Scope
            </th>
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Reason
            </th>
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Owner
            </th>
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Expires
            </th>
            <th scope="col" className="px-2 py-1 text-left font-medium">
              By
            </th>
            {canChange && (
              <th scope="col" className="px-2 py-1">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {approvals.map((a) => (
            <tr key={a.id} className="border-line border-b">
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {a.tool}
              </th>
              <td className="px-2 py-1">{describeScope(a)}</td>
              <td className="px-2 py-1">{a.reason}</td>
              <td className="px-2 py-1">{a.owner}</td>
              <td className="px-2 py-1 whitespace-nowrap">
                {a.expiresAt ? formatUtc(a.expiresAt) : 'never'}
                {a.expired && (
                  <span className="ml-1 rounded bg-warning-soft px-1 text-warning text-xs">
                    expired: flagged again
                  </span>
                )}
              </td>
              <td className="px-2 py-1 text-muted">{a.updatedBy.name}</td>
              {canChange && (
                <td className="px-2 py-1 text-right whitespace-nowrap">
                  <Button
                    variant="ghost"
                    className="h-6 px-2 text-xs"
                    onClick={() => onEdit(a)}
                    aria-label={`Change the approval of ${a.tool} (${describeScope(a)})`}
                  >
                    Change…
                  </Button>
                  <Button
                    variant="ghost"
                    className="h-6 px-2 text-xs"
                    onClick={() => setRevoking(a)}
                    aria-label={`Revoke the approval of ${a.tool} (${describeScope(a)})`}
                  >
                    Revoke…
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <RevokeDialog approval={revoking} onClose={() => setRevoking(null)} onRevoke={onRevoke} />
    </>
  );
}
