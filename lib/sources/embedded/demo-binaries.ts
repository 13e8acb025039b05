// The process images the demo fleet runs: file names, paths and PE version info as Defender reports them.
import { createRng } from './prng';

export type SignerType = 'OsVendor' | 'Microsoft' | 'ThirdParty' | 'Unknown';
export type SignatureStatus = 'Valid' | 'Unsigned';

export interface BinaryInfo {
  fileName: string;
  /** Defender's FolderPath includes the file name. `{user}` stands for the account's profile folder name. */
  folderPath: string;
  company: string;
  product: string;
  version: string;
  internalName: string;
  originalName: string;
  description: string;
  size: number;
  signer: SignerType;
  signature: SignatureStatus;
}

export interface Binary extends BinaryInfo {
  sha1: string;
  sha256: string;
  md5: string;
}

const WINDOWS_PRODUCT = 'Microsoft® Windows® Operating System';
const WINDOWS_VERSION = '10.0.22621.4460';

function win(fileName: string, folder: string, description: string, size: number): BinaryInfo {
  return {
    fileName,
    folderPath: `${folder}\\${fileName}`,
    company: 'Microsoft Corporation',
    product: WINDOWS_PRODUCT,
    version: WINDOWS_VERSION,
    internalName: fileName.replace(/\.exe$/i, ''),
    originalName: fileName,
    description,
    size,
    signer: 'OsVendor',
    signature: 'Valid',
  };
}

function app(
  fileName: string,
  folder: string,
  company: string,
  product: string,
  version: string,
  description: string,
  size: number,
  signer: SignerType = 'ThirdParty',
): BinaryInfo {
  return {
    fileName,
    folderPath: `${folder}\\${fileName}`,
    company,
    product,
    version,
    internalName: fileName.replace(/\.exe$/i, ''),
    originalName: fileName,
    description,
    size,
    signer,
    signature: 'Valid',
  };
}

const SYS32 = 'C:\\Windows\\System32';
const OFFICE = 'C:\\Program Files\\Microsoft Office\\root\\Office16';
const CCM = 'C:\\Windows\\CCM';
const IME = 'C:\\Program Files (x86)\\Microsoft Intune Management Extension';
const VEEAM = 'C:\\Program Files\\Veeam\\Backup and Replication\\Backup';
const VEEAM_COMPANY = 'Veeam Software Group GmbH';
const VEEAM_PRODUCT = 'Veeam Backup & Replication';
const MREMOTENG_DIR = 'C:\\Program Files (x86)\\mRemoteNG';

