// The devices view held in the URL. Changes apply to React state at once (a sort click must not
// wait for the router) and are written to the address bar with the History API: no server round
// trip per keystroke. Filter, sort and column changes replace the history entry; hunt, window and
// exclusion changes push one, so Back returns to the previous run; a caller may ask for either (opening the
// evidence panel pushes, so Back closes it). When the address changes from outside
// (Back, Forward, a link to this page), the view follows it.
'use client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import {
  type DeviceViewParams,
  normalizeExclude,
  parseDeviceViewParams,
  writeDeviceViewParams,
} from './device-view-params';

const canonical = (params: DeviceViewParams) => writeDeviceViewParams('', params);

function fromAddressBar(current: DeviceViewParams): DeviceViewParams {
  const next = parseDeviceViewParams(new URLSearchParams(window.location.search));
  return canonical(next) === canonical(current) ? current : next;
}

export type UpdateDeviceViewParams = (patch: Partial<DeviceViewParams>, history?: 'push' | 'replace') => void;

export function useDeviceViewParams(): [DeviceViewParams, UpdateDeviceViewParams] {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const [params, setParams] = useState(() => parseDeviceViewParams(searchParams));

  // Next's router reports History API changes, but may lag behind the address bar (or, in
  // development, not report them at all); the address bar is the truth, so only follow the router
  // when the two agree, and follow Back and Forward directly.
  useEffect(() => {
    if (new URLSearchParams(window.location.search).toString() !== search) return;
    setParams(fromAddressBar);
  }, [search]);

  useEffect(() => {
    const onPopState = () => setParams(fromAddressBar);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const update = useCallback<UpdateDeviceViewParams>((patch, history) => {
    const normalized = patch.exclude ? { ...patch, exclude: normalizeExclude(patch.exclude) } : patch;
    setParams((current) => ({ ...current, ...normalized }));
    const next = writeDeviceViewParams(window.location.search, patch);
    if (next === window.location.search) return;
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    const push = history ? history === 'push' : 'hunt' in patch || 'lookback' in patch || 'exclude' in patch;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return [params, update];
}
