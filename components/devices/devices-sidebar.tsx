// The devices page's exclusions sidebar: the hunt's rules (switched in the URL) and the triagers' custom
// exclusions with what each hides in the run on screen; a skeleton while the first run loads, and the rules
// named in the URL alone when no run could tell what they are.
'use client';
import { useState } from 'react';
import type { CustomExclusionDraft } from '@/components/exclusions/custom-exclusion-form';
import { CustomExclusions } from '@/components/exclusions/custom-exclusions';
import { ExclusionToggles } from '@/components/exclusions/exclusion-toggles';
import { ExclusionsSidebarSkeleton } from '@/components/exclusions/exclusions-sidebar-skeleton';
import type { HuntRun } from '@/lib/hunts/hunt-run';

export function DevicesSidebar({
  huntId,
  run,
  rules,
  running,
  waiting,
  selected,
  onSelectedChange,
  draft,
  onDraftClose,
}: {
  huntId: string | null;
  run: HuntRun | null;
  /** The hunt's rules, once a run of this hunt answered. */
  rules: HuntRun['exclusions'] | null;
  running: boolean;
  /** The first run is on its way. */
  waiting: boolean;
  /** Rule ids switched on in the URL. */
  selected: readonly string[];
  onSelectedChange: (exclude: string[]) => void;
  /** A custom exclusion a device's evidence asked for. */
  draft: CustomExclusionDraft | null;
  onDraftClose: () => void;
}) {
  const [customActive, setCustomActive] = useState(0);
  if (rules !== null)
    return (
      <ExclusionToggles
        rules={rules}
        selected={selected}
        onChange={onSelectedChange}
        busy={running && run !== null}
        customActive={customActive}
        forceOpen={draft !== null}
        custom={
          huntId && run ? (
            <CustomExclusions
              huntId={huntId}
              tables={run.hunt.tables}
              impacts={new Map(run.customExclusions.map((c) => [c.id, c.impact]))}
              deviceNames={new Map(run.devices.map((d) => [d.deviceId, d.deviceName]))}
              busy={running}
              draft={draft}
              onDraftClose={onDraftClose}
              onActiveChange={setCustomActive}
            />
          ) : null
        }
      />
    );
  if (waiting) return <ExclusionsSidebarSkeleton />;
  if (selected.length > 0)
    return <ExclusionToggles rules={null} selected={selected} onChange={onSelectedChange} busy={false} />;
  return null;
}
