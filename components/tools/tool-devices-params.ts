// A tool's devices page as URL search params, so a link or a reload reproduces it, declared once as a parser
// map (`toolDevicesParsers`) that the page's hook, the reader and the writer below all use:
//   lookback=30d (the overview's default)  sort=count.desc (default: lastSeen.desc)  q=<filter text>
// The tool itself is the path (/tools/AnyDesk). Defaults are left out; anything unrecognised is dropped.
import { createLoader, createSerializer } from 'nuqs';
import {
  type ColumnSort,
  parseAsFilterText,
  parseAsLookback,
  parseAsSort,
  parseLookback,
} from '@/components/url-state/parsers';
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
  sort: ColumnSort<ToolDeviceColumnId>;
  q: string;
}

export const DEFAULT_TOOL_DEVICE_SORT: ToolDevicesParams['sort'] = { id: 'lastSeen', desc: true };

/** The page's URL state: each param's parser and default. */
export const toolDevicesParsers = {
  lookback: parseAsLookback.withDefault(DEFAULT_OVERVIEW_LOOKBACK),
  sort: parseAsSort(TOOL_DEVICE_SORTABLE).withDefault(DEFAULT_TOOL_DEVICE_SORT),
  q: parseAsFilterText,
};

const loadToolDevicesParams = createLoader(toolDevicesParsers);
const serializeToolDevicesParams = createSerializer(toolDevicesParsers);

/** A `lookback` in the link the page cannot use, to say so; null when none or valid. */
export function invalidToolLookback(params: { get: (name: string) => string | null }): string | null {
  const raw = params.get('lookback');
  return raw !== null && parseLookback(raw) === null ? raw : null;
}

export function parseToolDevicesParams(params: URLSearchParams): ToolDevicesParams {
  return { ...loadToolDevicesParams(params), invalidLookback: invalidToolLookback(params) };
}

/** Applies a change to the current query string, dropping defaults; other params survive. */
export function writeToolDevicesParams(
  current: string,
  patch: Partial<Pick<ToolDevicesParams, 'lookback' | 'sort' | 'q'>>,
): string {
  return serializeToolDevicesParams(current.startsWith('?') ? current : `?${current}`, patch);
}

/** A tool's devices page. */
export function toolPageHref(tool: string, lookback: string): string {
  return `/tools/${encodeURIComponent(tool)}${writeToolDevicesParams('', { lookback })}`;
}
