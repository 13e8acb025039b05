// The devices view held in the URL through the page's parser map (device-view-params.ts). Changes apply to
// React state at once (a sort click must not wait for the router) and reach the address bar without a
// server round trip. Each change a person makes is a history entry, so Back undoes it and never leaves the
// app; typing in the filter is one entry (its first keystroke pushes, the rest of the burst replaces).
// Corrections the page makes by itself, and following the open device with j/k, ask for 'replace'.
'use client';
import { useQueryStates } from 'nuqs';
import { useCallback, useEffect, useRef } from 'react';
import { pushOrReplace, useFilterBurst } from '@/components/url-state/history-mode';
import {
  type DeviceViewParams,
  deviceViewParsers,
  deviceViewUrlKeys,
  normalizeExclude,
  writeDeviceViewParams,
} from './device-view-params';

export type UpdateDeviceViewParams = (patch: Partial<DeviceViewParams>, history?: 'push' | 'replace') => void;

export function useDeviceViewParams(): [DeviceViewParams, UpdateDeviceViewParams] {
  const [params, setParams] = useQueryStates(deviceViewParsers, {
    urlKeys: deviceViewUrlKeys,
    history: 'push',
  });
  const current = useRef(params);
  useEffect(() => {
    current.current = params;
  }, [params]);
  const filterBurst = useFilterBurst();

  const update = useCallback<UpdateDeviceViewParams>(
    (patch, history) => {
      const normalized = patch.exclude ? { ...patch, exclude: normalizeExclude(patch.exclude) } : patch;
      const search = window.location.search;
      const sameState =
        writeDeviceViewParams('', { ...current.current, ...normalized }) ===
        writeDeviceViewParams('', current.current);
      const sameUrl = writeDeviceViewParams(search, normalized) === writeDeviceViewParams(search, {});
      // Nothing would change: no history entry for it.
      if (sameState && sameUrl) return;
      current.current = { ...current.current, ...normalized };
      const mode = pushOrReplace(history, filterBurst(Object.keys(normalized).every((key) => key === 'q')));
      void setParams(normalized, { history: mode });
    },
    [setParams, filterBurst],
  );

  return [params, update];
}
