// The Exclusions sidebar of the devices page: one checkbox per false-positive rule of the hunt, its
// scenario on demand, and what it changes in the current window beside it. The checkboxes show the
// analyst's choice (the URL) at once; the impact figures belong to the last result and are dimmed
// while a newer one is on its way. The sidebar folds to a narrow rail (remembered in the browser) to give the
// table or the charts its width.
'use client';
import { type ReactNode, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount, plural } from '@/components/ui/format';
import { ChevronRightIcon, SidebarIcon } from '@/components/ui/icons';
import { activeExclusionCount } from './exclusion-count';
import { exclusionsSidebarClass } from './exclusions-sidebar-skeleton';
import { useSidebarOpen } from './sidebar-state';

/** One rule as the run reports it (lib/hunts/hunt-run.ts, `HuntRun['exclusions']`). */
export interface ExclusionToggle {
  id: string;
  title: string;
  scenario: string;
  enabled: boolean;
  impact: { events: number; devices: number; devicesGone: number };
}

export interface ExclusionTogglesProps {
  /** The hunt's rules from the last result; null while none has arrived. */
  rules: readonly ExclusionToggle[] | null;
  /** Ids switched on (the URL); may run ahead of `rules[].enabled` while a run is in flight. */
  selected: readonly string[];
  onChange: (exclude: string[]) => void;
  /** A newer result is on its way: the impact figures are about to change. */
  busy: boolean;
  /** The triagers' custom exclusions, below the hunt's rules. */
  custom?: ReactNode;
  /** Custom exclusions in effect, counted in "N active" with the rules. */
  customActive?: number;
  /**
   * Shows the sidebar open whatever was remembered, without remembering it: a custom exclusion started
   * elsewhere (the evidence panel) opens its form from here.
   */
  forceOpen?: boolean;
}

/** Words for the impact, for the tooltip and screen readers. */
export function describeImpact(rule: ExclusionToggle, on: boolean): string {
  const { events, devices, devicesGone } = rule.impact;
  if (events === 0) return 'Matches no event in this window.';
  const verb = on ? 'Hides' : 'Would hide';
  const gone = on
    ? `${plural(devicesGone, 'device')} left the table because of it`
    : `${plural(devicesGone, 'device')} would leave the table entirely`;
  return `${verb} ${plural(events, 'event')} on ${plural(devices, 'device')}; ${gone}.`;
}

