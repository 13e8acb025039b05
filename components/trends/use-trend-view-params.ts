// The Trends view held in the URL. Changes apply to React state at once and are pushed to the address bar
// with the History API (each hunt, range or exclusion change is a step Back can undo; a correction the page
// makes to a link replaces it); when the address
// changes from outside (Back, Forward, a link), the view follows it.
'use client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { normalizeExclude } from '@/components/devices/device-view-params';
import { parseTrendViewParams, type TrendViewParams, writeTrendViewParams } from './trend-view-params';

const canonical = (params: TrendViewParams) => writeTrendViewParams('', params);

function fromAddressBar(current: TrendViewParams): TrendViewParams {
  const next = parseTrendViewParams(new URLSearchParams(window.location.search));
  return canonical(next) === canonical(current) ? current : next;
}

export type UpdateTrendViewParams = (patch: Partial<TrendViewParams>, history?: 'push' | 'replace') => void;

export function useTrendViewParams(): [TrendViewParams, UpdateTrendViewParams] {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const [params, setParams] = useState(() => parseTrendViewParams(searchParams));

  // The router may lag behind the address bar; follow it only when the two agree.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).toString() !== search) return;
    setParams(fromAddressBar);
  }, [search]);

  useEffect(() => {
    const onPopState = () => setParams(fromAddressBar);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const update = useCallback<UpdateTrendViewParams>((patch, history = 'push') => {
    const normalized = patch.exclude ? { ...patch, exclude: normalizeExclude(patch.exclude) } : patch;
    setParams((current) => ({ ...current, ...normalized }));
    const next = writeTrendViewParams(window.location.search, patch);
    if (next === window.location.search) return;
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    if (history === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return [params, update];
}
