// The optional columns of the devices table: every field a run's device rows carry beyond the fixed columns
// (the keys the hunt summarizes by, the device id) and the facts behind the why-flagged signals that the hunt's
// table has (lib/tables signalFacts). What each shows and how it reads come from the run and the table registry,
// so a hunt that groups by another key or a table with other facts needs no code here.
import { formatUtcMinute } from '@/components/ui/format';
import type { DeviceSignalFacts, ExtraKeyValue, HuntDevice, HuntRun } from '@/lib/hunts/hunt-run';
import { SIGNAL_HISTORY_DAYS } from '@/lib/signals/definitions';
import { findColumn, mainTable } from '@/lib/tables/registry';
import type { KustoType, SignalFact } from '@/lib/tables/types';

/** How a field's values read: text, numbers (right-aligned), or instants (UTC with a relative hint). */
export type DeviceFieldKind = 'text' | 'number' | 'time';

export const FIELD_GROUPS = { hunt: 'Hunt output', signals: 'Signal facts' } as const;

export interface DeviceField {
  /** The column id: `hunt:<key>` or `signal:<fact>`; stable across runs of a hunt, so a choice can be kept. */
  id: string;
  label: string;
  group: (typeof FIELD_GROUPS)[keyof typeof FIELD_GROUPS];
  kind: DeviceFieldKind;
  /** Command lines and paths read better in a monospace font. */
  mono: boolean;
  /** The device's values: a set, possibly empty. */
  values: (device: HuntDevice) => readonly ExtraKeyValue[];
}

type FactKey = keyof Omit<DeviceSignalFacts, 'ids' | 'firstEvent'>;

/** The signal facts in the order the evidence panel lists them, with the table fact each one reads. */
export const SIGNAL_FACT_FIELDS: readonly { key: FactKey; fact: SignalFact; label: string }[] = [
  { key: 'parents', fact: 'parent', label: 'Parents' },
  { key: 'parentCommandLines', fact: 'parentCommandLine', label: 'Parent command lines' },
  { key: 'accounts', fact: 'accountName', label: 'Accounts' },
  { key: 'folders', fact: 'folder', label: 'Folders' },
  { key: 'fileNames', fact: 'fileName', label: 'File names' },
  { key: 'originalFileNames', fact: 'originalFileName', label: 'Original file names' },
];

const NONE: readonly ExtraKeyValue[] = [];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MONO_NAME = /(CommandLine|FolderPath|FileName|Path|SHA1|SHA256|MD5|Id)$/;

function kindOf(type: KustoType | undefined, samples: readonly ExtraKeyValue[]): DeviceFieldKind {
  if (type === 'datetime') return 'time';
  if (type === 'long' || type === 'int') return 'number';
  if (type !== undefined) return 'text';
  // A computed key (e.g. `Day=bin(Timestamp, 1d)`) is not in the schema: read it from its values.
  if (samples.length > 0 && samples.every((v) => typeof v === 'string' && ISO_INSTANT.test(v))) return 'time';
  if (samples.length > 0 && samples.every((v) => typeof v === 'number')) return 'number';
  return 'text';
}

/** The optional columns of a run, hunt output first, then the signal facts its table has. */
export function deviceFields(run: Pick<HuntRun, 'hunt' | 'devices' | 'signals'>): DeviceField[] {
  const table = mainTable(run.hunt.tables);
  const keys = new Set<string>();
  for (const device of run.devices) for (const key of Object.keys(device.extra ?? {})) keys.add(key);
  const fields: DeviceField[] = [
    {
      id: 'hunt:DeviceId',
      label: 'Device ID',
      group: FIELD_GROUPS.hunt,
      kind: 'text',
      mono: true,
      values: (device) => [device.deviceId],
    },
  ];
  for (const key of [...keys].sort()) {
    const samples = run.devices.flatMap((device) => device.extra?.[key] ?? NONE).slice(0, 50);
    const type = table ? findColumn(table.name, key)?.type : undefined;
    fields.push({
      id: `hunt:${key}`,
      label: key,
      group: FIELD_GROUPS.hunt,
      kind: kindOf(type, samples),
      mono: MONO_NAME.test(key),
      values: (device) => device.extra?.[key] ?? NONE,
    });
  }
  // Facts exist only where the run computed signals and the hunt's table keeps them.
  if (!run.signals || !table) return fields;
  for (const { key, fact, label } of SIGNAL_FACT_FIELDS) {
    if (table.signalFacts[fact] === undefined) continue;
    fields.push({
      id: `signal:${key}`,
      label,
      group: FIELD_GROUPS.signals,
      kind: 'text',
      mono: key !== 'accounts',
      values: (device) => device.signals?.[key] ?? NONE,
    });
  }
  fields.push({
    id: 'signal:firstEvent',
    label: `First event (${SIGNAL_HISTORY_DAYS} days)`,
    group: FIELD_GROUPS.signals,
    kind: 'time',
    mono: false,
    values: (device) => (device.signals?.firstEvent ? [device.signals.firstEvent] : NONE),
  });
  return fields;
}

/** An instant as a time cell reads, "2026-11-28 14:03 UTC"; for a UTC ISO instant, by slicing, not parsing. */
function minuteText(value: ExtraKeyValue): string {
  if (typeof value === 'string' && ISO_INSTANT.test(value))
    return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
  return `${formatUtcMinute(typeof value === 'boolean' ? Number.NaN : value)} UTC`;
}

/**
 * What a field's cell shows as text: the values joined by commas, instants as "2026-11-28 14:03 UTC". The filter
 * reads it for every row when the column is shown, and most sets hold one value.
 */
export function fieldText(field: Pick<DeviceField, 'kind'>, values: readonly ExtraKeyValue[]): string {
  if (values.length === 0) return '';
  if (field.kind === 'time')
    return values.length === 1 ? minuteText(values[0] as ExtraKeyValue) : values.map(minuteText).join(', ');
  return values.length === 1 ? String(values[0]) : values.map(String).join(', ');
}

/**
 * What a field's column sorts by: its first value, as the cell shows it first (text folded, numbers and instants
 * as numbers). A device without a value sorts before every value, as an empty text does in the fixed columns.
 */
export function fieldSortKey(
  field: Pick<DeviceField, 'kind'>,
  values: readonly ExtraKeyValue[],
): number | string {
  const first = values[0];
  if (field.kind === 'text') return first === undefined ? '' : String(first).toLowerCase();
  if (first === undefined || typeof first === 'boolean') return Number.NEGATIVE_INFINITY;
  // Longs beyond 2^53 travel as text: Number keeps their order, if not their last digits.
  const key = field.kind === 'time' ? Date.parse(String(first)) : Number(first);
  return Number.isNaN(key) ? Number.NEGATIVE_INFINITY : key;
}

/** Whether a column id names an optional field (hidden unless a person shows it). */
export function isFieldColumnId(id: string): boolean {
  return id.startsWith('hunt:') || id.startsWith('signal:');
}
