// The tables of docs/signals.md, rendered from the signal definitions and the table registry, so the documented
// list cannot drift from the one the code uses (signals-doc.test.ts compares them).
import { TABLES } from '@/lib/tables/registry';
import type { SignalFact } from '@/lib/tables/types';
import { SIGNALS, signalsFor } from './definitions';

const cell = (text: string) => text.replaceAll('|', '\\|');

/** One row per signal: id, label, what it means, the rule, the facts it reads. */
export function signalsTable(): string {
  const lines = [
    '| Id | Label | What it means | Rule | Facts |',
    '| --- | --- | --- | --- | --- |',
    ...SIGNALS.map(
      (s) =>
        `| \`${s.id}\` | ${s.label} | ${cell(s.explanation)} | ${cell(s.rule)} | ${s.needs.length ? s.needs.join(', ') : 'Timestamp, DeviceId'} |`,
    ),
  ];
  return lines.join('\n');
}

const FACTS: readonly SignalFact[] = [
  'parent',
  'parentCommandLine',
  'accountDomain',
  'accountName',
  'folder',
  'fileName',
  'originalFileName',
];

/** One row per table: the column behind each fact (— where it has none) and the signals that apply. */
export function tablesTable(): string {
  const lines = [
    `| Table | ${FACTS.join(' | ')} | Signals |`,
    `| --- | ${FACTS.map(() => '---').join(' | ')} | --- |`,
    ...TABLES.map((t) => {
      const facts = FACTS.map((f) => (t.signalFacts[f] ? `\`${t.signalFacts[f]}\`` : '—'));
      const signals = signalsFor(t).map((s) => `\`${s.id}\``);
      return `| ${t.name} | ${facts.join(' | ')} | ${signals.join(', ')} |`;
    }),
  ];
  return lines.join('\n');
}
