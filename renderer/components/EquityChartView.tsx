import { AreaSeries, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useId } from 'react';
import { toChartLine } from '../format/chartData';
import { themedChartOptions, useChart } from './useChart';
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

const addEquityLine = (chart: IChartApi) => chart.addSeries(AreaSeries, { lineWidth: 2, priceFormat: { type: 'price', precision: 2, minMove: 0.01 } });

/** A value over time (a backtest's equity), drawn by lightweight-charts. */
export function EquityChartView({ points, label, description, height = 240 }: EquityChartViewProps) {
  const { container, chart, series } = useChart(height, addEquityLine);
  const theme = useChartTheme();
  const descId = useId();

  useEffect(() => {
    chart.current?.applyOptions(themedChartOptions(theme));
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
