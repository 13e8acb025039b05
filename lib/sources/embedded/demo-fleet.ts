// The demo fleet: devices across a few domains, their users, IT admins and service accounts.
import { createRng, type Rng } from './prng';

export type DeviceKind = 'workstation' | 'laptop' | 'server';

/** Which mix of ordinary processes a device runs. */
export const NOISE_PROFILES = ['client', 'server', 'veeam', 'monitoring', 'configmgr', 'rds'] as const;
export type NoiseProfile = (typeof NOISE_PROFILES)[number];

export type AccountKind = 'user' | 'admin' | 'service' | 'system' | 'localService' | 'networkService';

export interface Account {
  domain: string;
  name: string;
  sid: string;
  upn: string;
  objectId: string;
  /** Interactive accounts get a fresh logon session every day; this is the first one. */
  logonId: number;
}

export interface DemoDevice {
  index: number;
  deviceId: string;
  /** Defender reports the lower-case FQDN. */
  deviceName: string;
  /** The host part, e.g. "ws-0142" or "srv-db02". */
  hostName: string;
  kind: DeviceKind;
  /** Server role ("db", "veeam", ...); "client" for workstations and laptops. */
  role: string;
  profile: NoiseProfile;
  accounts: Record<AccountKind, Account>;
  /** Relative share of the fleet's ordinary process events. */
  weight: number;
  /** The device's owner is on the IT team (mRemoteNG is an admin tool, so most legitimate use is here). */
  itAdmin: boolean;
}

export interface DemoFleet {
  devices: DemoDevice[];
  /** Host names of servers, for command lines that reach out to another machine. */
  serverHostNames: string[];
}

interface Domain {
  fqdn: string;
  netbios: string;
  upnSuffix: string;
  sid: string;
}

const WELL_KNOWN: Record<'system' | 'localService' | 'networkService', Account> = {
  system: { domain: 'nt authority', name: 'system', sid: 'S-1-5-18', upn: '', objectId: '', logonId: 999 },
  localService: {
    domain: 'nt authority',
    name: 'local service',
    sid: 'S-1-5-19',
    upn: '',
    objectId: '',
    logonId: 997,
  },
  networkService: {
    domain: 'nt authority',
    name: 'network service',
    sid: 'S-1-5-20',
    upn: '',
    objectId: '',
    logonId: 996,
  },
};

const FIRST_NAMES = (
  'james mary robert patricia john jennifer michael linda david elizabeth william barbara richard ' +
  'susan joseph jessica thomas sarah charles karen daniel nancy matthew lisa anthony betty mark ' +
  'sandra paul ashley steven kimberly andrew emily kenneth donna joshua michelle kevin carol brian ' +
  'amanda george melissa timothy deborah lukas sofia mateo chiara noah elena ahmed fatima wei mei ' +
  'arjun priya kenji yuki olga ivan ines joao'
).split(' ');
const LAST_NAMES = (
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez ' +
  'gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris ' +
  'sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill ' +
  'flores green adams nelson baker hall rivera campbell mitchell carter roberts muller schmidt ' +
  'rossi dubois novak kowalski tanaka sato chen wang patel singh'
).split(' ');

/** Server roles with their share of servers and the service account their jobs run under. */
const SERVER_ROLES: readonly { role: string; weight: number; profile: NoiseProfile; service: string }[] = [
  { role: 'dc', weight: 8, profile: 'server', service: 'svc-adsync' },
  { role: 'db', weight: 10, profile: 'server', service: 'svc-sql' },
  { role: 'sql', weight: 6, profile: 'server', service: 'svc-sql' },
  { role: 'fs', weight: 10, profile: 'server', service: 'svc-dfs' },
  { role: 'app', weight: 16, profile: 'server', service: 'svc-app' },
  { role: 'web', weight: 10, profile: 'server', service: 'svc-iis' },
  { role: 'print', weight: 4, profile: 'server', service: 'svc-print' },
  { role: 'exch', weight: 3, profile: 'server', service: 'svc-exchange' },
  { role: 'rds', weight: 6, profile: 'rds', service: 'svc-rds' },
  { role: 'jump', weight: 5, profile: 'rds', service: 'svc-rds' },
  { role: 'veeam', weight: 6, profile: 'veeam', service: 'svc-veeam' },
  { role: 'bkp', weight: 3, profile: 'veeam', service: 'svc-veeam' },
  { role: 'prtg', weight: 3, profile: 'monitoring', service: 'svc-prtg' },
  { role: 'nagios', weight: 2, profile: 'monitoring', service: 'svc-nagios' },
  { role: 'mon', weight: 2, profile: 'monitoring', service: 'svc-solarwinds' },
  { role: 'sccm', weight: 3, profile: 'configmgr', service: 'svc-sccm' },
];

const LAPTOP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function domainSid(rng: Rng): string {
  return `S-1-5-21-${rng.between(1_000_000_000, 4_294_967_295)}-${rng.between(1_000_000_000, 4_294_967_295)}-${rng.between(100_000_000, 4_294_967_295)}`;
}

