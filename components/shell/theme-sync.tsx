// Keeps <html>'s theme class right after hydration: re-applies the stored choice (React's dev
// remount clears attributes the inline script set) and follows system and other-tab changes.
'use client';
import { useLayoutEffect } from 'react';
import { applyTheme, readThemeChoice, subscribeTheme } from './theme';

export function ThemeSync() {
  useLayoutEffect(() => {
    applyTheme(readThemeChoice());
    return subscribeTheme(() => {});
  }, []);
  return null;
}
