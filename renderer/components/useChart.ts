import { ColorType, createChart, type IChartApi, type ISeriesApi, type SeriesType } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { ChartTheme } from './useChartTheme';

/** The stylesheet's colours as chart options. Calm by default: no kinetic scrolling animations. */
export const themedChartOptions = (theme: ChartTheme, { timeVisible = false } = {}) => ({
  layout: { background: { type: ColorType.Solid, color: theme.background }, textColor: theme.text, fontSize: 11, panes: { separatorColor: theme.border, separatorHoverColor: theme.grid } },
  grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
  rightPriceScale: { borderColor: theme.border },
  timeScale: { borderColor: theme.border, timeVisible, secondsVisible: false },
  kineticScroll: { mouse: false, touch: false },
});

/**
 * One lightweight-charts chart with one series, in the element `container`
 * is attached to: made on mount (and when the height changes), removed on
 * unmount. `addSeries` must be stable (defined at module level).
 */
export function useChart<T extends SeriesType>(height: number, addSeries: (chart: IChartApi) => ISeriesApi<T>) {
  const container = useRef<HTMLElement | null>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<T> | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const created = createChart(container.current, { autoSize: true, height });
    series.current = addSeries(created);
    chart.current = created;
    // The library lays out with a table: tell assistive tech it is not data.
    container.current.querySelectorAll('table').forEach((table) => table.setAttribute('role', 'presentation'));
    return () => {
      created.remove();
      chart.current = null;
      series.current = null;
    };
  }, [height, addSeries]);
  return { container, chart, series };
}
