// The devices view as URL search params, so a link or a reload reproduces it, declared once as a parser map
// (`deviceViewParsers`) that the page's hook, the reader and the writer below all use:
//   hunt=<id>  lookback=5d  sort=lastSeen.desc (default: signals.desc; a field column: sort=signal:accounts.asc)
//   q=<filter text>
//   hide=parent,count (the hidden columns; absent: DEFAULT_HIDDEN; `hide=` shows every column)
//   exclude=admin-scripts,veeam-backup (the hunt's exclusion rules switched on)
//   view=all (default: Needs review)  verdict=suspicious,malicious  device=<id> (the evidence panel)
// Defaults are left out of the URL; anything unrecognised is ignored rather than trusted.
import { createLoader, createParser, createSerializer, parseAsStringLiteral } from 'nuqs';
import {
  parseAsExclusionIds,
  parseAsFilterText,
  parseAsHuntId,
  parseAsList,
  parseAsLookback,
  parseAsSort,
  parseId,
  parseLookback,
} from '@/components/url-state/parsers';
import { type VerdictStatus, verdictStatuses } from '@/lib/triage/types';

export { isExclusionId, MAX_FILTER_LENGTH, normalizeExclude } from '@/components/url-state/parsers';

export const DEVICE_COLUMN_IDS = [
  'select',
  'device',
  'signals',
  'parent',
  'verdict',
  'firstSeen',
  'lastSeen',
  'count',
  'reports',
  'timeline',
] as const;
export type DeviceColumnId = (typeof DEVICE_COLUMN_IDS)[number];

export const LOOKBACK_CHOICES = ['1d', '5d', '7d', '14d', '30d'] as const;

/** An optional field column (device-fields.ts): `hunt:<summarize key>` or `signal:<fact>`. */
export type FieldColumnId = `hunt:${string}` | `signal:${string}`;

/** The columns a sort can name: the fixed ones and the run's field columns. */
export type DeviceSortId = DeviceColumnId | FieldColumnId;

export interface DeviceSort {
  id: DeviceSortId;
  desc: boolean;
}

export interface DeviceViewParams {
  /** Null: the first hunt of the catalog. */
  hunt: string | null;
  /** A KQL timespan such as "5d"; null: the hunt's own window. */
  lookback: string | null;
  sort: DeviceSort;
  q: string;
  hidden: DeviceColumnId[];
  /** Ids of the hunt's exclusion rules switched on, sorted; empty: none. */
  exclude: string[];
  /** "Needs review" hides devices whose Benign verdict still holds; "all" shows every device. */
  view: DeviceListView;
  /** Verdict filter (what each device counts as now), in the statuses' order; empty: any. */
  verdict: VerdictStatus[];
  /** The device whose evidence panel is open; null: none. */
  device: string | null;
}

export const DEVICE_LIST_VIEWS = ['needs-review', 'all'] as const;
export type DeviceListView = (typeof DEVICE_LIST_VIEWS)[number];

/**
 * Columns hidden until someone shows them (the Columns menu): the timeline says when a device was first seen
 * at a glance, with the exact time on hover, and the report ids are one expansion away; without them the
 * timeline fits beside the exclusions sidebar at 1440 pixels.
 */
export const DEFAULT_HIDDEN: readonly DeviceColumnId[] = ['firstSeen', 'reports'];

/** Devices with more why-flagged signals first, then the most recent (the signals column's sort key). */
export const DEFAULT_SORT: DeviceSort = { id: 'signals', desc: true };

/** Every column but the selection boxes and the timeline sorts; every one but the boxes and the name hides. */
const SORTABLE: readonly DeviceColumnId[] = DEVICE_COLUMN_IDS.filter(
  (id) => id !== 'select' && id !== 'timeline',
);
const HIDEABLE: readonly DeviceColumnId[] = DEVICE_COLUMN_IDS.filter(
  (id) => id !== 'select' && id !== 'device',
);

function sameColumns(a: readonly DeviceColumnId[], b: readonly DeviceColumnId[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function isColumnId(value: string): value is DeviceColumnId {
  return (DEVICE_COLUMN_IDS as readonly string[]).includes(value);
}

/** A lookback the API would run with (the one grammar in lib/hunts/lookback.ts). */
export function isLookback(value: string): boolean {
  return parseLookback(value) !== null;
}

/** Known statuses, each once, in their own order. */
export function normalizeVerdictFilter(values: readonly string[]): VerdictStatus[] {
  return verdictStatuses.filter((status) => values.includes(status));
}

/**
 * The statuses the table keeps, from the view and the verdict filter: Needs review drops Benign from
 * whatever the filter allows. Null: no filter at all.
 */
export function shownStatuses(
  view: DeviceListView,
  verdict: readonly VerdictStatus[],
): VerdictStatus[] | null {
  const allowed = verdict.length > 0 ? normalizeVerdictFilter(verdict) : null;
  if (view === 'all') return allowed;
  return (allowed ?? [...verdictStatuses]).filter((status) => status !== 'benign');
}

/** A field column's id as a sort may name it: a KQL identifier after the group, so it reads plainly in a URL. */
const FIELD_SORT_ID = /^(?:hunt|signal):[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function isSortId(id: string): id is DeviceSortId {
  return (isColumnId(id) && SORTABLE.includes(id)) || FIELD_SORT_ID.test(id);
}

const hideable = (values: readonly string[]): DeviceColumnId[] => [
  ...new Set(
    values
      .map((part) => part.trim())
      .filter((part): part is DeviceColumnId => isColumnId(part) && HIDEABLE.includes(part)),
  ),
];

/** The devices view's URL state: each param's parser and default, read and written only through this map. */
export const deviceViewParsers = {
  hunt: parseAsHuntId,
  lookback: parseAsLookback,
  sort: parseAsSort(isSortId).withDefault(DEFAULT_SORT),
  q: parseAsFilterText,
  // An empty list is a choice too (every column shown), so it stays in the address as `hide=`.
  hidden: parseAsList(hideable, sameColumns).withDefault([...DEFAULT_HIDDEN]),
  exclude: parseAsExclusionIds,
  view: parseAsStringLiteral(DEVICE_LIST_VIEWS).withDefault('needs-review'),
  verdict: parseAsList(normalizeVerdictFilter).withDefault([]),
  device: createParser({ parse: parseId, serialize: (id: string) => id }),
};

/** Params whose name in the URL differs from the view's key. */
export const deviceViewUrlKeys = { hidden: 'hide' } as const;

const loadDeviceViewParams = createLoader(deviceViewParsers, { urlKeys: deviceViewUrlKeys });
const serializeDeviceViewParams = createSerializer(deviceViewParsers, { urlKeys: deviceViewUrlKeys });

export function parseDeviceViewParams(params: URLSearchParams | string): DeviceViewParams {
  return loadDeviceViewParams(params);
}

/**
 * A `lookback` in the URL that the page cannot use (`abc`, `999d`), so the page can say so and drop it from
 * the address; null when there is none or it is valid.
 */
export function invalidLookback(params: { get: (name: string) => string | null }): string | null {
  const raw = params.get('lookback');
  if (raw === null || raw.trim() === '') return null;
  return isLookback(raw) ? null : raw;
}

/** Applies a change to the current query string (`?a=1` or empty), dropping defaults; other params survive. */
export function writeDeviceViewParams(current: string, patch: Partial<DeviceViewParams>): string {
  return serializeDeviceViewParams(current.startsWith('?') ? current : `?${current}`, patch);
}
