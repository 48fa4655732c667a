import { LineSeries, LineStyle, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useId } from 'react';
import { toChartLine } from '../format/chartData';
import { themedChartOptions, useChart } from './useChart';
import { useChartTheme, type ChartTheme } from './useChartTheme';

export interface ComparedCurve {
  name: string;
  points: readonly { time: number; value: string }[];
}

/** Colour and dash per line, so the three curves differ without colour too. */
const comparisonLineStyles = [
  { color: (theme: ChartTheme) => theme.accent, style: LineStyle.Solid, dash: 'solid' },
  { color: (theme: ChartTheme) => theme.text, style: LineStyle.Dashed, dash: 'dashed' },
  { color: (theme: ChartTheme) => theme.warn, style: LineStyle.Dotted, dash: 'dotted' },
] as const;

const usdLine = { lineWidth: 2, priceFormat: { type: 'price', precision: 2, minMove: 0.01 } } as const;
/** The first line is the chart's own series (useChart), the others share its pane. */
const addComparisonLines = (chart: IChartApi) => {
  const first = chart.addSeries(LineSeries, usdLine);
  for (let i = 1; i < comparisonLineStyles.length; i++) chart.addSeries(LineSeries, usdLine);
  return first;
};

/** Up to three equity curves on one chart (the backtest against buy-and-hold and DCA), with a legend. */
export function EquityComparisonChart({ curves, label, description, height = 280 }: { curves: readonly ComparedCurve[]; label: string; description: string; height?: number }) {
  const { container, chart } = useChart(height, addComparisonLines);
  const theme = useChartTheme();
  const descId = useId();

  useEffect(() => {
    // Years of days must fit the width: the library's default minimum spacing (0.5 px a bar) would cut the start off.
    chart.current?.applyOptions({ ...themedChartOptions(theme), timeScale: { ...themedChartOptions(theme).timeScale, minBarSpacing: 0.01 } });
    chart.current?.panes()[0]?.getSeries().forEach((series, i) => {
      const look = comparisonLineStyles[i];
      if (look) series.applyOptions({ color: look.color(theme), lineStyle: look.style });
    });
  }, [theme]);

  useEffect(() => {
    const lines = chart.current?.panes()[0]?.getSeries() ?? [];
    lines.forEach((series, i) => series.setData((curves[i] ? toChartLine(curves[i].points) : []).map((point) => ({ ...point, time: point.time as UTCTimestamp }))));
    chart.current?.timeScale().fitContent();
  }, [curves]);

  return (
    <div className="chart">
      <p id={descId} className="visually-hidden">
        {description}
      </p>
      <figure ref={container} className="chart-canvas" aria-label={label} aria-describedby={descId} data-testid="equity-chart" style={{ height }} />
      <ul className="chart-legend" aria-label="Lines on the chart">
        {curves.map((curve, i) => (
          <li key={curve.name}>
            <span className={`legend-swatch legend-${comparisonLineStyles[i]?.dash ?? 'solid'}`} style={{ borderTopColor: comparisonLineStyles[i]?.color(theme) }} aria-hidden="true" />
            {curve.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
