// The devices page's server state: the hunt catalog, the hunt in the URL (or the first), its run with the
// window and rules in the URL, and its verdicts; with what the page derives from them (running, stale, the
// rules offered, what a screen reader hears).
'use client';
import { useCallback, useMemo } from 'react';
import { useHuntRun } from '@/components/hunts/use-hunt-run';
import { useHunts } from '@/components/hunts/use-hunts';
import { useVerdicts } from '@/components/triage/use-verdicts';
import { formatLookback, plural } from '@/components/ui/format';

export function useDevicesRun(view: {
  hunt: string | null;
  lookback: string | null;
  exclude: readonly string[];
}) {
  const { hunts, problems: catalogProblems, error: huntsError } = useHunts();
  const huntId = view.hunt ?? hunts?.[0]?.id ?? null;
  const result = useHuntRun(huntId ? { huntId, lookback: view.lookback, exclude: view.exclude } : null);
  const verdicts = useVerdicts(huntId);
  const { run, status, runAgain } = result;
  const reloadVerdicts = verdicts.reload;

  const scenarios = useMemo(() => (run?.exclusions ?? []).map(({ id, title }) => ({ id, title })), [run]);
  const scenarioTitle = useCallback(
    (id: string) => scenarios.find((scenario) => scenario.id === id)?.title ?? id,
    [scenarios],
  );
  /** "Run again" (the button or r): the run and the verdicts. */
  const refresh = useCallback(() => {
    runAgain();
    reloadVerdicts();
  }, [runAgain, reloadVerdicts]);

  const running = status === 'running';
  const noHunt = !huntId && (huntsError !== null || hunts?.length === 0);
  // Rules belong to a hunt: while another hunt's result is still on screen, they are not offered.
  const rules = run && run.hunt.id === huntId ? (run.exclusions ?? []) : null;
  const announcement = running
    ? 'Running the hunt'
    : status === 'done' && run
      ? `Run finished: ${plural(run.devices.length, 'device')} in the last ${formatLookback(run.window.lookback)}`
      : status === 'cancelled'
        ? 'Run cancelled'
        : '';

  return {
    hunts,
    catalogProblems,
    huntsError,
    huntId,
    hunt: hunts?.find((h) => h.id === huntId) ?? (run?.hunt.id === huntId ? run.hunt : null),
    result,
    run,
    status,
    verdicts,
    refresh,
    running,
    noHunt,
    loading: !run && !noHunt && (running || status === 'idle'),
    stale: run !== null && !running && (status === 'failed' || !result.current),
    rules,
    enabledRules: rules?.filter((rule) => rule.enabled).length ?? 0,
    scenarios,
    scenarioTitle,
    announcement,
  };
}

export type DevicesRun = ReturnType<typeof useDevicesRun>;
