// The devices view as URL search params, so a link or a reload reproduces it:
//   hunt=<id>  lookback=5d  sort=lastSeen.desc (default: signals.desc)  q=<filter text>
//   hide=parent,count (the hidden columns; absent: DEFAULT_HIDDEN; `hide=` shows every column)
//   exclude=admin-scripts,veeam-backup (the hunt's exclusion rules switched on)
//   view=all (default: Needs review)  verdict=suspicious,malicious  device=<id> (the evidence panel)
// Defaults are left out of the URL; anything unrecognised is ignored rather than trusted.
import { isValidLookback } from '@/lib/hunts/lookback';
import { type VerdictStatus, verdictStatuses } from '@/lib/triage/types';

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

/**
 * The longest filter text kept: enough for any host name or id, and far below the URL length a server
 * refuses (a 20,000-character filter made the address itself fail with 431).
 */
export const MAX_FILTER_LENGTH = 200;

/** Filter text as the page keeps it: cut to MAX_FILTER_LENGTH characters. */
export function clampFilter(text: string): string {
  return text.length > MAX_FILTER_LENGTH ? text.slice(0, MAX_FILTER_LENGTH) : text;
}

export const LOOKBACK_CHOICES = ['1d', '5d', '7d', '14d', '30d'] as const;

export interface DeviceSort {
  id: DeviceColumnId;
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

const SORTABLE: readonly DeviceColumnId[] = [
  'device',
  'signals',
  'parent',
  'verdict',
  'firstSeen',
  'lastSeen',
  'count',
  'reports',
];
const HIDEABLE: readonly DeviceColumnId[] = [
  'signals',
  'parent',
  'verdict',
  'firstSeen',
  'lastSeen',
  'count',
  'reports',
  'timeline',
];

function sameColumns(a: readonly DeviceColumnId[], b: readonly DeviceColumnId[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function isColumnId(value: string): value is DeviceColumnId {
  return (DEVICE_COLUMN_IDS as readonly string[]).includes(value);
}

/** A lookback the API would run with (the one grammar in lib/hunts/lookback.ts). */
export function isLookback(value: string): boolean {
  return isValidLookback(value);
}

/** The shape the API accepts for a rule id (kebab case); anything else is dropped. */
export function isExclusionId(value: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}

/** Distinct, well-formed rule ids in a stable order, so the same set always reads the same. */
export function normalizeExclude(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()).filter(isExclusionId))].sort();
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

function parseSort(value: string | null): DeviceSort {
  const match = value ? /^([a-zA-Z]+)\.(asc|desc)$/.exec(value) : null;
  const id = match?.[1];
  if (!match || !id || !isColumnId(id) || !SORTABLE.includes(id)) return DEFAULT_SORT;
  return { id, desc: match[2] === 'desc' };
}

export function parseDeviceViewParams(params: { get: (name: string) => string | null }): DeviceViewParams {
  const hunt = params.get('hunt')?.trim() || null;
  const lookback = params.get('lookback')?.trim() ?? '';
  const hide = params.get('hide');
  const hidden =
    hide === null
      ? [...DEFAULT_HIDDEN]
      : hide
          .split(',')
          .map((part) => part.trim())
          .filter((part): part is DeviceColumnId => isColumnId(part) && HIDEABLE.includes(part));
  return {
    hunt,
    lookback: isLookback(lookback) ? lookback : null,
    sort: parseSort(params.get('sort')),
    q: clampFilter(params.get('q') ?? ''),
    hidden: [...new Set(hidden)],
    exclude: normalizeExclude((params.get('exclude') ?? '').split(',')),
    view: params.get('view') === 'all' ? 'all' : 'needs-review',
    verdict: normalizeVerdictFilter((params.get('verdict') ?? '').split(',')),
    device: params.get('device')?.trim() || null,
  };
}

/**
 * A `lookback` in the URL that the page cannot use (`abc`, `999d`), so the page can say so and drop it from
 * the address; null when there is none or it is valid.
 */
export function invalidLookback(params: { get: (name: string) => string | null }): string | null {
  const raw = params.get('lookback');
  if (raw === null || raw.trim() === '') return null;
  return isLookback(raw.trim()) ? null : raw;
}

/** Applies a change to the current query string, dropping defaults; other params survive. */
export function writeDeviceViewParams(current: string, patch: Partial<DeviceViewParams>): string {
  const params = new URLSearchParams(current);
  const set = (name: string, value: string | null) => {
    if (value === null || value === '') params.delete(name);
    else params.set(name, value);
  };
  if ('hunt' in patch) set('hunt', patch.hunt ?? null);
  if ('lookback' in patch) set('lookback', patch.lookback ?? null);
  if (patch.sort) {
    const isDefault = patch.sort.id === DEFAULT_SORT.id && patch.sort.desc === DEFAULT_SORT.desc;
    set('sort', isDefault ? null : `${patch.sort.id}.${patch.sort.desc ? 'desc' : 'asc'}`);
  }
  if ('q' in patch) set('q', clampFilter(patch.q ?? ''));
  if (patch.hidden) {
    // An empty list is a choice too (every column shown), so it stays in the address as `hide=`.
    if (sameColumns(patch.hidden, DEFAULT_HIDDEN)) params.delete('hide');
    else params.set('hide', patch.hidden.join(','));
  }
  if (patch.exclude) set('exclude', normalizeExclude(patch.exclude).join(','));
  if (patch.view) set('view', patch.view === 'needs-review' ? null : patch.view);
  if (patch.verdict) set('verdict', normalizeVerdictFilter(patch.verdict).join(','));
  if ('device' in patch) set('device', patch.device ?? null);
  // Commas are legal in a query string; keep lists such as exclude=a,b readable in the address bar.
  const text = params.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}
