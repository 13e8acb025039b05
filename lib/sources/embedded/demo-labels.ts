// The ground-truth labels of the demo data: which tool events are suspicious, look-alikes, legitimate IT use,
// or (for mRemoteNG) one of the seed rule's five false-positive scenarios.

/** The seed rule's false-positive scenarios, in the order the rule lists them. */
export const FALSE_POSITIVE_SCENARIOS = [
  {
    id: 'fp-admin-scripts',
    title: 'PowerShell admin scripts',
    scenario: 'An administrator uses mRemoteNG to launch a PowerShell script for routine system updates.',
    exclusion: 'Command lines with known admin tasks such as Update-Module or Install-Script.',
  },
  {
    id: 'fp-scheduled-monitoring',
    title: 'Scheduled tasks and monitoring tools',
    scenario: 'A scheduled job runs a monitoring script via mRemoteNG to check performance metrics.',
    exclusion: 'Processes from scheduled tasks or monitoring tools such as PRTG, Nagios or SolarWinds.',
  },
  {
    id: 'fp-configmgr-intune',
    title: 'Configuration Manager, Intune and MEM',
    scenario: 'A technician uses mRemoteNG to launch a Microsoft Endpoint Manager agent update.',
    exclusion:
      'Processes of Microsoft update mechanisms and IT management tools (Configuration Manager, Intune).',
  },
  {
    id: 'fp-rdp-windows-update',
    title: 'RDP sessions and Windows Update',
    scenario: 'A remote desktop session through mRemoteNG performs a Windows Update on a client.',
    exclusion: 'Processes started from RDP sessions or Windows Update services (wuauserv, svchost).',
  },
  {
    id: 'fp-veeam-backup',
    title: 'Veeam backup jobs',
    scenario: 'A backup job uses mRemoteNG to run a Veeam backup script on a remote server.',
    exclusion: 'Processes of known backup solutions or with the command lines of legitimate backup scripts.',
  },
] as const;

export type FalsePositiveScenarioId = (typeof FALSE_POSITIVE_SCENARIOS)[number]['id'];

export const FALSE_POSITIVE_SCENARIO_IDS: readonly FalsePositiveScenarioId[] = FALSE_POSITIVE_SCENARIOS.map(
  (s) => s.id,
);

/**
 * `benign-admin`: another tool's legitimate IT use (demo-tool-stories.ts). `suspicious`: an mRemoteNG launch (or a process it started) outside every false-positive context: what a
 * hunt should still show once all five exclusions apply (for other tools, abuse). `near-miss`: a look-alike
 * that the tool's hunts must not match (for mRemoteNG a product name that `has 'mRemoteNG'` must not match).
 */
export const DEMO_EVENT_LABELS = [
  'suspicious',
  'near-miss',
  'benign-admin',
  ...FALSE_POSITIVE_SCENARIO_IDS,
] as const;

export type DemoEventLabel = 'suspicious' | 'near-miss' | 'benign-admin' | FalsePositiveScenarioId;