function ToggleRow({
  rule,
  checked,
  busy,
  onToggle,
}: {
  rule: ExclusionToggle;
  checked: boolean;
  busy: boolean;
  onToggle: (on: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const inputId = `${id}-input`;
  const impactId = `${id}-impact`;
  const scenarioId = `${id}-scenario`;
  const impact = describeImpact(rule, rule.enabled);
  // The figure beside the rule is what leaves the table, so it matches what the analyst sees change.
  const none = rule.impact.devicesGone === 0;

  return (
    <li className="rounded-md hover:bg-surface-2">
      <div className="flex items-start gap-1.5 px-1.5 py-1">
        <input
          id={inputId}
          type="checkbox"
          checked={checked}
          onChange={(event) => onToggle(event.target.checked)}
          aria-describedby={`${impactId} ${scenarioId}`}
          className="mt-[3px] size-3.5 shrink-0 cursor-pointer accent-accent"
        />
        <label htmlFor={inputId} title={rule.scenario} className="min-w-0 flex-1 cursor-pointer leading-5">
          {rule.title}
        </label>
        <span
          title={impact}
          className={`shrink-0 text-right font-mono text-[12px] tabular-nums leading-5 transition-opacity ${none ? 'text-muted' : ''} ${busy ? 'opacity-50' : ''}`}
          aria-hidden="true"
        >
          {none ? '0' : `−${formatCount(rule.impact.devicesGone)}`}
          <span className="text-muted"> dev</span>
        </span>
        <button
          type="button"
          onClick={() => setOpen((value) => !value)}
          aria-expanded={open}
          aria-controls={scenarioId}
          title={open ? 'Hide the scenario' : 'Show the scenario'}
          className="-mr-0.5 mt-0.5 grid size-4 shrink-0 place-items-center rounded text-muted hover:text-fg"
        >
          <ChevronRightIcon className={`size-3 transition-transform ${open ? 'rotate-90' : ''}`} />
          <span className="sr-only">Scenario: {rule.title}</span>
        </button>
      </div>
      <p id={impactId} className="sr-only">
        {impact}
      </p>
      <p
        id={scenarioId}
        className={open ? 'px-1.5 pb-1.5 pl-[27px] text-[12px] text-muted leading-snug' : 'sr-only'}
      >
        {rule.scenario}
      </p>
    </li>
  );
}

export function ExclusionToggles({
  rules,
  selected,
  onChange,
  busy,
  custom,
  customActive = 0,
  forceOpen = false,
}: ExclusionTogglesProps) {
  const headingId = useId();
  const contentId = useId();
  const [remembered, setOpen] = useSidebarOpen();
  const open = remembered || forceOpen;
  const known = new Set(rules?.map((rule) => rule.id));
  const active = activeExclusionCount({
    ruleIds: rules?.map((rule) => rule.id) ?? null,
    selected,
    customActive,
  });

  // Ids the hunt does not define (an old link) are dropped on the first change, or the run would fail.
  const toggle = (id: string, on: boolean) => {
    const kept = selected.filter((other) => other !== id && known.has(other));
    onChange(on ? [...kept, id] : kept);
  };

  return (
    <aside className={exclusionsSidebarClass(open)} aria-labelledby={headingId} aria-busy={busy}>
      <div
        className={`flex shrink-0 items-center gap-2 border-line border-b ${open ? 'h-10 w-full pr-3 pl-1.5' : 'w-full flex-col py-2'}`}
      >
        <button
          type="button"
          aria-expanded={open}
          aria-controls={contentId}
          aria-label="Exclusions sidebar"
          title={open ? 'Fold the exclusions away' : 'Show the exclusions'}
          onClick={() => setOpen(!open)}
          className="grid size-6 shrink-0 place-items-center rounded text-muted hover:bg-surface-2 hover:text-fg"
        >
          <SidebarIcon />
        </button>
        <h2 id={headingId} className={open ? 'font-semibold text-[13px]' : 'sr-only'}>
          Exclusions
        </h2>
        <span
          title={open ? undefined : `${formatCount(active)} active`}
          className={`rounded-full px-1.5 text-[11px] tabular-nums leading-[18px] ${active > 0 ? 'bg-accent-soft text-accent' : 'text-muted'}`}
        >
          {formatCount(active)}
          <span className={open ? undefined : 'sr-only'}> active</span>
        </span>
        {open && selected.length > 0 && (
          <Button variant="ghost" className="ml-auto h-6 px-1.5 text-[12px]" onClick={() => onChange([])}>
            Clear
          </Button>
        )}
      </div>
      {/* Folded, the rules stay mounted (hidden) so the custom exclusions keep their state and count. */}
      <div id={contentId} hidden={!open} className={open ? 'flex min-h-0 flex-1 flex-col' : 'hidden'}>
        {rules === null ? (
          <p className="p-3 text-muted">
            {selected.length > 0
              ? `${plural(selected.length, 'rule')} from the link will apply once the hunt runs.`
              : 'The rules appear once the hunt has run.'}
          </p>
        ) : rules.length === 0 ? (
          <p className="px-3 pt-2 pb-1 text-[12px] text-muted">
            This hunt has no exclusion rules of its own.
          </p>
        ) : (
          <ul className="space-y-px p-1.5">
            {rules.map((rule) => (
              <ToggleRow
                key={rule.id}
                rule={rule}
                checked={selected.includes(rule.id)}
                busy={busy}
                onToggle={(on) => toggle(rule.id, on)}
              />
            ))}
          </ul>
        )}
        {custom}
        {rules !== null && rules.length > 0 && (
          <p className="mt-auto border-line border-t px-3 py-2 text-[12px] text-muted leading-snug">
            Beside each rule: devices with events it removes. Hover or expand for events, devices that leave
            the table, and the scenario.
          </p>
        )}
      </div>
    </aside>
  );
}
