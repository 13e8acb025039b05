// What one LOLRMM tool entry (magicsword-io/LOLRMM: a `yaml/<tool>.yaml` file, or one element of the site's
// `rmm_tools.json` export) says a tool leaves behind: its process file names, its domains and its code-signing
// signers, each entry either used or skipped with the reason. Only the fields read here are validated; LOLRMM's
// other fields are its own business. Rules and their reasons: docs/catalog.md, "LOLRMM".
import { z } from 'zod';
import { TOO_BROAD_DOMAINS, TOO_BROAD_EXECUTABLES, TOO_BROAD_SIGNERS } from './lolrmm-too-broad';

/**
 * Per tool, at most this many of each artefact go into its hunts (the rest are reported), so that a hunt's query
 * stays a few kilobytes whatever a file lists. The published files have at most 38 names, 19 domains, 4 signers.
 */
export const LOLRMM_LIMITS = { executables: 200, domains: 200, signers: 50 } as const;

/** A field path inside the tool entry, for the line and column of what it says about that field. */
export type FieldPath = readonly (string | number)[];

export interface SkippedArtefact {
  kind: 'executable' | 'domain' | 'signer';
  path: FieldPath;
  value: string;
  reason: string;
}

export interface LolrmmArtefacts {
  name: string;
  /** Process file names, first spelling kept, unique case-insensitively. */
  executables: string[];
  /** Lower-case hosts matched exactly. */
  hosts: string[];
  /** Lower-case domains matched with every subdomain (from `*.example.com`). */
  domains: string[];
  /** Signer names, unique case-insensitively. */
  signers: string[];
  skipped: SkippedArtefact[];
}

const text = z.string().nullish();
const list = <T extends z.ZodType>(item: T) => z.array(item.nullable()).nullish();
const peEntry = z.looseObject({ Filename: text, OriginalFileName: text });
const installationPaths = list(z.string());

/** The fields of a tool entry that the import reads; everything else passes through unchecked. */
export const lolrmmToolSchema = z.looseObject({
  Name: z.string().trim().min(1, 'must not be empty'),
  InstallationPaths: installationPaths,
  Details: z
    .looseObject({
      PEMetadata: z.union([peEntry, z.array(peEntry.nullable())]).nullish(),
      InstallationPaths: installationPaths,
    })
    .nullish(),
  Artifacts: z
    .looseObject({
      InstallationPaths: installationPaths,
      Network: list(z.looseObject({ Domains: list(z.string()) })),
    })
    .nullish(),
  CodeSigning: z
    .looseObject({
      certificates: list(z.looseObject({ signer_name: text })),
      signer_names: list(z.string()),
    })
    .nullish(),
});
export type LolrmmTool = z.infer<typeof lolrmmToolSchema>;

/** A LOLRMM tool entry is recognised by its shape: a `Name` beside `Details` or `Artifacts`, and no hunt `query`. */
export function isLolrmmTool(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return 'Name' in value && ('Details' in value || 'Artifacts' in value) && !('query' in value);
}

/** The site's export: an array holding tool entries. */
export function isLolrmmExport(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.some(isLolrmmTool);
}

// ------------------------------------------------------------------------------------------------------------
// Executable names

