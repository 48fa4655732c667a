import { useEffect, useState } from 'react';
import { useAppStore } from '../state/store';

export interface ChartTheme {
  background: string;
  text: string;
  grid: string;
  border: string;
  up: string;
  down: string;
  accent: string;
}

const read = (): ChartTheme => {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return { background: v('--panel'), text: v('--muted'), grid: v('--grid'), border: v('--border'), up: v('--up'), down: v('--down'), accent: v('--accent') };
};

/** The stylesheet's colours for a canvas chart, re-read when the theme or the system scheme changes. */
export function useChartTheme(): ChartTheme {
  const theme = useAppStore((state) => state.settings?.theme ?? 'system');
  const [colors, setColors] = useState<ChartTheme>(read);
  useEffect(() => {
    setColors(read());
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setColors(read());
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [theme]);
  return colors;
}