const catalog = {
  'services.exe': win('services.exe', SYS32, 'Services and Controller app', 761_704),
  'wininit.exe': win('wininit.exe', SYS32, 'Windows Start-Up Application', 500_224),
  'svchost.exe': win('svchost.exe', SYS32, 'Host Process for Windows Services', 57_360),
  'explorer.exe': win('explorer.exe', 'C:\\Windows', 'Windows Explorer', 5_543_800),
  'userinit.exe': win('userinit.exe', SYS32, 'Userinit Logon Application', 30_720),
  'cmd.exe': win('cmd.exe', SYS32, 'Windows Command Processor', 323_584),
  'conhost.exe': win('conhost.exe', SYS32, 'Console Window Host', 1_004_032),
  'powershell.exe': win('powershell.exe', `${SYS32}\\WindowsPowerShell\\v1.0`, 'Windows PowerShell', 450_560),
  'backgroundtaskhost.exe': win('backgroundTaskHost.exe', SYS32, 'Background Task Host', 34_304),
  'runtimebroker.exe': win('RuntimeBroker.exe', SYS32, 'Runtime Broker', 123_280),
  'searchindexer.exe': win('SearchIndexer.exe', SYS32, 'Microsoft Windows Search Indexer', 1_001_472),
  'searchprotocolhost.exe': win(
    'SearchProtocolHost.exe',
    SYS32,
    'Microsoft Windows Search Protocol Host',
    544_768,
  ),
  'searchfilterhost.exe': win('SearchFilterHost.exe', SYS32, 'Microsoft Windows Search Filter Host', 239_616),
  'taskhostw.exe': win('taskhostw.exe', SYS32, 'Host Process for Windows Tasks', 101_888),
  'taskeng.exe': {
    ...win('taskeng.exe', SYS32, 'Task Scheduler Engine', 464_384),
    version: '6.1.7601.24545',
  },
  'dllhost.exe': win('dllhost.exe', SYS32, 'COM Surrogate', 21_312),
  'wmiprvse.exe': win('WmiPrvSE.exe', `${SYS32}\\wbem`, 'WMI Provider Host', 548_864),
  'smartscreen.exe': win('smartscreen.exe', SYS32, 'Windows Defender SmartScreen', 2_695_168),
  'mousocoreworker.exe': win('MoUsoCoreWorker.exe', SYS32, 'MoUSO Core Worker Process', 1_308_672),
  'wuauclt.exe': win('wuauclt.exe', SYS32, 'Windows Update', 112_640),
  'usoclient.exe': win('UsoClient.exe', SYS32, 'UsoClient', 69_632),
  'tiworker.exe': win(
    'TiWorker.exe',
    'C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.22621.4455_none_7e1c6a8c8e3f0e3b',
    'Windows Modules Installer Worker',
    247_296,
  ),
  'trustedinstaller.exe': win(
    'TrustedInstaller.exe',
    'C:\\Windows\\servicing',
    'Windows Modules Installer',
    129_024,
  ),
  'sihost.exe': win('sihost.exe', SYS32, 'Shell Infrastructure Host', 147_456),
  'ctfmon.exe': win('ctfmon.exe', SYS32, 'CTF Loader', 20_992),
  'consent.exe': win('consent.exe', SYS32, 'Consent UI for administrative applications', 163_840),
  'notepad.exe': win('notepad.exe', SYS32, 'Notepad', 201_216),
  'mstsc.exe': win('mstsc.exe', SYS32, 'Remote Desktop Connection', 1_380_352),
  'rdpclip.exe': win('rdpclip.exe', SYS32, 'RDP Clipboard Monitor', 561_152),
  'net.exe': win('net.exe', SYS32, 'Net Command', 57_344),
  'whoami.exe': win('whoami.exe', SYS32, 'whoami - displays logged on user information', 73_728),
  'ipconfig.exe': win('ipconfig.exe', SYS32, 'IP Configuration Utility', 36_864),
  'rundll32.exe': win('rundll32.exe', SYS32, 'Windows host process (Rundll32)', 71_680),
  'reg.exe': win('reg.exe', SYS32, 'Registry Console Tool', 73_728),
  'gpupdate.exe': win('gpupdate.exe', SYS32, 'Microsoft® Windows Group Policy Update Utility', 30_720),
  'msiexec.exe': win('msiexec.exe', SYS32, 'Windows® installer', 69_632),
  'wscript.exe': win('wscript.exe', SYS32, 'Microsoft ® Windows Based Script Host', 172_032),
  'mshta.exe': win('mshta.exe', SYS32, 'Microsoft (R) HTML Application host', 45_056),
  'mmc.exe': win('mmc.exe', SYS32, 'Microsoft Management Console', 2_052_096),
  'ping.exe': win('PING.EXE', SYS32, 'TCP/IP Ping Command', 22_016),
  'schtasks.exe': win('schtasks.exe', SYS32, 'Task Scheduler Configuration Tool', 235_520),
  'w3wp.exe': win('w3wp.exe', `${SYS32}\\inetsrv`, 'IIS Worker Process', 28_672),
  'spoolsv.exe': win('spoolsv.exe', SYS32, 'Spooler SubSystem App', 960_512),
  'msmpeng.exe': app(
    'MsMpEng.exe',
    'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0',
    'Microsoft Corporation',
    'Microsoft Malware Protection',
    '4.18.24090.11',
    'Antimalware Service Executable',
    133_576,
    'Microsoft',
  ),
  'mpcmdrun.exe': app(
    'MpCmdRun.exe',
    'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0',
    'Microsoft Corporation',
    'Microsoft Malware Protection',
    '4.18.24090.11',
    'Microsoft Malware Protection Command Line Utility',
    1_624_456,
    'Microsoft',
  ),
  'chrome.exe': app(
    'chrome.exe',
    'C:\\Program Files\\Google\\Chrome\\Application',
    'Google LLC',
    'Google Chrome',
    '131.0.6778.86',
    'Google Chrome',
    3_157_528,
  ),
  'msedge.exe': app(
    'msedge.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application',
    'Microsoft Corporation',
    'Microsoft Edge',
    '131.0.2903.70',
    'Microsoft Edge',
    4_203_064,
    'Microsoft',
  ),
  'msedgewebview2.exe': app(
    'msedgewebview2.exe',
    'C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\131.0.2903.70',
    'Microsoft Corporation',
    'Microsoft Edge WebView2',
    '131.0.2903.70',
    'Microsoft Edge WebView2',
    3_414_072,
    'Microsoft',
  ),
  'ms-teams.exe': app(
    'ms-teams.exe',
    'C:\\Program Files\\WindowsApps\\MSTeams_24335.206.3303.5120_x64__8wekyb3d8bbwe',
    'Microsoft Corporation',
    'Microsoft Teams',
    '24335.206.3303.5120',
    'Microsoft Teams',
    1_089_352,
    'Microsoft',
  ),
  'outlook.exe': app(
    'OUTLOOK.EXE',
    OFFICE,
    'Microsoft Corporation',
    'Microsoft Outlook',
    '16.0.18129.20116',
    'Microsoft Outlook',
    43_311_952,
    'Microsoft',
  ),
  'winword.exe': app(
    'WINWORD.EXE',
    OFFICE,
    'Microsoft Corporation',
    'Microsoft Office',
    '16.0.18129.20116',
    'Microsoft Word',
    1_629_528,
    'Microsoft',
  ),
  'excel.exe': app(
    'EXCEL.EXE',
    OFFICE,
    'Microsoft Corporation',
    'Microsoft Office',
    '16.0.18129.20116',
    'Microsoft Excel',
    66_891_128,
    'Microsoft',
  ),
  'onedrive.exe': app(
    'OneDrive.exe',
    'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive',
    'Microsoft Corporation',
    'Microsoft OneDrive',
    '24.226.1110.0004',
    'Microsoft OneDrive',
    3_582_512,
    'Microsoft',
  ),
  'code.exe': app(
    'Code.exe',
    'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code',
    'Microsoft Corporation',
    'Visual Studio Code',
    '1.95.3',
    'Visual Studio Code',
    164_412_472,
    'Microsoft',
  ),
  'git.exe': app(
    'git.exe',
    'C:\\Program Files\\Git\\cmd',
    'The Git Development Community',
    'Git',
    '2.47.0.2',
    'Git for Windows',
    45_632,
  ),
  'acrobat.exe': app(
    'Acrobat.exe',
    'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat',
    'Adobe Inc.',
    'Adobe Acrobat',
    '24.4.20272.0',
    'Adobe Acrobat',
    6_540_184,
  ),
  'sqlagent.exe': app(
    'SQLAGENT.EXE',
    'C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn',
    'Microsoft Corporation',
    'Microsoft SQL Server',
    '2022.160.4150.1',
    'SQLAGENT - SQL Server Agent',
    561_272,
    'Microsoft',
  ),
  'ccmexec.exe': app(
    'CcmExec.exe',
    CCM,
    'Microsoft Corporation',
    'Microsoft Configuration Manager',
    '5.0.9128.1000',
    'Host Process for Microsoft Configuration Manager',
    3_356_032,
    'Microsoft',
  ),
  'ccmsetup.exe': app(
    'ccmsetup.exe',
    'C:\\Windows\\ccmsetup',
    'Microsoft Corporation',
    'Microsoft Configuration Manager',
    '5.0.9128.1000',
    'Configuration Manager Client Setup Bootstrap',
    6_017_944,
    'Microsoft',
  ),
  'intunemanagementextension.exe': app(
    'IntuneManagementExtension.exe',
    IME,
    'Microsoft Corporation',
    'Microsoft Intune Management Extension',
    '1.85.102.0',
    'Microsoft Intune Management Extension',
    205_656,
    'Microsoft',
  ),
  'agentexecutor.exe': app(
    'AgentExecutor.exe',
    IME,
    'Microsoft Corporation',
    'Microsoft Intune Management Extension',
    '1.85.102.0',
    'AgentExecutor',
    41_304,
    'Microsoft',
  ),
  'prtg probe.exe': app(
    'PRTG Probe.exe',
    'C:\\Program Files (x86)\\PRTG Network Monitor',
    'Paessler AG',
    'PRTG Network Monitor',
    '24.4.102.1351',
    'PRTG Probe',
    21_547_408,
  ),
  'nscp.exe': app(
    'nscp.exe',
    'C:\\Program Files\\NSClient++',
    'MySolutions Nordic',
    'NSClient++',
    '0.5.2.35',
    'NSClient++ Monitoring Agent (Nagios)',
    1_214_976,
  ),
  'solarwinds.agent.service.exe': app(
    'SolarWinds.Agent.Service.exe',
    'C:\\Program Files (x86)\\SolarWinds\\Agent',
    'SolarWinds Worldwide, LLC',
    'SolarWinds Agent',
    '2024.2.0.1001',
    'SolarWinds Agent Service',
    38_752,
  ),
  'swjobengineworker2x64.exe': app(
    'SWJobEngineWorker2x64.exe',
    'C:\\Program Files (x86)\\SolarWinds\\Agent\\Plugins\\JobEngine',
    'SolarWinds Worldwide, LLC',
    'SolarWinds Job Engine',
    '2024.2.0.1001',
    'SolarWinds Job Engine Worker',
    27_488,
  ),
  'veeam.backup.service.exe': app(
    'Veeam.Backup.Service.exe',
    VEEAM,
    VEEAM_COMPANY,
    VEEAM_PRODUCT,
    '12.2.0.334',
    'Veeam Backup Service',
    2_196_288,
  ),
  'veeam.backup.manager.exe': app(
    'Veeam.Backup.Manager.exe',
    VEEAM,
    VEEAM_COMPANY,
    VEEAM_PRODUCT,
    '12.2.0.334',
    'Veeam Backup Manager',
    1_135_424,
  ),
  'veeamagent.exe': app(
    'VeeamAgent.exe',
    `${VEEAM}\\x64`,
    VEEAM_COMPANY,
    VEEAM_PRODUCT,
    '12.2.0.334',
    'Veeam Agent',
    41_823_040,
  ),
  'puttyng.exe': app(
    'PuTTYNG.exe',
    MREMOTENG_DIR,
    'Simon Tatham',
    'PuTTY suite',
    'Release 0.81',
    'SSH, Telnet and Rlogin client',
    1_623_552,
  ),
} satisfies Record<string, BinaryInfo>;

