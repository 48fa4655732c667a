import { useSyncExternalStore } from 'react';
import type { Settings } from '../../shared/settings';
import { useAppStore } from '../state/store';

export type ColorScheme = 'light' | 'dark';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

const subscribeToSystemScheme = (onChange: () => void) => {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** The palette a theme setting means now: "system" follows prefers-color-scheme. */
export function resolveColorScheme(theme: Settings['theme']): ColorScheme {
  if (theme !== 'system') return theme;
  return darkQuery().matches ? 'dark' : 'light';
}

/** The palette in use, re-rendering when the setting or the system scheme changes. */
export function useColorScheme(): ColorScheme {
  const theme = useAppStore((state) => state.settings?.theme ?? 'system');
  const system = useSyncExternalStore(subscribeToSystemScheme, () => resolveColorScheme('system'));
  return theme === 'system' ? system : theme;
}
