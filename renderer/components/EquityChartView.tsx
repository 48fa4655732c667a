import { AreaSeries, ColorType, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useId, useRef } from 'react';
import { toChartLine } from '../format/chartData';
import { useChartTheme } from './useChartTheme';

interface EquityChartViewProps {
  points: readonly { time: number; value: string }[];
  label: string;
  /** one sentence summing the series up for screen readers */
  description: string;
  height?: number;
}

/** "#0a5fb4" → "rgba(10,95,180,0.25)": the library's colour parser wants plain rgba. */
export function withAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return hex;
  const [r, g, b] = match.slice(1).map((part) => parseInt(part, 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

/** A value over time (a backtest's equity), drawn by lightweight-charts. */
export function EquityChartView({ points, label, description, height = 240 }: EquityChartViewProps) {
  const container = useRef<HTMLElement | null>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Area'> | null>(null);
  const theme = useChartTheme();
  const descId = useId();

  useEffect(() => {
    if (!container.current) return;
    const created = createChart(container.current, { autoSize: true, height, kineticScroll: { mouse: false, touch: false } });
    series.current = created.addSeries(AreaSeries, { lineWidth: 2, priceFormat: { type: 'price', precision: 2, minMove: 0.01 } });
    chart.current = created;
    container.current.querySelectorAll('table').forEach((table) => table.setAttribute('role', 'presentation'));
    return () => {
      created.remove();
      chart.current = null;
      series.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.applyOptions({
      layout: { background: { type: ColorType.Solid, color: theme.background }, textColor: theme.text, fontSize: 11 },
      grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
      rightPriceScale: { borderColor: theme.border },
      timeScale: { borderColor: theme.border },
    });
    series.current?.applyOptions({ lineColor: theme.accent, topColor: withAlpha(theme.accent, 0.25), bottomColor: withAlpha(theme.accent, 0) });
  }, [theme]);

  useEffect(() => {
    series.current?.setData(toChartLine(points).map((point) => ({ ...point, time: point.time as UTCTimestamp })));
    chart.current?.timeScale().fitContent();
  }, [points]);

  return (
    <div className="chart">
      <p id={descId} className="visually-hidden">
        {description}
      </p>
      <figure ref={container} className="chart-canvas" aria-label={label} aria-describedby={descId} data-testid="equity-chart" style={{ height }} />
    </div>
  );
}
