import { useEffect, useState } from 'react';
import { useColorScheme } from './useColorScheme';

export interface ChartTheme {
  background: string;
  text: string;
  grid: string;
  border: string;
  up: string;
  down: string;
  accent: string;
  /** a third line colour (the backtest's daily DCA curve) */
  warn: string;
  /** the strategy's lines and the indicator panes (styles.css --chart-*) */
  emaFast: string;
  emaSlow: string;
  maFast: string;
  maSlow: string;
  buyLine: string;
  /** translucent: the buy zone's shading */
  buyZone: string;
  paper: string;
  live: string;
}

const read = (): ChartTheme => {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return {
    background: v('--panel'),
    text: v('--muted'),
    grid: v('--grid'),
    border: v('--border'),
    up: v('--up'),
    down: v('--down'),
    accent: v('--accent'),
    emaFast: v('--chart-ema-fast'),
    emaSlow: v('--chart-ema-slow'),
    maFast: v('--chart-ma-fast'),
    maSlow: v('--chart-ma-slow'),
    buyLine: v('--chart-buy-line'),
    buyZone: v('--chart-buy-zone'),
    paper: v('--dry'),
    live: v('--live'),
    warn: v('--warn'),
  };
};

/** The stylesheet's colours for a canvas chart, re-read when the palette changes (App sets it in a layout effect, before this runs). */
export function useChartTheme(): ChartTheme {
  const scheme = useColorScheme();
  const [colors, setColors] = useState<ChartTheme>(read);
  useEffect(() => setColors(read()), [scheme]);
  return colors;
}
