// The light / dark / system switch in the header; the choice is stored in localStorage.
'use client';
import { useSyncExternalStore } from 'react';
import { MonitorIcon, MoonIcon, SunIcon } from '@/components/ui/icons';
import { readThemeChoice, subscribeTheme, type ThemeChoice, writeThemeChoice } from './theme';

const OPTIONS: { value: ThemeChoice; label: string; Icon: typeof SunIcon }[] = [
  { value: 'light', label: 'Light theme', Icon: SunIcon },
  { value: 'dark', label: 'Dark theme', Icon: MoonIcon },
  { value: 'system', label: 'Follow system theme', Icon: MonitorIcon },
];

export function ThemeSwitch() {
  const choice = useSyncExternalStore(subscribeTheme, readThemeChoice, () => 'system' as const);
  return (
    <fieldset className="flex items-center rounded-md border border-line p-0.5">
      <legend className="sr-only">Theme</legend>
      {OPTIONS.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          aria-pressed={choice === value}
          aria-label={label}
          title={label}
          onClick={() => writeThemeChoice(value)}
          className="grid size-6 place-items-center rounded text-muted hover:text-fg aria-pressed:bg-surface-3 aria-pressed:text-fg"
        >
          <Icon />
        </button>
      ))}
    </fieldset>
  );
}
