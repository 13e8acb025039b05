// How the evidence panel lays out a device's events: when, then the process chain (grandparent → parent →
// process), the parent's command line and the account, then the table's other evidence columns (file, folder,
// …) in its order. The chain and the roles come from the table registry (processChain, signalFacts), so a table
// without a process (file signers) simply shows its own columns.
import type { EvidenceCell, EvidenceColumn, EvidenceEvent } from '@/lib/hunts/device-evidence-result';
import type { TableDef } from '@/lib/tables/types';

export type EvidenceDisplayColumn =
  | { kind: 'column'; key: string; label: string; title: string; column: EvidenceColumn }
  | {
      kind: 'chain';
      key: string;
      label: string;
      title: string;
      columns: readonly string[];
      steps: readonly string[];
    }
  | { kind: 'account'; key: string; label: string; title: string; domain: string; name: string };

const CHAIN_STEPS: Record<number, readonly string[]> = {
  2: ['parent', 'process'],
  3: ['grandparent', 'parent', 'process'],
};

/** The panel's columns for a table's evidence columns, in the order the module comment gives. */
export function evidenceLayout(
  table: Pick<TableDef, 'processChain' | 'signalFacts'> | undefined,
  columns: readonly EvidenceColumn[],
): EvidenceDisplayColumn[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const used = new Set<string>();
  const out: EvidenceDisplayColumn[] = [];
  const plain = (name: string, label = name) => {
    const column = byName.get(name);
    if (!column || used.has(name)) return;
    used.add(name);
    out.push({ kind: 'column', key: name, label, title: name, column });
  };

  plain('Timestamp', 'Time (UTC)');
  const chain = (table?.processChain ?? []).filter((name) => byName.has(name));
  if (chain.length >= 2) {
    for (const name of chain) used.add(name);
    out.push({
      kind: 'chain',
      key: 'chain',
      label: 'Process chain',
      title: chain.join(' → '),
      columns: chain,
      steps:
        CHAIN_STEPS[chain.length] ?? chain.map((_, i) => (i === chain.length - 1 ? 'process' : 'ancestor')),
    });
  }
  const facts = table?.signalFacts ?? {};
  if (facts.parent) plain(facts.parent, 'Parent');
  if (facts.parentCommandLine) plain(facts.parentCommandLine, 'Parent command line');
  const { accountDomain: domain, accountName: name } = facts;
  if (domain && name && byName.has(domain) && byName.has(name)) {
    used.add(domain);
    used.add(name);
    out.push({
      kind: 'account',
      key: 'account',
      label: 'Account',
      title: `${domain}\\${name}`,
      domain,
      name,
    });
  } else if (name) plain(name, 'Account');
  const roles = new Map<string, string>();
  if (facts.fileName) roles.set(facts.fileName, 'File');
  if (facts.folder) roles.set(facts.folder, 'Folder');
  if (facts.originalFileName) roles.set(facts.originalFileName, 'Original file name');
  for (const column of columns) plain(column.name, roles.get(column.name));
  return out;
}

const text = (value: EvidenceCell | undefined): string =>
  value === null || value === undefined ? '' : String(value);

/** An event's chain, oldest first, without the unknown ancestors before the first known image. */
export function chainOf(event: EvidenceEvent, columns: readonly string[]): { step: number; image: string }[] {
  const images = columns.map((name, step) => ({ step, image: text(event[name]) }));
  const first = images.findIndex((i) => i.image !== '');
  return first < 0 ? [] : images.slice(first);
}

/** `domain\name`, or whichever of the two is known. */
export function accountOf(event: EvidenceEvent, domain: string, name: string): string {
  const d = text(event[domain]);
  const n = text(event[name]);
  return d && n ? `${d}\\${n}` : n || d;
}