const EXECUTABLE = /^[^\\/:*?"<>|\p{Cc}]+\.exe$/iu;
const WILDCARD = /[*?]/;

function baseName(value: string): string {
  return value.slice(Math.max(value.lastIndexOf('\\'), value.lastIndexOf('/')) + 1);
}

/**
 * A PEMetadata name must be a process file name (`x.exe`, or a path ending in one); an installation path only
 * counts when it ends in one (most are folders or globs), and then a wildcard in that last part is reported.
 */
function executableOf(raw: string, fromPaths: boolean): { name?: string; reason?: string } {
  const base = baseName(raw.trim().replace(/^["']|["']$/g, '')).trim();
  if (!base) return fromPaths ? {} : { reason: 'not a file name' };
  const looksExecutable = /\.exe\*?$/i.test(base);
  if (WILDCARD.test(base))
    return looksExecutable || !fromPaths ? { reason: 'a file name pattern with a wildcard, not a name' } : {};
  if (!EXECUTABLE.test(base)) return fromPaths ? {} : { reason: 'not a Windows executable name (*.exe)' };
  const broad = TOO_BROAD_EXECUTABLES[base.toLowerCase()];
  if (broad) return { reason: `too broad to identify the tool: ${broad}` };
  return { name: base };
}

// ------------------------------------------------------------------------------------------------------------
// Domains

const PLACEHOLDER = /^(?:user[_ -]?managed|n\/?a|none|null|unknown|tbd|various|dynamic|custom|-+|\?+)$/i;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;

type DomainReading =
  | { kind: 'host' | 'domain'; value: string }
  | { kind: 'placeholder' }
  | { kind: 'skip'; reason: string };

function isDomain(value: string): boolean {
  const labels = value.split('.');
  return (
    labels.length >= 2 &&
    value.length <= 253 &&
    labels.every((l) => l.length <= 63 && LABEL.test(l)) &&
    /^(?:[a-z]{2,}|xn--[a-z0-9-]+)$/.test(labels[labels.length - 1] ?? '')
  );
}

function tooBroadDomain(domain: string): string | undefined {
  return TOO_BROAD_DOMAINS[domain];
}

/**
 * `*.example.com` is the domain and all its subdomains; a plain name is that host alone. Placeholders are
 * dropped; anything else that is not a plain domain (an address, a URL, a port, a pattern) is reported.
 */
export function readDomain(raw: string): DomainReading {
  const value = raw.trim().toLowerCase().replace(/\.$/, '');
  const bare = value.replace(/^\*\./, '');
  if (!value || PLACEHOLDER.test(bare) || /^<.*>$/.test(value)) return { kind: 'placeholder' };
  if (IPV4.test(value)) return { kind: 'skip', reason: 'an IP address or range, not a domain' };
  if (/\s/.test(value)) return { kind: 'skip', reason: 'free text, not a domain' };
  if (value.includes('://') || value.includes('/'))
    return { kind: 'skip', reason: 'a URL or path, not a domain' };
  if (/[[\](){}+\\^$|]/.test(value)) return { kind: 'skip', reason: 'a pattern, not a domain' };
  if (/:\d*$/.test(value)) return { kind: 'skip', reason: 'a host with a port, not a domain' };
  if (value.includes(':')) return { kind: 'skip', reason: 'an IPv6 address or malformed host, not a domain' };
  if (bare.includes('*'))
    return { kind: 'skip', reason: 'a wildcard inside a name; only a leading `*.` is understood' };
  if (!isDomain(bare)) return { kind: 'skip', reason: 'not a domain name' };
  const broad = tooBroadDomain(bare);
  if (broad) return { kind: 'skip', reason: `too broad to identify the tool: ${broad}` };
  return value.startsWith('*.') ? { kind: 'domain', value: bare } : { kind: 'host', value: bare };
}

// ------------------------------------------------------------------------------------------------------------
// Signers

function signerReason(name: string): string | undefined {
  if (name.endsWith('\\')) return 'a fragment of a signer name (it ends with a backslash)';
  if ((name.match(/\p{L}/gu) ?? []).length < 3 || name.startsWith('.')) return 'a fragment of a signer name';
  const broad = TOO_BROAD_SIGNERS[name.toLowerCase()];
  return broad ? `too broad to identify the tool: ${broad}` : undefined;
}

// ------------------------------------------------------------------------------------------------------------

/** Keeps the first of each value (case-insensitively) up to `limit`; the rest past the limit are reported. */
class Collector {
  readonly values: string[] = [];
  private readonly seen = new Set<string>();
  constructor(
    private readonly kind: SkippedArtefact['kind'],
    private readonly limit: number,
    private readonly skipped: SkippedArtefact[],
  ) {}
  add(value: string, path: FieldPath): void {
    const key = value.toLowerCase();
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.values.length >= this.limit) {
      const reason = `more than ${this.limit} ${this.kind}s for one tool; only the first ${this.limit} are used`;
      this.skipped.push({ kind: this.kind, path, value, reason });
      return;
    }
    this.values.push(value);
  }
}

function entries<T>(items: readonly (T | null)[] | null | undefined): [T, number][] {
  return (items ?? []).flatMap((item, i) => (item === null ? [] : [[item, i] as [T, number]]));
}

/** The artefacts of a validated tool entry. */
export function lolrmmArtefacts(tool: LolrmmTool): LolrmmArtefacts {
  const skipped: SkippedArtefact[] = [];
  const executables = new Collector('executable', LOLRMM_LIMITS.executables, skipped);
  const skip = (kind: SkippedArtefact['kind'], path: FieldPath, value: string, reason: string) =>
    skipped.push({ kind, path, value, reason });

  const pe = tool.Details?.PEMetadata;
  const peItems: [z.infer<typeof peEntry>, FieldPath][] = Array.isArray(pe)
    ? entries(pe).map(([item, i]) => [item, ['Details', 'PEMetadata', i]])
    : pe
      ? [[pe, ['Details', 'PEMetadata']]]
      : [];
  for (const [item, at] of peItems) {
    for (const field of ['Filename', 'OriginalFileName'] as const) {
      const raw = item[field]?.trim();
      if (!raw) continue;
      const { name, reason } = executableOf(raw, false);
      if (name) executables.add(name, [...at, field]);
      else if (reason) skip('executable', [...at, field], raw, reason);
    }
  }
  const pathLists: [readonly (string | null)[] | null | undefined, FieldPath][] = [
    [tool.Details?.InstallationPaths, ['Details', 'InstallationPaths']],
    [tool.Artifacts?.InstallationPaths, ['Artifacts', 'InstallationPaths']],
    [tool.InstallationPaths, ['InstallationPaths']],
  ];
  for (const [paths, at] of pathLists) {
    for (const [raw, i] of entries(paths)) {
      const { name, reason } = executableOf(raw, true);
      if (name) executables.add(name, [...at, i]);
      else if (reason) skip('executable', [...at, i], raw, reason);
    }
  }

  const wildcards = new Collector('domain', LOLRMM_LIMITS.domains, skipped);
  const exact: [string, FieldPath][] = [];
  for (const [network, n] of entries(tool.Artifacts?.Network)) {
    for (const [raw, i] of entries(network.Domains)) {
      const at = ['Artifacts', 'Network', n, 'Domains', i];
      const reading = readDomain(raw);
      if (reading.kind === 'skip') skip('domain', at, raw, reading.reason);
      else if (reading.kind === 'domain') wildcards.add(reading.value, at);
      else if (reading.kind === 'host') exact.push([reading.value, at]);
    }
  }
  // A host under one of the tool's wildcards adds nothing to the hunt.
  const covered = (host: string) => wildcards.values.some((d) => host === d || host.endsWith(`.${d}`));
  const hosts = new Collector('domain', LOLRMM_LIMITS.domains - wildcards.values.length, skipped);
  for (const [host, at] of exact) if (!covered(host)) hosts.add(host, at);

  const signers = new Collector('signer', LOLRMM_LIMITS.signers, skipped);
  const signerEntries: [string, FieldPath][] = [
    ...entries(tool.CodeSigning?.certificates).flatMap(([c, i]): [string, FieldPath][] =>
      c.signer_name ? [[c.signer_name, ['CodeSigning', 'certificates', i, 'signer_name']]] : [],
    ),
    ...entries(tool.CodeSigning?.signer_names).map(([s, i]): [string, FieldPath] => [
      s,
      ['CodeSigning', 'signer_names', i],
    ]),
  ];
  for (const [raw, at] of signerEntries) {
    const name = raw.trim();
    if (!name) continue;
    const reason = signerReason(name);
    if (reason) skip('signer', at, raw, reason);
    else signers.add(name, at);
  }

  // The same skipped value is reported once per field path, not once per repetition of the reason.
  const unique = new Map(skipped.map((s) => [`${s.kind}\u0000${s.value.toLowerCase()}\u0000${s.reason}`, s]));
  return {
    name: tool.Name,
    executables: executables.values,
    hosts: hosts.values,
    domains: wildcards.values,
    signers: signers.values,
    skipped: [...unique.values()],
  };
}
