// The parts of a devices link the page cannot follow: a window it does not understand, exclusion ids the hunt
// does not have. Each is dropped from the address and the page says so, once.
'use client';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { ApiProblem } from '@/components/api/api-client';
import { splitUnknownExclusions } from '@/components/hunts/ignored-exclusions';
import { invalidLookback } from './device-view-params';
import type { useDeviceViewParams } from './use-device-view-params';

type ViewParams = ReturnType<typeof useDeviceViewParams>;

export function useLinkNotices(
  exclude: ViewParams[0]['exclude'],
  updateParams: ViewParams[1],
  runError: ApiProblem | null,
) {
  const [notices, setNotices] = useState<string[]>([]);
  const addNotice = useCallback(
    (notice: string) => setNotices((shown) => (shown.includes(notice) ? shown : [...shown, notice])),
    [],
  );
  const rawLookback = useSearchParams().get('lookback');
  useEffect(() => {
    const invalid = invalidLookback({ get: () => rawLookback });
    if (invalid === null) return;
    addNotice(
      `The window '${invalid.slice(0, 40)}' in the link is not valid; showing the hunt's own window.`,
    );
    updateParams({ lookback: null }, 'replace');
  }, [rawLookback, addNotice, updateParams]);
  useEffect(() => {
    const split = splitUnknownExclusions(runError, exclude);
    if (!split) return;
    addNotice(
      `Ignored exclusion ${split.ignored.length === 1 ? 'id' : 'ids'} this hunt does not have: ${split.ignored.join(', ')}.`,
    );
    updateParams({ exclude: split.kept }, 'replace');
  }, [runError, exclude, addNotice, updateParams]);
  const dismiss = useCallback(() => setNotices([]), []);
  return { notices, dismiss };
}
