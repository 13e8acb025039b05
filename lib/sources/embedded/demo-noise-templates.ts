// Ordinary Windows process launches (parent, child, command lines, accounts) and how often each
// kind of device runs them: the background the mRemoteNG events hide in.
import type { BinaryKey } from './demo-binaries';
import type { AccountKind, NoiseProfile } from './demo-fleet';

export type IntegrityLevel = 'Untrusted' | 'Low' | 'Medium' | 'High' | 'System';
export type TokenElevation =
  | 'TokenElevationTypeDefault'
  | 'TokenElevationTypeLimited'
  | 'TokenElevationTypeFull';

/**
 * One kind of launch. Command lines may hold {user} (the account's name, also in per-user paths), {n} (a
 * number), {guid} and {host} (a server of the fleet), filled when the data is generated.
 */
export interface NoiseTemplate {
  child: BinaryKey;
  parent: BinaryKey;
  /** File name of the initiating process's parent. */
  grandparent: string;
  command: string;
  parentCommand: string;
  account: AccountKind;
  /** Defaults to the child's account. */
  parentAccount?: AccountKind;
  integrity?: IntegrityLevel;
  parentIntegrity?: IntegrityLevel;
  /** How long before the child the parent started, in seconds. */
  parentAge: readonly [number, number];
  /** Relative frequency per noise profile; `server` stands for every server profile not listed. */
  weights: Partial<Record<NoiseProfile, number>>;
}

export function templateWeight(template: NoiseTemplate, profile: NoiseProfile): number {
  return template.weights[profile] ?? (profile === 'client' ? 0 : (template.weights.server ?? 0));
}

export function defaultIntegrity(account: AccountKind): IntegrityLevel {
  if (account === 'user') return 'Medium';
  if (account === 'admin' || account === 'service') return 'High';
  return 'System';
}

