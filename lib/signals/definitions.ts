// The why-flagged signals: what tells a device where an RMM tool is abused apart from one where IT runs it. Each
// signal is data: an id, a label and a one-line explanation for the analyst, and the table facts it needs
// (lib/tables, `signalFacts`); a table without those facts does not get the signal. docs/signals.md's tables are
// rendered from this data (signals-doc.ts) and a test keeps them equal.
import type { SignalFact, TableDef } from '@/lib/tables/types';

export const SIGNAL_IDS = [
  'shell-parent',
  'user-writable-path',
  'renamed-binary',
  'new-device',
  'unusual-account',
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

/**
 * Parents that mean a person or a document started the tool: shells, script hosts, browsers and Office
 * applications. Compared case-insensitively with the parent's image name.
 */
export const SHELL_LIKE_PARENTS: readonly string[] = [
  'cmd.exe',
  'powershell.exe',
  'pwsh.exe',
  'powershell_ise.exe',
  'wscript.exe',
  'cscript.exe',
  'mshta.exe',
  'chrome.exe',
  'msedge.exe',
  'firefox.exe',
  'iexplore.exe',
  'brave.exe',
  'opera.exe',
  'winword.exe',
  'excel.exe',
  'powerpnt.exe',
  'outlook.exe',
  'onenote.exe',
  'msaccess.exe',
];

/**
 * Parts of a path that put an image where any user (or any process) can write: a profile, AppData, ProgramData,
 * a Temp or Downloads folder. A path containing one of them, in either separator and any case, is user-writable.
 */
export const USER_WRITABLE_PATH_PARTS: readonly string[] = [
  ':\\Users\\',
  ':\\ProgramData\\',
  '\\AppData\\',
  '\\Temp\\',
  '\\Downloads\\',
].flatMap((part) => [part, part.replaceAll('\\', '/')]);

/** How far back the device and account facts look: Defender advanced hunting keeps 30 days. */
export const SIGNAL_HISTORY_DAYS = 30;
/** An account is unusual only next to one that runs the hunt's tool on at least this many devices. */
export const USUAL_ACCOUNT_DEVICES = 3;
/** At most this many values of each fact are kept per device (make_set's size). */
export const FACT_SET_CAP = 8;
/** At most this many accounts per device feed the fleet's usual accounts. */
export const FLEET_ACCOUNT_CAP = 32;

export interface SignalDefinition {
  id: SignalId;
  /** A few words for a chip: short, since a row shows up to five of them beside the device name. */
  label: string;
  /** One line for the analyst: what the signal means. */
  explanation: string;
  /** The table facts the signal reads; a table that lacks any of them does not get the signal. */
  needs: readonly SignalFact[];
  /** How it is decided, for docs/signals.md. */
  rule: string;
}

export const SIGNALS: readonly SignalDefinition[] = [
  {
    id: 'shell-parent',
    label: 'Shell parent',
    explanation:
      'Started by a shell, script host, browser or Office application rather than by a service or installer.',
    needs: ['parent'],
    rule: `An event in the window whose parent image is one of: ${SHELL_LIKE_PARENTS.join(', ')} (any case).`,
  },
  {
    id: 'user-writable-path',
    label: 'Writable path',
    explanation: 'Ran from a folder any user can write to (Users, AppData, ProgramData, Temp, Downloads).',
    needs: ['folder'],
    rule: `An event in the window whose image path contains one of: ${USER_WRITABLE_PATH_PARTS.map((p) => `\`${p}\``).join(', ')} (any case).`,
  },
  {
    id: 'renamed-binary',
    label: 'Renamed',
    explanation:
      'Its file name differs from the original name in its version information: renamed or repackaged.',
    needs: ['fileName', 'originalFileName'],
    rule: 'An event in the window whose original file name is known (not empty) and differs from its file name, ignoring case.',
  },
  {
    id: 'new-device',
    label: 'New device',
    explanation: `First seen in this window: no matching event on the device in the ${SIGNAL_HISTORY_DAYS} days before it.`,
    needs: [],
    rule:
      `The device's first event of the hunt (its event stage and exclusions, over the last ${SIGNAL_HISTORY_DAYS} days) ` +
      `falls inside the window. Not decided when the window is ${SIGNAL_HISTORY_DAYS} days or longer: there is no before.`,
  },
  {
    id: 'unusual-account',
    label: 'Rare account',
    explanation: `Run by an account that runs it on no other device, while the usual account runs it on ${USUAL_ACCOUNT_DEVICES} or more.`,
    needs: ['accountName'],
    rule:
      `An account (domain\\name) seen on the device in the window and, over the last ${SIGNAL_HISTORY_DAYS} days of the ` +
      `hunt's events, on no other device, while the hunt's most widespread account is seen on ${USUAL_ACCOUNT_DEVICES} ` +
      `devices or more. At most ${FLEET_ACCOUNT_CAP} accounts per device enter the count and ${FACT_SET_CAP} are checked.`,
  },
];

const byId = new Map(SIGNALS.map((s) => [s.id, s]));

export function signalDefinition(id: SignalId): SignalDefinition {
  return byId.get(id) as SignalDefinition;
}

/** The signals a table's facts support, in SIGNALS' order. */
export function signalsFor(table: TableDef | undefined): SignalDefinition[] {
  if (!table) return [];
  return SIGNALS.filter((s) => s.needs.every((fact) => table.signalFacts[fact] !== undefined));
}

/** Whether a parent image name is a shell, script host, browser or Office application. */
export function isShellLikeParent(fileName: string): boolean {
  return SHELL_LIKE_LOWER.has(fileName.toLowerCase());
}

const SHELL_LIKE_LOWER = new Set(SHELL_LIKE_PARENTS.map((p) => p.toLowerCase()));
