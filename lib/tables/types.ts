// The shape of a Defender advanced hunting table as Huntboard knows it: columns with their Kusto types, and
// what each layer needs to know about the table (evidence columns, fields exclusions may test, signal facts).

/** The Kusto scalar types the Defender tables use. */
export type KustoType = 'string' | 'long' | 'int' | 'bool' | 'datetime' | 'dynamic';

export interface ColumnDef {
  name: string;
  type: KustoType;
}

export interface TableDef {
  /** The table's name in Defender advanced hunting, Sentinel and an Azure Data Explorer export. */
  name: string;
  /** A short noun for people: "process", "network", "file signer". */
  label: string;
  /** Defender XDR advanced hunting's columns, in its order. */
  columns: readonly ColumnDef[];
  /** The columns of Sentinel's copy (Microsoft Defender XDR connector): see sentinelVariant(). */
  sentinelColumns: readonly ColumnDef[];
  /** The columns a triager decides from, in the order the evidence panel shows them. */
  evidenceColumns: readonly string[];
  /**
   * The images of an event's process chain, oldest first (grandparent → parent → process): evidence columns that
   * the panel shows as one chain. Absent for a table without a process (file signers).
   */
  processChain?: readonly string[];
  /** Columns custom exclusions may test: the table's string columns. */
  exclusionFields: readonly string[];
  /** Where the table keeps the facts the why-flagged signals read (lib/signals); a fact it lacks is absent. */
  signalFacts: SignalFactColumns;
}

/**
 * The columns behind each signal fact, about the hunt's subject (the process a row is about: the created process
 * in process events, the initiating process in network events).
 */
export interface SignalFactColumns {
  /** The image that started the subject. */
  parent?: string;
  /** The parent's command line. */
  parentCommandLine?: string;
  /** The account the subject ran as: domain and name. */
  accountDomain?: string;
  accountName?: string;
  /** The subject's image path. */
  folder?: string;
  /** The subject's file name on disk and the original file name in its version information. */
  fileName?: string;
  originalFileName?: string;
}

export type SignalFact = keyof SignalFactColumns;

const ctor =
  (type: KustoType) =>
  (name: string): ColumnDef => ({ name, type });

export const s = ctor('string');
export const l = ctor('long');
export const i = ctor('int');
export const b = ctor('bool');
export const d = ctor('datetime');
export const j = ctor('dynamic');

/**
 * Sentinel's copy of a Defender table: the same columns with AdditionalFields (and any column Log Analytics
 * stores as text, listed in `asString`) retyped, plus the Log Analytics columns. Its queries filter on
 * TimeGenerated (lib/kql/table-rewrite.ts).
 */
export function sentinelVariant(
  columns: readonly ColumnDef[],
  { asString = [] }: { asString?: readonly string[] } = {},
): ColumnDef[] {
  return [
    ...columns.map((c) =>
      c.name === 'AdditionalFields'
        ? { name: c.name, type: 'dynamic' as const }
        : asString.includes(c.name)
          ? { name: c.name, type: 'string' as const }
          : c,
    ),
    d('TimeGenerated'),
    s('TenantId'),
    s('MachineGroup'),
    s('SourceSystem'),
    s('Type'),
  ];
}

/** Defines a table: Sentinel columns derived, exclusion fields are the string columns, evidence checked. */
export function defineTable(
  def: Omit<TableDef, 'sentinelColumns' | 'exclusionFields' | 'signalFacts'> & {
    sentinelAsString?: readonly string[];
    signalFacts?: SignalFactColumns;
  },
): TableDef {
  const names = new Set(def.columns.map((c) => c.name));
  for (const name of [...def.evidenceColumns, ...Object.values(def.signalFacts ?? {})]) {
    if (!names.has(name)) throw new Error(`${name} is not a ${def.name} column`);
  }
  for (const name of def.processChain ?? []) {
    if (!def.evidenceColumns.includes(name)) throw new Error(`${name} is not a ${def.name} evidence column`);
  }
  const { sentinelAsString, signalFacts = {}, ...rest } = def;
  return {
    ...rest,
    signalFacts,
    sentinelColumns: sentinelVariant(def.columns, { asString: sentinelAsString }),
    exclusionFields: def.columns.filter((c) => c.type === 'string').map((c) => c.name),
  };
}
