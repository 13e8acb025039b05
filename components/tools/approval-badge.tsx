// A tool's approval at a glance: approved use is shown muted (not flagged), partly approved says how much,
// unapproved use is flagged. Each pairs its colour with a label, never colour alone.
import type { ToolApprovalState } from '@/lib/hunts/fleet-overview';

const TONE: Record<ToolApprovalState, string> = {
  approved: 'border-line text-muted',
  partly: 'border-warning/40 bg-warning-soft text-warning',
  unapproved: 'border-danger/40 bg-danger-soft text-danger',
};

export function ApprovalBadge({
  state,
  approved,
  total,
}: {
  state: ToolApprovalState;
  approved: number;
  total: number;
}) {
  const label =
    state === 'approved'
      ? 'Approved'
      : state === 'partly'
        ? `Approved on ${approved} of ${total}`
        : 'Not approved';
  return (
    <span
      className={`inline-flex items-center rounded border px-1.5 py-px text-xs font-medium whitespace-nowrap ${TONE[state]}`}
    >
      {state === 'unapproved' ? '⚑ ' : state === 'approved' ? '✓ ' : '◐ '}
      {label}
    </span>
  );
}
