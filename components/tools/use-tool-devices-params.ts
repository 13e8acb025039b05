// The tool's devices page's state in the URL (window, sort, filter): read on every render, written with
// replace for typing and sorting so the back button leaves the page rather than undoing keystrokes.
'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import {
  parseToolDevicesParams,
  type ToolDevicesParams,
  writeToolDevicesParams,
} from './tool-devices-params';

export function useToolDevicesParams(): [
  ToolDevicesParams,
  (patch: Partial<Pick<ToolDevicesParams, 'lookback' | 'sort' | 'q'>>) => void,
] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const update = useCallback(
    (patch: Partial<Pick<ToolDevicesParams, 'lookback' | 'sort' | 'q'>>) => {
      const query = writeToolDevicesParams(searchParams.toString(), patch);
      const href = `${pathname}${query}`;
      // A new window is a new view worth a history entry; sorting and filtering refine the same one.
      if (patch.lookback !== undefined) router.push(href);
      else router.replace(href, { scroll: false });
    },
    [router, pathname, searchParams],
  );
  return [parseToolDevicesParams(searchParams), update];
}
