import { CandlestickSeries, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useId } from 'react';
import type { Candle, ChartTimeframe } from '../../shared/contract';
import { decimalPrecision, toChartCandles } from '../format/chartData';
import { formatDate } from '../format/formatAxisTime';
import { formatDecimal } from '../format/formatDecimal';
import { themedChartOptions, useChart } from './useChart';
import { useChartTheme } from './useChartTheme';

export interface CandleChartViewProps {
  candles: readonly Candle[];
  timeframe: ChartTimeframe;
  /** e.g. "QRL/USDT 1d candles" */
  label: string;
  height?: number;
}

const addCandles = (chart: IChartApi) => chart.addSeries(CandlestickSeries, {});

/** TradingView's lightweight-charts (canvas), with a text summary for screen readers. */
export function CandleChartView({ candles, timeframe, label, height = 280 }: CandleChartViewProps) {
  const { container, chart, series } = useChart(height, addCandles);
  const theme = useChartTheme();
  const descId = useId();
  const daily = timeframe === '1d';

  useEffect(() => {
    chart.current?.applyOptions(themedChartOptions(theme, { timeVisible: !daily }));
    series.current?.applyOptions({
      upColor: theme.up,
      borderUpColor: theme.up,
      wickUpColor: theme.up,
      downColor: theme.down,
      borderDownColor: theme.down,
      wickDownColor: theme.down,
    });
  }, [theme, daily]);

  useEffect(() => {
    const precision = decimalPrecision(candles.map((candle) => candle.close));
    series.current?.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
    series.current?.setData(toChartCandles(candles).map((candle) => ({ ...candle, time: candle.time as UTCTimestamp })));
    chart.current?.timeScale().fitContent();
  }, [candles]);

  const first = candles[0];
  const last = candles[candles.length - 1];
  const low = candles.reduce((min, candle) => (Number(candle.low) < Number(min) ? candle.low : min), first?.low ?? '0');
  const high = candles.reduce((max, candle) => (Number(candle.high) > Number(max) ? candle.high : max), first?.high ?? '0');
  return (
    <div className="chart">
      <p id={descId} className="visually-hidden">
        {first && last
          ? `${candles.length} candles from ${formatDate(first.time)} to ${formatDate(last.time)}. Last close ${formatDecimal(last.close)}; low ${formatDecimal(low)}, high ${formatDecimal(high)}.`
          : 'No candles.'}
      </p>
      <figure ref={container} className="chart-canvas" aria-label={label} aria-describedby={descId} data-testid="candle-chart" style={{ height }} />
    </div>
  );
}
