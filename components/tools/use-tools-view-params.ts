// The overview's window in the URL (`?lookback=30d`), so a link or a reload reproduces the view; read with
// the pages' one lookback parser, so a window the API would refuse is dropped and the default used. Each
// change of window is a history entry.
'use client';
import { useSearchParams } from 'next/navigation';
import { useQueryState } from 'nuqs';
import { useCallback } from 'react';
import { parseAsLookback, parseLookback } from '@/components/url-state/parsers';

export const DEFAULT_OVERVIEW_LOOKBACK = '30d';

/** The overview's URL state. */
export const toolsViewParsers = {
  lookback: parseAsLookback.withDefault(DEFAULT_OVERVIEW_LOOKBACK),
};

export function useToolsViewParams(): [
  { lookback: string; invalid: string | null },
  (lookback: string) => void,
] {
  const [lookback, setLookbackParam] = useQueryState('lookback', toolsViewParsers.lookback);
  const raw = useSearchParams().get('lookback');
  const setLookback = useCallback(
    (next: string) => void setLookbackParam(next, { history: 'push' }),
    [setLookbackParam],
  );
  return [{ lookback, invalid: raw !== null && parseLookback(raw) === null ? raw : null }, setLookback];
}