export function tokenElevation(account: AccountKind, integrity: IntegrityLevel): TokenElevation {
  if (account === 'admin') return 'TokenElevationTypeFull';
  if (account === 'user')
    return integrity === 'High' ? 'TokenElevationTypeFull' : 'TokenElevationTypeLimited';
  return 'TokenElevationTypeDefault';
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
/** Long-lived parents such as services.exe run since the last boot. */
const SINCE_BOOT = [HOUR, 9 * DAY] as const;
/** Parents started at logon, such as explorer.exe. */
const SINCE_LOGON = [5 * MINUTE, 10 * HOUR] as const;
const JUST_NOW = [1, 90] as const;

const SVCHOST = 'C:\\Windows\\system32\\svchost.exe';

const svchost = (group: string, service: string, account: AccountKind, weight: number): NoiseTemplate => ({
  child: 'svchost.exe',
  parent: 'services.exe',
  grandparent: 'wininit.exe',
  command: `${SVCHOST} -k ${group} -p -s ${service}`,
  parentCommand: 'C:\\Windows\\system32\\services.exe',
  account,
  parentAccount: 'system',
  parentAge: SINCE_BOOT,
  weights: { client: weight, server: weight * 1.5 },
});

export const NOISE_TEMPLATES: readonly NoiseTemplate[] = [
  svchost('netsvcs', 'BITS', 'system', 2),
  svchost('netsvcs', 'Schedule', 'system', 0.6),
  svchost('netsvcs', 'gpsvc', 'system', 0.8),
  svchost('LocalServiceNetworkRestricted', 'lmhosts', 'localService', 1.2),
  svchost('LocalService', 'EventSystem', 'localService', 1),
  svchost('NetworkService', 'Dnscache', 'networkService', 1.5),
  svchost('wsappx', 'AppXSvc', 'system', 1.5),
  svchost('UnistackSvcGroup', 'CDPUserSvc_4a1f2', 'user', 1),
  svchost('netsvcs', 'wuauserv', 'system', 0.5),
  {
    child: 'conhost.exe',
    parent: 'cmd.exe',
    grandparent: 'explorer.exe',
    command: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1',
    parentCommand: '"C:\\Windows\\system32\\cmd.exe"',
    account: 'user',
    parentAge: JUST_NOW,
    weights: { client: 5, server: 3 },
  },
  {
    child: 'conhost.exe',
    parent: 'powershell.exe',
    grandparent: 'svchost.exe',
    command: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1',
    parentCommand:
      'powershell.exe -ExecutionPolicy Bypass -NoProfile -File C:\\Windows\\Temp\\Invoke-HealthCheck-{n}.ps1',
    account: 'system',
    parentAge: JUST_NOW,
    weights: { client: 2, server: 5 },
  },
  {
    child: 'chrome.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 2.5 },
  },
  {
    child: 'chrome.exe',
    parent: 'chrome.exe',
    grandparent: 'explorer.exe',
    command:
      '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US --renderer-client-id={n} --launch-time-ticks=8{n}33 --field-trial-handle=1944,i,{n},262144 /prefetch:1',
    parentCommand: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"',
    account: 'user',
    integrity: 'Low',
    parentIntegrity: 'Medium',
    parentAge: [MINUTE, 8 * HOUR],
    weights: { client: 14 },
  },
  {
    child: 'msedge.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command:
      '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --profile-directory=Default',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 2, rds: 1 },
  },
  {
    child: 'msedge.exe',
    parent: 'msedge.exe',
    grandparent: 'explorer.exe',
    command:
      '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --type=renderer --instant-process --lang=en-US --renderer-client-id={n} --mojo-platform-channel-handle={n} /prefetch:1',
    parentCommand:
      '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --profile-directory=Default',
    account: 'user',
    integrity: 'Low',
    parentIntegrity: 'Medium',
    parentAge: [MINUTE, 8 * HOUR],
    weights: { client: 10, rds: 4 },
  },
  {
    child: 'ms-teams.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Program Files\\WindowsApps\\MSTeams_24335.206.3303.5120_x64__8wekyb3d8bbwe\\ms-teams.exe"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 1.5 },
  },
  {
    child: 'msedgewebview2.exe',
    parent: 'ms-teams.exe',
    grandparent: 'explorer.exe',
    command:
      '"C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\131.0.2903.70\\msedgewebview2.exe" --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe --type=renderer --renderer-client-id={n}',
    parentCommand:
      '"C:\\Program Files\\WindowsApps\\MSTeams_24335.206.3303.5120_x64__8wekyb3d8bbwe\\ms-teams.exe"',
    account: 'user',
    parentAge: [MINUTE, 9 * HOUR],
    weights: { client: 6 },
  },
  {
    child: 'outlook.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 1.5, rds: 0.5 },
  },
  {
    child: 'winword.exe',
    parent: 'outlook.exe',
    grandparent: 'explorer.exe',
    command:
      '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\WINWORD.EXE" /n "C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q{n}\\Minutes-{n}.docx" /o ""',
    parentCommand: '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE"',
    account: 'user',
    parentAge: [10 * MINUTE, 9 * HOUR],
    weights: { client: 1.2, rds: 0.4 },
  },
  {
    child: 'excel.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command:
      '"C:\\Program Files\\Microsoft Office\\Root\\Office16\\EXCEL.EXE" "C:\\Users\\{user}\\OneDrive - Contoso\\Budget-{n}.xlsx"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 1.2, rds: 0.4 },
  },
  {
    child: 'onedrive.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: [1, 120],
    weights: { client: 1 },
  },
  {
    child: 'backgroundtaskhost.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command:
      '"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountProvider',
    parentCommand: `${SVCHOST} -k DcomLaunch -p`,
    account: 'user',
    parentAccount: 'system',
    parentIntegrity: 'System',
    parentAge: SINCE_BOOT,
    weights: { client: 4, rds: 2 },
  },
  {
    child: 'runtimebroker.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding',
    parentCommand: `${SVCHOST} -k DcomLaunch -p`,
    account: 'user',
    parentAccount: 'system',
    parentIntegrity: 'System',
    parentAge: SINCE_BOOT,
    weights: { client: 5, server: 0.5, rds: 3 },
  },
  {
    child: 'searchprotocolhost.exe',
    parent: 'searchindexer.exe',
    grandparent: 'services.exe',
    command:
      '"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe{n}_ Global\\UsGthrCtrlFltPipeMssGthrPipe{n} 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon"',
    parentCommand: 'C:\\Windows\\system32\\SearchIndexer.exe /Embedding',
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 5, server: 1 },
  },
  {
    child: 'searchfilterhost.exe',
    parent: 'searchindexer.exe',
    grandparent: 'services.exe',
    command: '"C:\\Windows\\system32\\SearchFilterHost.exe" 0 804 808 816 8192 812 788',
    parentCommand: 'C:\\Windows\\system32\\SearchIndexer.exe /Embedding',
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 4, server: 1 },
  },
  {
    child: 'taskhostw.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'taskhostw.exe {guid}',
    parentCommand: `${SVCHOST} -k netsvcs -p -s Schedule`,
    account: 'user',
    parentAccount: 'system',
    parentIntegrity: 'System',
    parentAge: SINCE_BOOT,
    weights: { client: 2.5, server: 1.5 },
  },
  {
    child: 'dllhost.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'C:\\Windows\\system32\\DllHost.exe /Processid:{guid}',
    parentCommand: `${SVCHOST} -k DcomLaunch -p`,
    account: 'user',
    parentAccount: 'system',
    parentIntegrity: 'System',
    parentAge: SINCE_BOOT,
    weights: { client: 3.5, server: 1.5, rds: 3 },
  },
  {
    child: 'wmiprvse.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding',
    parentCommand: `${SVCHOST} -k DcomLaunch -p`,
    account: 'networkService',
    parentAccount: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 3, server: 6, monitoring: 10 },
  },
  {
    child: 'smartscreen.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'C:\\Windows\\System32\\smartscreen.exe -Embedding',
    parentCommand: `${SVCHOST} -k DcomLaunch -p`,
    account: 'user',
    parentAccount: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 1.5 },
  },
  {
    child: 'mpcmdrun.exe',
    parent: 'msmpeng.exe',
    grandparent: 'services.exe',
    command:
      '"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0\\MpCmdRun.exe" SignatureUpdate -ScheduleJob -RestrictPrivileges',
    parentCommand: '"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0\\MsMpEng.exe"',
    account: 'networkService',
    parentAccount: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 1, server: 1 },
  },
  {
    child: 'mousocoreworker.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'C:\\Windows\\System32\\mousocoreworker.exe -Embedding',
    parentCommand: `${SVCHOST} -k netsvcs -p -s UsoSvc`,
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.8, server: 0.6 },
  },
  {
    child: 'wuauclt.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: '"C:\\Windows\\system32\\wuauclt.exe" /RunHandlerComServer',
    parentCommand: `${SVCHOST} -k netsvcs -p -s wuauserv`,
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.6, server: 0.5 },
  },
  {
    child: 'tiworker.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command:
      'C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.22621.4455_none_7e1c6a8c8e3f0e3b\\TiWorker.exe -Embedding',
    parentCommand: `${SVCHOST} -k DcomLaunch -p`,
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.5, server: 0.5 },
  },
  {
    child: 'sihost.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'sihost.exe',
    parentCommand: `${SVCHOST} -k netsvcs -p -s UserManager`,
    account: 'user',
    parentAccount: 'system',
    parentIntegrity: 'System',
    parentAge: SINCE_BOOT,
    weights: { client: 0.6, rds: 1 },
  },
  {
    child: 'ctfmon.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: '"ctfmon.exe"',
    parentCommand: `${SVCHOST} -k LocalSystemNetworkRestricted -p -s TabletInputService`,
    account: 'user',
    parentAccount: 'system',
    parentIntegrity: 'System',
    parentAge: SINCE_BOOT,
    weights: { client: 0.6, rds: 1 },
  },
  {
    child: 'consent.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'consent.exe 1104 372 000001E8C4A1B2C0',
    parentCommand: `${SVCHOST} -k netsvcs -p -s Appinfo`,
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.3 },
  },
  {
    child: 'cmd.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Windows\\system32\\cmd.exe"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 0.8, server: 0.4 },
  },
  {
    child: 'cmd.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: 'cmd.exe /c "C:\\Users\\{user}\\Desktop\\map-drives.bat"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 0.4 },
  },
  {
    child: 'ipconfig.exe',
    parent: 'cmd.exe',
    grandparent: 'explorer.exe',
    command: 'ipconfig  /all',
    parentCommand: '"C:\\Windows\\system32\\cmd.exe"',
    account: 'user',
    parentAge: [5, 900],
    weights: { client: 0.3, server: 0.3 },
  },
  {
    child: 'ping.exe',
    parent: 'cmd.exe',
    grandparent: 'explorer.exe',
    command: 'ping  -n 4 {host}',
    parentCommand: '"C:\\Windows\\system32\\cmd.exe"',
    account: 'user',
    parentAge: [5, 900],
    weights: { client: 0.3, server: 0.4 },
  },
  {
    child: 'net.exe',
    parent: 'cmd.exe',
    grandparent: 'explorer.exe',
    command: 'net  use Z: \\\\{host}\\shared /persistent:yes',
    parentCommand: 'cmd.exe /c "C:\\Users\\{user}\\Desktop\\map-drives.bat"',
    account: 'user',
    parentAge: [1, 5],
    weights: { client: 0.4 },
  },
  {
    child: 'powershell.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 0.5, server: 0.3 },
  },
  {
    child: 'powershell.exe',
    parent: 'cmd.exe',
    grandparent: 'explorer.exe',
    command:
      'powershell.exe -NoProfile -Command "Get-ChildItem -Path C:\\Users\\{user}\\Documents -Recurse | Measure-Object"',
    parentCommand: '"C:\\Windows\\system32\\cmd.exe"',
    account: 'user',
    parentAge: [5, 1800],
    weights: { client: 0.3 },
  },
  {
    child: 'powershell.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command:
      'powershell.exe -ExecutionPolicy Bypass -NoProfile -File C:\\Windows\\Temp\\Invoke-HealthCheck-{n}.ps1',
    parentCommand: `${SVCHOST} -k netsvcs -p -s Schedule`,
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.4, server: 2 },
  },
  {
    child: 'code.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 0.5 },
  },
  {
    child: 'git.exe',
    parent: 'code.exe',
    grandparent: 'explorer.exe',
    command: '"C:\\Program Files\\Git\\cmd\\git.exe" fetch --all --prune',
    parentCommand: '"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe"',
    account: 'user',
    parentAge: [MINUTE, 8 * HOUR],
    weights: { client: 1 },
  },
  {
    child: 'notepad.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Windows\\system32\\NOTEPAD.EXE" C:\\Users\\{user}\\Desktop\\notes-{n}.txt',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 0.5, server: 0.2 },
  },
  {
    child: 'acrobat.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command:
      '"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe" "C:\\Users\\{user}\\Downloads\\Invoice-{n}.pdf"',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 0.5 },
  },
  {
    child: 'mstsc.exe',
    parent: 'explorer.exe',
    grandparent: 'userinit.exe',
    command: '"C:\\Windows\\system32\\mstsc.exe" /v:{host}',
    parentCommand: 'C:\\Windows\\Explorer.EXE',
    account: 'user',
    parentAge: SINCE_LOGON,
    weights: { client: 0.2, rds: 0.8 },
  },
  {
    child: 'rdpclip.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'rdpclip',
    parentCommand: `${SVCHOST} -k termsvcs -s TermService`,
    account: 'admin',
    parentAccount: 'networkService',
    parentAge: SINCE_BOOT,
    weights: { server: 0.6, rds: 3 },
  },
  {
    child: 'rundll32.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command:
      'C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\shell32.dll,SHCreateLocalServerRunDll {guid} -Embedding',
    parentCommand: `${SVCHOST} -k DcomLaunch -p`,
    account: 'user',
    parentAccount: 'system',
    parentIntegrity: 'System',
    parentAge: SINCE_BOOT,
    weights: { client: 0.8 },
  },
  {
    child: 'gpupdate.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command: 'gpupdate.exe /target:computer',
    parentCommand: `${SVCHOST} -k netsvcs -p -s Schedule`,
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.2, server: 0.3 },
  },
  {
    child: 'msiexec.exe',
    parent: 'ccmexec.exe',
    grandparent: 'services.exe',
    command: 'msiexec.exe /i "C:\\Windows\\ccmcache\\{n}\\setup.msi" /qn REBOOT=ReallySuppress',
    parentCommand: 'C:\\Windows\\CCM\\CcmExec.exe',
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.25, configmgr: 1.5 },
  },
  {
    child: 'agentexecutor.exe',
    parent: 'intunemanagementextension.exe',
    grandparent: 'services.exe',
    command:
      '"C:\\Program Files (x86)\\Microsoft Intune Management Extension\\agentexecutor.exe" -powershell "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Scripts\\{guid}_1.ps1" "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Results\\{guid}_1.output" 60000 "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" 0',
    parentCommand:
      '"C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Microsoft.Management.Services.IntuneWindowsAgent.exe"',
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { client: 0.2 },
  },
  {
    child: 'w3wp.exe',
    parent: 'svchost.exe',
    grandparent: 'services.exe',
    command:
      'c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\\\.\\pipe\\iisipm{guid} -h "C:\\inetpub\\temp\\apppools\\DefaultAppPool\\DefaultAppPool.config" -w "" -m 0',
    parentCommand: `${SVCHOST} -k iissvcs`,
    account: 'service',
    parentAccount: 'system',
    parentAge: SINCE_BOOT,
    weights: { server: 0.8 },
  },
  {
    child: 'sqlagent.exe',
    parent: 'services.exe',
    grandparent: 'wininit.exe',
    command:
      '"C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\SQLAGENT.EXE" -i MSSQLSERVER',
    parentCommand: 'C:\\Windows\\system32\\services.exe',
    account: 'service',
    parentAccount: 'system',
    parentAge: SINCE_BOOT,
    weights: { server: 0.1 },
  },
  {
    child: 'veeamagent.exe',
    parent: 'veeam.backup.manager.exe',
    grandparent: 'veeam.backup.service.exe',
    command:
      '"C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\x64\\VeeamAgent.exe" -l "C:\\ProgramData\\Veeam\\Backup\\Daily-Servers\\Agent.Target.{n}.log" -id {guid}',
    parentCommand:
      '"C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Manager.exe" startbackupjob owner=[vbsvc] {guid}',
    account: 'service',
    parentAge: [10, 4 * HOUR],
    weights: { veeam: 25 },
  },
  {
    child: 'veeam.backup.manager.exe',
    parent: 'veeam.backup.service.exe',
    grandparent: 'services.exe',
    command:
      '"C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Manager.exe" startbackupjob owner=[vbsvc] {guid}',
    parentCommand: '"C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Service.exe"',
    account: 'service',
    parentAge: SINCE_BOOT,
    weights: { veeam: 6 },
  },
  {
    child: 'powershell.exe',
    parent: 'prtg probe.exe',
    grandparent: 'services.exe',
    command:
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File "C:\\Program Files (x86)\\PRTG Network Monitor\\Custom Sensors\\EXEXML\\Get-DiskQueue.ps1" -Computer {host}',
    parentCommand: '"C:\\Program Files (x86)\\PRTG Network Monitor\\PRTG Probe.exe"',
    account: 'service',
    parentAge: SINCE_BOOT,
    weights: { monitoring: 12 },
  },
  {
    child: 'cmd.exe',
    parent: 'nscp.exe',
    grandparent: 'services.exe',
    command: 'cmd /c scripts\\check_files.bat C:\\Backup -mtime 1',
    parentCommand: '"C:\\Program Files\\NSClient++\\nscp.exe" service --run --name nscp',
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { monitoring: 8, server: 0.3 },
  },
  {
    child: 'swjobengineworker2x64.exe',
    parent: 'solarwinds.agent.service.exe',
    grandparent: 'services.exe',
    command:
      '"C:\\Program Files (x86)\\SolarWinds\\Agent\\Plugins\\JobEngine\\SWJobEngineWorker2x64.exe" {guid}',
    parentCommand: '"C:\\Program Files (x86)\\SolarWinds\\Agent\\SolarWinds.Agent.Service.exe"',
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { monitoring: 6, server: 0.4 },
  },
  {
    child: 'ccmsetup.exe',
    parent: 'ccmexec.exe',
    grandparent: 'services.exe',
    command:
      '"C:\\Windows\\ccmsetup\\ccmsetup.exe" /source:\\\\{host}\\SMS_P01\\Client /mp:{host} SMSSITECODE=P01',
    parentCommand: 'C:\\Windows\\CCM\\CcmExec.exe',
    account: 'system',
    parentAge: SINCE_BOOT,
    weights: { configmgr: 4, client: 0.05 },
  },
  {
    child: 'explorer.exe',
    parent: 'userinit.exe',
    grandparent: 'winlogon.exe',
    command: 'C:\\Windows\\Explorer.EXE',
    parentCommand: 'C:\\Windows\\system32\\userinit.exe',
    account: 'user',
    parentAge: [1, 10],
    weights: { client: 0.3, server: 0.1, rds: 2 },
  },
];
