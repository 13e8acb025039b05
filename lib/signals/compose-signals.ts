// The one query behind a run's why-flagged signals: the hunt's own event stage (its exclusions applied) over the
// last SIGNAL_HISTORY_DAYS, summarized by device into the facts (as capped sets) and the count of window events
// that carry each per-event signal. Everything it names comes from the table registry and the constants in
// definitions.ts; the hunt's text and the exclusions go through composeHunt, which checks them.
import { composeHunt } from '@/lib/kql/compose';
import { kqlString, kqlTimespan } from '@/lib/kql/literal';
import type { SignalFactColumns, TableDef } from '@/lib/tables/types';
import {
  FACT_SET_CAP,
  FLEET_ACCOUNT_CAP,
  SHELL_LIKE_PARENTS,
  SIGNAL_HISTORY_DAYS,
  type SignalId,
  signalsFor,
  USER_WRITABLE_PATH_PARTS,
} from './definitions';

const DAY_MS = 86_400_000;

/** The output columns of the signals query. */
export const SIGNAL_COLUMNS = {
  firstEvent: 'FirstEvent',
  windowEvents: 'WindowEvents',
  parents: 'Parents',
  parentCommandLines: 'ParentCommandLines',
  accounts: 'Accounts',
  fleetAccounts: 'FleetAccounts',
  folders: 'Folders',
  fileNames: 'FileNames',
  originalFileNames: 'OriginalFileNames',
} as const;

/** The column counting a per-event signal's window events. */
export const EVENT_SIGNAL_COLUMNS: Partial<Record<SignalId, string>> = {
  'shell-parent': 'ShellParentEvents',
  'user-writable-path': 'UserWritableEvents',
  'renamed-binary': 'RenamedEvents',
};

export interface SignalsQuery {
  kql: string;
  /** The signals this hunt's table supports and this query decides. */
  signals: SignalId[];
  /** The facts the table has. */
  facts: SignalFactColumns;
  /** The hunt's window and how far back the query reads, in milliseconds. */
  windowMs: number;
  historyMs: number;
}

export interface ComposeSignalsOptions {
  /** The hunt's main table (lib/tables mainTable); undefined gives no signals but still the device facts. */
  table: TableDef | undefined;
  lookbackMs?: number;
  exclusions?: readonly string[];
}

/** The signals query of a hunt run; see the module comment. */
export function composeSignals(huntKql: string, options: ComposeSignalsOptions): SignalsQuery {
  const { table } = options;
  const windowMs = composeHunt(huntKql, { lookbackMs: options.lookbackMs }).lookbackMs;
  const historyMs = Math.max(windowMs, SIGNAL_HISTORY_DAYS * DAY_MS);
  const { events } = composeHunt(huntKql, { lookbackMs: historyMs, exclusions: options.exclusions });
  const facts = table?.signalFacts ?? {};
  const signals = signalsFor(table)
    .map((s) => s.id)
    // With no time before the window, every device would be new.
    .filter((id) => id !== 'new-device' || historyMs > windowMs);

  const inWindow = `Timestamp >= now(-${kqlTimespan(windowMs)})`;
  const list = (values: readonly string[]) => values.map(kqlString).join(', ');
  const account =
    facts.accountName === undefined
      ? undefined
      : facts.accountDomain === undefined
        ? facts.accountName
        : `strcat(${facts.accountDomain}, '\\\\', ${facts.accountName})`;
  const C = SIGNAL_COLUMNS;
  const aggregates = [`${C.firstEvent}=min(Timestamp)`, `${C.windowEvents}=countif(${inWindow})`];
  const countIf = (id: SignalId, predicate: string) => {
    if (signals.includes(id))
      aggregates.push(`${EVENT_SIGNAL_COLUMNS[id]}=countif(${inWindow} and (${predicate}))`);
  };
  if (facts.parent) countIf('shell-parent', `${facts.parent} in~ (${list(SHELL_LIKE_PARENTS)})`);
  if (facts.folder) {
    const folder = facts.folder;
    countIf(
      'user-writable-path',
      USER_WRITABLE_PATH_PARTS.map((p) => `${folder} contains ${kqlString(p)}`).join(' or '),
    );
  }
  if (facts.fileName && facts.originalFileName)
    countIf(
      'renamed-binary',
      `isnotempty(${facts.originalFileName}) and ${facts.fileName} !~ ${facts.originalFileName}`,
    );
  const set = (name: string, column: string | undefined, condition = inWindow) => {
    if (column !== undefined)
      aggregates.push(`${name}=make_set_if(${column}, ${condition}, ${FACT_SET_CAP})`);
  };
  set(C.parents, facts.parent);
  set(C.parentCommandLines, facts.parentCommandLine);
  if (account !== undefined && facts.accountName !== undefined) {
    const named = `isnotempty(${facts.accountName})`;
    set(C.accounts, account, `${inWindow} and ${named}`);
    aggregates.push(`${C.fleetAccounts}=make_set_if(${account}, ${named}, ${FLEET_ACCOUNT_CAP})`);
  }
  set(C.folders, facts.folder);
  set(C.fileNames, facts.fileName);
  set(C.originalFileNames, facts.originalFileName);

  return {
    kql: `${events}\n| summarize ${aggregates.join(',\n    ')}\n    by DeviceId`,
    signals,
    facts,
    windowMs,
    historyMs,
  };
}