export function createFleet(seed: number, deviceCount: number): DemoFleet {
  const rng = createRng(seed, 'fleet');
  const domains: Domain[] = [
    { fqdn: 'corp.contoso.com', netbios: 'contoso', upnSuffix: 'contoso.com', sid: domainSid(rng) },
    { fqdn: 'emea.contoso.com', netbios: 'emea', upnSuffix: 'contoso.com', sid: domainSid(rng) },
    { fqdn: 'fabrikam.local', netbios: 'fabrikam', upnSuffix: 'fabrikam.com', sid: domainSid(rng) },
  ];
  const domainWeights = (kind: DeviceKind): [Domain, number][] =>
    kind === 'server'
      ? [
          [domains[0] as Domain, 0.8],
          [domains[1] as Domain, 0.1],
          [domains[2] as Domain, 0.1],
        ]
      : [
          [domains[0] as Domain, 0.6],
          [domains[1] as Domain, 0.25],
          [domains[2] as Domain, 0.15],
        ];

  const nextRid = new Map<Domain, number>(domains.map((d) => [d, 1104]));
  const usedNames = new Set<string>();
  const account = (domain: Domain, name: string, upnLocal: string): Account => {
    let unique = name;
    let upn = upnLocal;
    for (let n = 2; usedNames.has(`${domain.netbios}\\${unique}`); n++) {
      unique = `${name}${n}`;
      upn = `${upnLocal}${n}`;
    }
    usedNames.add(`${domain.netbios}\\${unique}`);
    const rid = nextRid.get(domain) ?? 1104;
    nextRid.set(domain, rid + rng.between(1, 9));
    return {
      domain: domain.netbios,
      name: unique,
      sid: `${domain.sid}-${rid}`,
      upn: `${upn}@${domain.upnSuffix}`,
      objectId: rng.guid(),
      logonId: rng.between(100_000, 9_999_999),
    };
  };
  const person = (domain: Domain): Account => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    return account(domain, `${first[0]}${last}`, `${first}.${last}`);
  };

  // The IT team: their own accounts plus separate admin accounts, the pattern tiered admin models use.
  const itTeamSize = Math.max(4, Math.round(deviceCount * 0.012));
  const itTeam: { user: Account; admin: Account; domain: Domain }[] = [];
  for (let i = 0; i < itTeamSize; i++) {
    const domain = i % 4 === 3 ? (domains[1] as Domain) : (domains[0] as Domain);
    const user = person(domain);
    const admin = account(domain, `adm-${user.name}`, `adm-${user.name}`);
    itTeam.push({ user, admin, domain });
  }
  const serviceAccounts = new Map<string, Account>();
  const serviceAccount = (domain: Domain, name: string): Account => {
    const key = `${domain.netbios}\\${name}`;
    let found = serviceAccounts.get(key);
    if (!found) {
      found = account(domain, name, name);
      serviceAccounts.set(key, found);
    }
    return found;
  };

  const serverCount = Math.max(1, Math.round(deviceCount * 0.12));
  const laptopCount = Math.round((deviceCount - serverCount) * 0.38);
  const kinds: DeviceKind[] = [];
  for (let i = 0; i < deviceCount; i++) {
    kinds.push(i < serverCount ? 'server' : i < serverCount + laptopCount ? 'laptop' : 'workstation');
  }
  rng.shuffle(kinds);

  const devices: DemoDevice[] = [];
  const usedHosts = new Set<string>();
  const roleCounters = new Map<string, number>();
  let wsNumber = rng.between(10, 120);
  let itAssigned = 0;
  for (let index = 0; index < deviceCount; index++) {
    const kind = kinds[index] as DeviceKind;
    const domain = rng.weighted(domainWeights(kind));
    let hostName: string;
    let role = 'client';
    let profile: NoiseProfile = 'client';
    let serviceName = '';
    if (kind === 'server') {
      const r = rng.weighted(SERVER_ROLES.map((x) => [x, x.weight] as const));
      role = r.role;
      profile = r.profile;
      serviceName = r.service;
      const n = (roleCounters.get(role) ?? 0) + 1;
      roleCounters.set(role, n);
      hostName = `srv-${role}${String(n).padStart(2, '0')}`;
    } else if (kind === 'workstation') {
      wsNumber += rng.between(1, 3);
      hostName = `ws-${String(wsNumber).padStart(4, '0')}`;
    } else {
      do {
        let suffix = '';
        for (let k = 0; k < 7; k++) suffix += LAPTOP_ALPHABET[rng.int(LAPTOP_ALPHABET.length)];
        hostName = `laptop-${suffix.toLowerCase()}`;
      } while (usedHosts.has(hostName));
    }
    usedHosts.add(hostName);

    // IT staff sit on clients spread through the fleet; every server is run by one of them.
    const itMember =
      kind === 'server'
        ? rng.pick(itTeam)
        : itAssigned < itTeam.length && rng.chance((itTeam.length * 1.5) / deviceCount)
          ? itTeam[itAssigned++]
          : undefined;
    const owner = kind === 'server' ? undefined : (itMember?.user ?? person(domain));
    const admin = itMember?.admin ?? rng.pick(itTeam).admin;
    const accounts: Record<AccountKind, Account> = {
      user: owner ?? admin,
      admin,
      service: serviceName ? serviceAccount(domains[0] as Domain, serviceName) : WELL_KNOWN.system,
      ...WELL_KNOWN,
    };
    const busy = kind === 'server' ? (profile === 'rds' ? 2.5 : 1.4) : 1;
    devices.push({
      index,
      deviceId: rng.hex(40),
      deviceName: `${hostName}.${domain.fqdn}`,
      hostName,
      kind,
      role,
      profile,
      accounts,
      weight: Math.exp(0.6 * rng.normal()) * busy,
      itAdmin: kind !== 'server' && itMember !== undefined,
    });
  }
  const serverHostNames = devices.filter((d) => d.kind === 'server').map((d) => d.hostName);
  return { devices, serverHostNames: serverHostNames.length > 0 ? serverHostNames : ['srv-app01'] };
}