export type BinaryKey = keyof typeof catalog;

/** mRemoteNG builds as they appear in the wild: installer, portable zip, renamed nightly. */
export const mRemoteNgBuilds = {
  installed: app(
    'mRemoteNG.exe',
    MREMOTENG_DIR,
    'mRemoteNG',
    'mRemoteNG',
    '1.76.20.24615',
    'mRemoteNG - Multi-Remote Next Generation',
    9_427_456,
  ),
  installedLower: app(
    'mRemoteNG.exe',
    MREMOTENG_DIR,
    'Next Generation',
    'mremoteng',
    '1.76.19.24427',
    'Multi-Remote Next Generation Connection Manager',
    9_411_072,
  ),
  portable: app(
    'mRemoteNG.exe',
    'C:\\Users\\{user}\\Downloads\\mRemoteNG-Portable-1.76.20\\mRemoteNG-Portable-1.76.20',
    'mRemoteNG',
    'mRemoteNG Portable',
    '1.76.20.24615',
    'mRemoteNG - Multi-Remote Next Generation',
    9_427_456,
  ),
  upper: app(
    'mRemoteNG.exe',
    'C:\\Tools\\mRemoteNG',
    'Next Generation Software',
    'MREMOTENG',
    '1.77.3.2071',
    'MREMOTENG NIGHTLY BUILD',
    10_215_936,
  ),
  stagedPortable: {
    ...app(
      'mRemoteNG.exe',
      'C:\\ProgramData\\mrng',
      'mRemoteNG',
      'mRemoteNG Portable',
      '1.76.20.24615',
      'mRemoteNG - Multi-Remote Next Generation',
      9_427_456,
    ),
    signature: 'Unsigned',
    signer: 'Unknown',
  },
} satisfies Record<string, BinaryInfo>;

