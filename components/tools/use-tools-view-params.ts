// The overview's window in the URL (`?lookback=30d`), so a link or a reload reproduces the view; a window the
// API would refuse is dropped and the default used.
'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { isValidLookback } from '@/lib/hunts/lookback';

export const DEFAULT_OVERVIEW_LOOKBACK = '30d';

export function useToolsViewParams(): [
  { lookback: string; invalid: string | null },
  (lookback: string) => void,
] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = searchParams.get('lookback');
  const valid = raw !== null && isValidLookback(raw);
  const setLookback = useCallback(
    (next: string) => {
      const params = new URLSearchParams(searchParams.toString());
      if (next === DEFAULT_OVERVIEW_LOOKBACK) params.delete('lookback');
      else params.set('lookback', next);
      const query = params.toString();
      router.push(query ? `${pathname}?${query}` : pathname);
    },
    [router, pathname, searchParams],
  );
  return [
    { lookback: valid ? raw : DEFAULT_OVERVIEW_LOOKBACK, invalid: raw !== null && !valid ? raw : null },
    setLookback,
  ];
}
