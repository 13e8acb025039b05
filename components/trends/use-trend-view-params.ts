// The Trends view held in the URL through the page's parser map (trend-view-params.ts). Changes apply to
// React state at once and reach the address bar without a server round trip; each hunt, range or exclusion
// change is a step Back can undo, and a correction the page makes to a link replaces it.
'use client';
import { useQueryStates } from 'nuqs';
import { useCallback, useEffect, useRef } from 'react';
import { normalizeExclude } from '@/components/url-state/parsers';
import { type TrendViewParams, trendViewParsers, writeTrendViewParams } from './trend-view-params';

export type UpdateTrendViewParams = (patch: Partial<TrendViewParams>, history?: 'push' | 'replace') => void;

export function useTrendViewParams(): [TrendViewParams, UpdateTrendViewParams] {
  const [params, setParams] = useQueryStates(trendViewParsers, { history: 'push' });
  const current = useRef(params);
  useEffect(() => {
    current.current = params;
  }, [params]);

  const update = useCallback<UpdateTrendViewParams>(
    (patch, history = 'push') => {
      const normalized = patch.exclude ? { ...patch, exclude: normalizeExclude(patch.exclude) } : patch;
      const search = window.location.search;
      const sameState =
        writeTrendViewParams('', { ...current.current, ...normalized }) ===
        writeTrendViewParams('', current.current);
      const sameUrl = writeTrendViewParams(search, normalized) === writeTrendViewParams(search, {});
      // A pick that changes nothing is no step to go Back through.
      if (sameState && sameUrl) return;
      current.current = { ...current.current, ...normalized };
      void setParams(normalized, { history });
    },
    [setParams],
  );

  return [params, update];
}
