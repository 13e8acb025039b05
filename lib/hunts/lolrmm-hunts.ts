// Turns one LOLRMM tool's artefacts into plain catalog hunts, up to three: process launches by file name or
// original file name (DeviceProcessEvents), connections to its domains (DeviceNetworkEvents RemoteUrl), files
// signed by its publishers (DeviceFileCertificateInfo Signer). Each hunt is the starter catalog's shape, a time
// window, one filter and the same summarize, so a sweep can lift the filter out. Values enter KQL only through
// kqlString; the network pattern is built only from validated domain labels.
import { kqlString } from '@/lib/kql/literal';
import type { LolrmmArtefacts } from './lolrmm-artefacts';

/** The window of every generated hunt, as in the starter catalog. */
export const LOLRMM_LOOKBACK_MS = 5 * 86_400_000;

export type LolrmmHuntKind = 'createproc' | 'netconn' | 'filesig';

export interface LolrmmHuntText {
  kind: LolrmmHuntKind;
  id: string;
  name: string;
  description: string;
  table: string;
  query: string;
}

/**
 * The id part for a tool name: lower-case ASCII letters and digits joined by `-` (accents dropped); a name with
 * none of those (e.g. only CJK characters) gets a stable hash of the name instead.
 */
export function lolrmmSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug) return slug;
  let hash = 0x811c9dc5;
  for (const ch of name) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `tool-${hash.toString(16).padStart(8, '0')}`;
}

/** Domains hold only letters, digits, `_`, `-` and dots by the time they get here; the dot is the one to escape. */
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * RemoteUrl holds a bare host or a URL. The pattern reads an optional scheme and user, then the host, which must
 * end at the host's end (a port, a path, a query or the end of the value): `*.example.com` (in `domains`) is
 * example.com and every name under it at a dot, a plain entry (in `hosts`) only that host. So `notexample.com`
 * and `example.com.evil.net` do not match.
 */
export function remoteUrlPattern(hosts: readonly string[], domains: readonly string[]): string {
  const alternatives: string[] = [];
  if (domains.length) alternatives.push(`(?:[^./?#:@]+\\.)*(?:${domains.map(escapeRegex).join('|')})`);
  if (hosts.length) alternatives.push(`(?:${hosts.map(escapeRegex).join('|')})`);
  return `(?i)^(?:[a-z][a-z0-9+.-]*://)?(?:[^/?#@]*@)?(?:${alternatives.join('|')})\\.?(?::[0-9]*)?(?:[/?#]|$)`;
}

function query(table: string, filter: string): string {
  return [
    `let Time_start = now(-${LOLRMM_LOOKBACK_MS / 86_400_000}d);`,
    'let Time_end = now();',
    '//',
    table,
    '| where Timestamp between (Time_start..Time_end)',
    `| where ${filter}`,
    '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
    'Report=make_set(ReportId), Count=count() by DeviceId, DeviceName',
  ].join('\n');
}

const list = (values: readonly string[]) => `(${values.map(kqlString).join(', ')})`;
const SOURCE =
  'Generated from its LOLRMM entry (lolrmm.io) by the catalog import; remote access tools that intruders bring along (MITRE ATT&CK T1219).';

/** The hunts a tool's artefacts give, in the order process, network, signer; `idBase` is `lolrmm-<slug>`. */
export function lolrmmHuntTexts(artefacts: LolrmmArtefacts, idBase: string): LolrmmHuntText[] {
  const tool = artefacts.name;
  const hunts: LolrmmHuntText[] = [];
  const { executables, hosts, domains, signers } = artefacts;
  if (executables.length) {
    const names = list(executables);
    hunts.push({
      kind: 'createproc',
      id: `${idBase}-createproc`,
      name: `RMM tool - ${tool} - process launches (LOLRMM)`,
      description: `${tool} started on a device: a process whose file name or original file name (so a renamed copy is still found) is ${executables.join(', ')}.\n${SOURCE}`,
      table: 'DeviceProcessEvents',
      query: query(
        'DeviceProcessEvents',
        `FileName in~ ${names} or ProcessVersionInfoOriginalFileName in~ ${names}`,
      ),
    });
  }
  if (hosts.length || domains.length) {
    const shown = [...domains.map((d) => `*.${d}`), ...hosts].join(', ');
    hunts.push({
      kind: 'netconn',
      id: `${idBase}-netconn`,
      name: `RMM tool - ${tool} - network connections (LOLRMM)`,
      description: `A device reached ${tool}'s service: ${shown} (a *. entry also matches the domain itself).\n${SOURCE}`,
      table: 'DeviceNetworkEvents',
      // `has_any` (each name as whole terms) is a superset of the pattern that is cheap to test, so only the few
      // rows that pass it pay for the pattern; a sweep ORs hundreds of these filters on every row.
      query: query(
        'DeviceNetworkEvents',
        `RemoteUrl has_any ${list([...domains, ...hosts])} and RemoteUrl matches regex ${kqlString(remoteUrlPattern(hosts, domains))}`,
      ),
    });
  }
  if (signers.length) {
    hunts.push({
      kind: 'filesig',
      id: `${idBase}-filesig`,
      name: `RMM tool - ${tool} - file signer (LOLRMM)`,
      description: `A file signed by ${tool}'s publisher was seen on a device: ${signers.join('; ')}.\n${SOURCE}`,
      table: 'DeviceFileCertificateInfo',
      query: query('DeviceFileCertificateInfo', `Signer in~ ${list(signers)}`),
    });
  }
  return hunts;
}
