// The tool's devices page's state in the URL (window, sort, filter) through the page's parser map
// (tool-devices-params.ts). Each change a person makes is a history entry, so Back undoes it; typing in the
// filter is one entry (its first keystroke pushes, the rest of the burst replaces).
'use client';
import { useSearchParams } from 'next/navigation';
import { useQueryStates } from 'nuqs';
import { useCallback, useEffect, useRef } from 'react';
import { pushOrReplace, useFilterBurst } from '@/components/url-state/history-mode';
import {
  invalidToolLookback,
  type ToolDevicesParams,
  toolDevicesParsers,
  writeToolDevicesParams,
} from './tool-devices-params';

type ToolDevicesPatch = Partial<Pick<ToolDevicesParams, 'lookback' | 'sort' | 'q'>>;

export function useToolDevicesParams(): [ToolDevicesParams, (patch: ToolDevicesPatch) => void] {
  const [values, setValues] = useQueryStates(toolDevicesParsers, { history: 'push' });
  const invalidLookback = invalidToolLookback(useSearchParams());
  const current = useRef(values);
  useEffect(() => {
    current.current = values;
  }, [values]);
  const filterBurst = useFilterBurst();

  const update = useCallback(
    (patch: ToolDevicesPatch) => {
      const search = window.location.search;
      const sameState =
        writeToolDevicesParams('', { ...current.current, ...patch }) ===
        writeToolDevicesParams('', current.current);
      const sameUrl = writeToolDevicesParams(search, patch) === writeToolDevicesParams(search, {});
      if (sameState && sameUrl) return;
      current.current = { ...current.current, ...patch };
      const mode = pushOrReplace(undefined, filterBurst(Object.keys(patch).every((key) => key === 'q')));
      void setValues(patch, { history: mode });
    },
    [setValues, filterBurst],
  );
  return [{ ...values, invalidLookback }, update];
}
