// How a verdict looks everywhere: a label, an icon with its own shape per status, and a colour from the
// verdict palette, so no one needs to tell colours apart; plus the marks of a Benign verdict that no longer
// holds (new activity since the verdict, review date passed).
import type { SVGProps } from 'react';
import { formatUtc } from '@/components/ui/format';
import type { ReviewState } from '@/lib/triage/needs-review';
import type { VerdictStatus } from '@/lib/triage/types';

export const VERDICT_LABELS: Record<VerdictStatus, string> = {
  unreviewed: 'Unreviewed',
  benign: 'Benign',
  suspicious: 'Suspicious',
  malicious: 'Malicious',
};

/** What each status means, for tooltips, the form and screen readers. */
export const VERDICT_MEANINGS: Record<VerdictStatus, string> = {
  unreviewed: 'Nobody has decided yet',
  benign: 'Benign admin usage',
  suspicious: 'Suspicious: needs investigation',
  malicious: 'Malicious: escalated',
};

/** The key that sets each status on the devices page (triagers). */
export const VERDICT_KEYS: Partial<Record<VerdictStatus, string>> = {
  benign: 'b',
  suspicious: 's',
  malicious: 'm',
};

const TONE: Record<VerdictStatus, string> = {
  unreviewed: 'border-line text-muted',
  benign: 'border-verdict-benign/40 bg-verdict-benign-soft text-verdict-benign',
  suspicious: 'border-verdict-suspicious/40 bg-verdict-suspicious-soft text-verdict-suspicious',
  malicious: 'border-verdict-malicious/40 bg-verdict-malicious-soft text-verdict-malicious',
};

function Glyph({ size, children, ...rest }: { size: number } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export function VerdictIcon({
  status,
  size = 12,
  ...rest
}: { status: VerdictStatus; size?: number } & SVGProps<SVGSVGElement>) {
  const common = { size, ...rest };
  switch (status) {
    case 'unreviewed': // an open, dashed circle: nothing decided
      return (
        <Glyph {...common}>
          <circle cx="8" cy="8" r="5.5" strokeDasharray="2.4 2" />
        </Glyph>
      );
    case 'benign': // a circle with a check
      return (
        <Glyph {...common}>
          <circle cx="8" cy="8" r="6" />
          <path d="m5.3 8.2 1.8 1.8 3.6-3.8" />
        </Glyph>
      );
    case 'suspicious': // a triangle with an exclamation mark
      return (
        <Glyph {...common}>
          <path d="M8 2 14.5 13.5h-13Z" />
          <path d="M8 6.5v3M8 11.6v.1" />
        </Glyph>
      );
    case 'malicious': // an octagon with a cross
      return (
        <Glyph {...common}>
          <path d="M5.5 1.8h5l3.7 3.7v5l-3.7 3.7h-5l-3.7-3.7v-5Z" />
          <path d="m6 6 4 4M10 6l-4 4" />
        </Glyph>
      );
  }
}

const ICON_TONE: Record<VerdictStatus, string> = {
  unreviewed: 'text-muted',
  benign: 'text-verdict-benign',
  suspicious: 'text-verdict-suspicious',
  malicious: 'text-verdict-malicious',
};

/** The verdict's colour for an icon on its own (class names written out, so Tailwind finds them). */
export function iconTone(status: VerdictStatus): string {
  return ICON_TONE[status];
}

export function VerdictBadge({ status, className = '' }: { status: VerdictStatus; className?: string }) {
  return (
    <span
      title={VERDICT_MEANINGS[status]}
      className={`inline-flex h-5 shrink-0 items-center gap-1 rounded-full border px-1.5 font-medium text-[11px] leading-none ${TONE[status]} ${className}`}
    >
      <VerdictIcon status={status} />
      {VERDICT_LABELS[status]}
    </span>
  );
}

/** Why a recorded Benign verdict no longer holds, in words; null while it holds. */
export function lapseReason(state: ReviewState): string | null {
  if (state.newActivity) return 'new activity since verdict';
  if (state.reviewDue && state.verdict?.reviewAfter)
    return `review due since ${formatUtc(state.verdict.reviewAfter)}`;
  return null;
}

/**
 * A device's verdict as the table and panel show it: the recorded verdict, and when a Benign one no longer
 * holds, a mark saying why (the device then counts as unreviewed).
 */
export function ReviewBadge({ state }: { state: ReviewState }) {
  const recorded = state.verdict?.status ?? 'unreviewed';
  const lapse = lapseReason(state);
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <VerdictBadge status={recorded} />
      {lapse && (
        <span
          className="inline-flex min-w-0 items-center gap-1 truncate text-[11px] text-warning"
          title={`Counts as unreviewed again: ${lapse}`}
        >
          <svg
            width="10"
            height="10"
            viewBox="0 0 10 10"
            aria-hidden="true"
            focusable="false"
            className="shrink-0"
          >
            <circle cx="5" cy="5" r="4" fill="currentColor" />
          </svg>
          <span className="truncate">{lapse}</span>
        </span>
      )}
    </span>
  );
}
