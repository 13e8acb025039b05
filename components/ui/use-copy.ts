// Copy text to the clipboard and report how it went for a short while, for button feedback.
'use client';
import { useCallback, useEffect, useRef, useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'failed';

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http deployments have no Clipboard API; the old selection route still works there.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

export function useCopy(resetMs = 1800): [CopyState, (text: string) => Promise<CopyState>] {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = useCallback(
    async (text: string) => {
      window.clearTimeout(timer.current);
      let result: CopyState;
      try {
        await writeClipboard(text);
        result = 'copied';
      } catch {
        result = 'failed';
      }
      setState(result);
      timer.current = window.setTimeout(() => setState('idle'), resetMs);
      return result;
    },
    [resetMs],
  );

  return [state, copy];
}
