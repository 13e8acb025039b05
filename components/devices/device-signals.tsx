// Why a device is flagged, on the devices page: the signal chips and the first parent in its row, and the
// signals with their explanations and the facts behind them in the evidence panel (lib/signals).
'use client';
import type { DeviceSignalFacts } from '@/lib/hunts/hunt-run';
import { type SignalId, signalDefinition } from '@/lib/signals/definitions';
import { SIGNAL_FACT_FIELDS } from './device-fields';

/** The chips of a row: each signal's label, its explanation on hover and for screen readers. */
export function SignalChips({ signals }: { signals: DeviceSignalFacts | undefined }) {
  if (!signals) return <span className="text-muted">—</span>;
  if (signals.ids.length === 0) return <span className="sr-only">No signals</span>;
  const all = signals.ids.map((id) => signalDefinition(id));
  return (
    <ul
      className="flex min-w-0 items-center gap-1 overflow-hidden"
      title={all.map((s) => `${s.label}: ${s.explanation}`).join('\n')}
    >
      {all.map((s) => (
        <li
          key={s.id}
          data-signal={s.id}
          className="shrink-0 whitespace-nowrap rounded border border-warning/40 bg-warning-soft px-1.5 py-px font-medium text-[11px] text-fg leading-4"
        >
          {s.label}
          <span className="sr-only">: {s.explanation}</span>
        </li>
      ))}
    </ul>
  );
}

/** The first parent (shell-like ones come first), the others and their command lines on hover. */
export function ParentCell({ signals }: { signals: DeviceSignalFacts | undefined }) {
  const first = signals?.parents[0];
  if (!signals || first === undefined) return <span className="text-muted">—</span>;
  const more = signals.parents.length - 1;
  const title = [
    `Parents: ${signals.parents.join(', ')}`,
    ...signals.parentCommandLines.map((c) => `› ${c}`),
  ].join('\n');
  return (
    <span className="flex min-w-0 items-baseline gap-1" title={title}>
      <span className="truncate font-mono text-[12px]">{first}</span>
      {more > 0 && <span className="shrink-0 text-[11px] text-muted">+{more}</span>}
    </span>
  );
}

/** Rows with more signals first, then the most recent: the devices page's default order. */
export function signalSortKey(signals: DeviceSignalFacts | undefined, lastSeenMs: number): number {
  // lastSeenMs stays below 10^13 for millennia, so the count dominates and the time breaks ties.
  return (signals?.ids.length ?? 0) * 1e13 + (Number.isNaN(lastSeenMs) ? 0 : lastSeenMs);
}

const FACTS = SIGNAL_FACT_FIELDS.map((f) => ({ ...f, mono: true }));

/** The evidence panel's "Why flagged": each signal with its explanation, then the facts seen in the window. */
export function DeviceSignalsSection({
  headingId,
  signals,
  available,
  error,
}: {
  headingId: string;
  signals: DeviceSignalFacts | undefined;
  /** The signals the hunt's table supports. */
  available: readonly SignalId[];
  error?: string;
}) {
  return (
    <section aria-labelledby={headingId} className="space-y-1.5">
      <h3 id={headingId} className="font-semibold text-[13px]">
        Why flagged
      </h3>
      {!signals ? (
        <p className="text-[12px] text-muted">{error ?? 'No signals were computed for this device.'}</p>
      ) : (
        <>
          {signals.ids.length === 0 ? (
            <p className="text-[12px] text-muted">
              None of the signals this hunt's table supports (
              {available.map((id) => signalDefinition(id).label).join(', ') || 'none'}).
            </p>
          ) : (
            <ul className="space-y-1">
              {signals.ids.map((id) => {
                const s = signalDefinition(id);
                return (
                  <li key={id} className="flex items-baseline gap-2 text-[12px]">
                    <span className="shrink-0 rounded border border-warning/40 bg-warning-soft px-1.5 py-px font-medium text-[11px]">
                      {s.label}
                    </span>
                    <span className="text-muted">{s.explanation}</span>
                  </li>
                );
              })}
            </ul>
          )}
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-[12px]">
            {FACTS.filter((f) => signals[f.key].length > 0).map((f) => (
              <div key={f.key} className="contents">
                <dt className="text-muted">{f.label}</dt>
                <dd className="min-w-0">
                  <ul>
                    {signals[f.key].map((value) => (
                      <li key={value} className={`break-all ${f.mono ? 'font-mono text-[11.5px]' : ''}`}>
                        {value}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
