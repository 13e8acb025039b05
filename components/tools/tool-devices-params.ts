// A tool's devices page as URL search params, so a link or a reload reproduces it:
//   lookback=30d (the overview's default)  sort=count.desc (default: lastSeen.desc)  q=<filter text>
// The tool itself is the path (/tools/AnyDesk). Defaults are left out; anything unrecognised is dropped.
import { clampFilter } from '@/components/devices/device-view-params';
import { isValidLookback } from '@/lib/hunts/lookback';
import { DEFAULT_OVERVIEW_LOOKBACK } from './use-tools-view-params';

export const TOOL_DEVICE_SORTABLE = [
  'device',
  'hunts',
  'approval',
  'verdict',
  'firstSeen',
  'lastSeen',
  'count',
] as const;
export type ToolDeviceColumnId = (typeof TOOL_DEVICE_SORTABLE)[number];

export interface ToolDevicesParams {
  lookback: string;
  /** A `lookback` in the link the page cannot use, to say so; null when none or valid. */
  invalidLookback: string | null;
  sort: { id: ToolDeviceColumnId; desc: boolean };
  q: string;
}

export const DEFAULT_TOOL_DEVICE_SORT: ToolDevicesParams['sort'] = { id: 'lastSeen', desc: true };

export function parseToolDevicesParams(params: { get: (name: string) => string | null }): ToolDevicesParams {
  const raw = params.get('lookback');
  const valid = raw !== null && isValidLookback(raw);
  const match = /^([a-zA-Z]+)\.(asc|desc)$/.exec(params.get('sort') ?? '');
  const id = TOOL_DEVICE_SORTABLE.find((c) => c === match?.[1]);
  return {
    lookback: valid ? raw : DEFAULT_OVERVIEW_LOOKBACK,
    invalidLookback: raw !== null && !valid ? raw : null,
    sort: id ? { id, desc: match?.[2] === 'desc' } : DEFAULT_TOOL_DEVICE_SORT,
    q: clampFilter(params.get('q') ?? ''),
  };
}

/** Applies a change to the current query string, dropping defaults; other params survive. */
export function writeToolDevicesParams(
  current: string,
  patch: Partial<Pick<ToolDevicesParams, 'lookback' | 'sort' | 'q'>>,
): string {
  const params = new URLSearchParams(current);
  const set = (name: string, value: string | null) => {
    if (value === null || value === '') params.delete(name);
    else params.set(name, value);
  };
  if (patch.lookback !== undefined)
    set('lookback', patch.lookback === DEFAULT_OVERVIEW_LOOKBACK ? null : patch.lookback);
  if (patch.sort) {
    const isDefault =
      patch.sort.id === DEFAULT_TOOL_DEVICE_SORT.id && patch.sort.desc === DEFAULT_TOOL_DEVICE_SORT.desc;
    set('sort', isDefault ? null : `${patch.sort.id}.${patch.sort.desc ? 'desc' : 'asc'}`);
  }
  if (patch.q !== undefined) set('q', clampFilter(patch.q));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A tool's devices page. */
export function toolPageHref(tool: string, lookback: string): string {
  return `/tools/${encodeURIComponent(tool)}${writeToolDevicesParams('', { lookback })}`;
}