export type MRemoteNgBuild = keyof typeof mRemoteNgBuilds;

/** Look-alikes the seed's `has 'mRemoteNG'` must not match: the term differs, or is split. */
export const nearMissBuilds = {
  suffixed: app(
    'mRemoteNGx.exe',
    'C:\\Users\\{user}\\AppData\\Local\\Programs\\mRemoteNGx',
    'mRemoteNGx Project',
    'mRemoteNGx',
    '0.9.2.0',
    'mRemoteNGx connection manager fork',
    7_340_032,
  ),
  prefixed: app(
    'NotmRemoteNG.exe',
    'C:\\Program Files\\NotmRemoteNG',
    'Contoso Labs',
    'NotmRemoteNG',
    '2.1.0.0',
    'NotmRemoteNG session recorder',
    2_097_152,
  ),
  split: app(
    'mRemote.exe',
    'C:\\Program Files (x86)\\mRemote',
    'Felix Deimel',
    'mRemote NG',
    '1.50.0.0',
    'mRemote - Multi Remote',
    4_456_448,
  ),
} satisfies Record<string, BinaryInfo>;

export type NearMissBuild = keyof typeof nearMissBuilds;

export interface BinaryCatalog {
  /** An ordinary image by its key, or a build by `mremoteng:<build>` / `nearmiss:<build>`. */
  get(key: BinaryKey | `mremoteng:${MRemoteNgBuild}` | `nearmiss:${NearMissBuild}`): Binary;
  all(): Binary[];
}

/** Gives every image stable, seed-derived hashes, as a fleet running the same builds would show. */
export function createBinaryCatalog(seed: number): BinaryCatalog {
  const withHashes = (key: string, info: BinaryInfo): Binary => {
    const rng = createRng(seed, `binary:${key}`);
    return { ...info, sha1: rng.hex(40), sha256: rng.hex(64), md5: rng.hex(32) };
  };
  const binaries = new Map<string, Binary>();
  for (const [key, info] of Object.entries(catalog)) binaries.set(key, withHashes(key, info));
  for (const [key, info] of Object.entries(mRemoteNgBuilds))
    binaries.set(`mremoteng:${key}`, withHashes(`mremoteng:${key}`, info));
  for (const [key, info] of Object.entries(nearMissBuilds))
    binaries.set(`nearmiss:${key}`, withHashes(`nearmiss:${key}`, info));
  const lookup = (key: string): Binary => {
    const binary = binaries.get(key);
    if (!binary) throw new Error(`Unknown binary '${key}'`);
    return binary;
  };
  return {
    get: (key) => lookup(key),
    all: () => [...binaries.values()],
  };
}
