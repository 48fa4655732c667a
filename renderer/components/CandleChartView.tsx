import {
  AreaSeries,
  CandlestickSeries,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type SeriesType,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useId, useMemo } from 'react';
import type { Candle, ChartTimeframe, Fill } from '../../shared/contract';
import { decimalPrecision, fillMarkers, toChartCandles, type FillMarker } from '../format/chartData';
import { chartIndicators, INDICATOR_SETTINGS, type ChartIndicators, type IndicatorToggles, type LinePoint, type StrategyLineParams } from '../format/chartIndicators';
import { formatDate } from '../format/formatAxisTime';
import { formatDecimal } from '../format/formatDecimal';
import { themedChartOptions, useChart } from './useChart';
import { useChartTheme, type ChartTheme } from './useChartTheme';

export interface CandleChartViewProps {
  candles: readonly Candle[];
  timeframe: ChartTimeframe;
  /** e.g. "QRL/USDT 1d candles" */
  label: string;
  /** the strategy's EMA periods, threshold and window (settings) */
  strategy: StrategyLineParams;
  toggles: IndicatorToggles;
  /** the bot's fills, paper and live, drawn as markers */
  fills: readonly Fill[];
}

const PRICE_PANE_HEIGHT = 280;
const INDICATOR_PANE_HEIGHT = 110;

const addCandles = (chart: IChartApi) => chart.addSeries(CandlestickSeries, {});
const overlay = { priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false } as const;
const toData = (points: readonly LinePoint[]) => points.map((point) => ({ time: point.time as UTCTimestamp, value: point.value }));

/**
 * TradingView's lightweight-charts (canvas): candles with the strategy's EMAs
 * and its buy zone, optional MA lines, the bot's fills as markers, and RSI,
 * MACD and Williams %R in panes below; a legend and a text summary say the
 * same in words for screen readers and for anyone who cannot tell colours apart.
 */
export function CandleChartView({ candles, timeframe, label, strategy, toggles, fills }: CandleChartViewProps) {
  const paneCount = 1 + Number(toggles.rsi) + Number(toggles.macd) + Number(toggles.williamsR);
  const height = PRICE_PANE_HEIGHT + (paneCount - 1) * INDICATOR_PANE_HEIGHT;
  const { container, chart, series } = useChart(height, addCandles);
  const theme = useChartTheme();
  const descId = useId();
  const daily = timeframe === '1d';
  const chartCandles = useMemo(() => toChartCandles(candles), [candles]);
  const precision = useMemo(() => decimalPrecision(candles.map((candle) => candle.close)), [candles]);
  const lines = useMemo(() => chartIndicators(chartCandles, strategy, daily), [chartCandles, strategy, daily]);
  const markers = useMemo(() => fillMarkers(fills, chartCandles.map((candle) => candle.time)), [fills, chartCandles]);

  useEffect(() => {
    chart.current?.applyOptions(themedChartOptions(theme, { timeVisible: !daily }));
    series.current?.applyOptions({ upColor: theme.up, borderUpColor: theme.up, wickUpColor: theme.up, downColor: theme.down, borderDownColor: theme.down, wickDownColor: theme.down });
  }, [theme, daily, height]);

  useEffect(() => {
    series.current?.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
    series.current?.setData(chartCandles.map((candle) => ({ ...candle, time: candle.time as UTCTimestamp })));
    chart.current?.timeScale().fitContent();
  }, [chartCandles, precision, height]);

  useEffect(() => {
    const target = chart.current;
    const candleSeries = series.current;
    if (!target || !candleSeries || !container.current) return;
    const drawn = drawOverlays(target, candleSeries, { lines, markers, toggles, theme, daily, precision });
    // What is drawn, for tests and tools that cannot read a canvas.
    container.current.dataset.series = drawn.names.join(' ');
    container.current.dataset.panes = String(target.panes().length);
    container.current.dataset.markers = String(markers.length);
    return () => {
      // A chart that was replaced (new height) took its series and markers with it.
      if (chart.current !== target) return;
      drawn.markers.detach();
      drawn.series.forEach((added) => target.removeSeries(added));
    };
  }, [lines, markers, toggles, theme, daily, precision, height]);

  return (
    <div className="chart">
      <p id={descId} className="visually-hidden">
        {summaryText(candles, lines, strategy, daily)}
      </p>
      <figure ref={container} className="chart-canvas" aria-label={label} aria-describedby={descId} data-testid="candle-chart" style={{ height }} />
      <ChartLegend lines={lines} toggles={toggles} theme={theme} daily={daily} strategy={strategy} precision={precision} markers={markers} />
    </div>
  );
}

interface OverlayInput {
  lines: ChartIndicators;
  markers: FillMarker[];
  toggles: IndicatorToggles;
  theme: ChartTheme;
  daily: boolean;
  precision: number;
}

/** Adds every series the toggles ask for, pane by pane; returns them so the caller can take them off again. */
function drawOverlays(chart: IChartApi, candles: ISeriesApi<'Candlestick'>, { lines, markers, toggles, theme, daily, precision }: OverlayInput) {
  const added: ISeriesApi<SeriesType>[] = [];
  const names: string[] = [];
  const line = (name: string, points: readonly LinePoint[], color: string, pane: number, options: { style?: LineStyle; width?: 1 | 2; precision?: number } = {}) => {
    const format = options.precision === undefined ? {} : { priceFormat: { type: 'price' as const, precision: options.precision, minMove: 10 ** -options.precision } };
    const created = chart.addSeries(LineSeries, { ...overlay, ...format, color, lineWidth: options.width ?? 2, lineStyle: options.style ?? LineStyle.Solid }, pane);
    created.setData(toData(points));
    added.push(created);
    names.push(name);
    return created;
  };
  const levels = (target: ISeriesApi<'Line'>, prices: readonly number[]) =>
    prices.forEach((price) => target.createPriceLine({ price, color: theme.text, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title: '' }));
  const fixedRange = (minValue: number, maxValue: number) => ({ autoscaleInfoProvider: () => ({ priceRange: { minValue, maxValue } }) });
  // A bounded oscillator's axis ends at its bounds: the default margins labelled an RSI of 120.
  const tightScale = (series: ISeriesApi<'Line'>) => series.priceScale().applyOptions({ scaleMargins: { top: 0.04, bottom: 0.04 } });

  if (daily && lines.buyLine.length > 0) {
    // An area fills from its line down: the shading is the zone where a close buys (close ≤ EMA slow × threshold),
    // shaded only on candles where the trend condition (EMA fast ≥ EMA slow) holds too.
    const zone = chart.addSeries(AreaSeries, { ...overlay, lineColor: theme.buyLine, lineWidth: 1, lineStyle: LineStyle.Dotted, topColor: theme.buyZone, bottomColor: theme.buyZone, priceFormat: { type: 'price', precision, minMove: 10 ** -precision } }, 0);
    zone.setData(lines.buyLine.map((point) => ({ time: point.time as UTCTimestamp, value: point.value, ...(point.trendUp ? {} : { topColor: 'transparent', bottomColor: 'transparent' }) })));
    added.push(zone);
    names.push('buy-zone');
  }
  if (toggles.ma) {
    line('ma-fast', lines.maFast, theme.maFast, 0, { style: LineStyle.Dashed, width: 1 });
    line('ma-slow', lines.maSlow, theme.maSlow, 0, { style: LineStyle.Dashed, width: 1 });
  }
  line('ema-fast', lines.emaFast, theme.emaFast, 0);
  line('ema-slow', lines.emaSlow, theme.emaSlow, 0);

  let pane = 1;
  if (toggles.rsi) {
    const rsi = line('rsi', lines.rsi, theme.emaSlow, pane++, { precision: 1 });
    rsi.applyOptions(fixedRange(0, 100));
    tightScale(rsi);
    levels(rsi, INDICATOR_SETTINGS.rsi.levels);
  }
  if (toggles.macd) {
    const macdPane = pane++;
    const histogram = chart.addSeries(HistogramSeries, { ...overlay, priceFormat: { type: 'price', precision: precision + 2, minMove: 10 ** -(precision + 2) } }, macdPane);
    histogram.setData(lines.macd.histogram.map((point) => ({ time: point.time as UTCTimestamp, value: point.value, color: point.value >= 0 ? theme.up : theme.down })));
    added.push(histogram);
    names.push('macd-histogram');
    line('macd', lines.macd.macd, theme.emaFast, macdPane, { width: 1, precision: precision + 2 });
    line('macd-signal', lines.macd.signal, theme.maFast, macdPane, { width: 1, precision: precision + 2 });
  }
  if (toggles.williamsR) {
    const williams = line('williams-r', lines.williamsR, theme.maFast, pane++, { precision: 1 });
    williams.applyOptions(fixedRange(-100, 0));
    tightScale(williams);
    levels(williams, INDICATOR_SETTINGS.williamsR.levels);
  }
  chart.panes().forEach((each, index) => each.setStretchFactor(index === 0 ? PRICE_PANE_HEIGHT : INDICATOR_PANE_HEIGHT));

  const plugin = createSeriesMarkers(
    candles,
    markers.map((marker) => ({
      time: marker.time as UTCTimestamp,
      position: marker.side === 'buy' ? ('belowBar' as const) : ('aboveBar' as const),
      shape: marker.side === 'buy' ? ('arrowUp' as const) : ('arrowDown' as const),
      color: marker.paper ? theme.paper : theme.live,
      text: `${marker.paper ? 'P' : 'L'}${marker.count > 1 ? `×${marker.count}` : ''}`,
    })),
  );
  return { series: added, names, markers: plugin };
}

const lastOf = (points: readonly LinePoint[]) => points[points.length - 1]?.value ?? null;
const fixed = (value: number | null, places: number) => (value === null ? '—' : formatDecimal(value.toFixed(places)));

interface LegendProps {
  lines: ChartIndicators;
  toggles: IndicatorToggles;
  theme: ChartTheme;
  daily: boolean;
  strategy: StrategyLineParams;
  precision: number;
  markers: FillMarker[];
}

/** Names, colours and newest values of what is drawn: the chart's key, in text. */
function ChartLegend({ lines, toggles, theme, daily, strategy, precision, markers }: LegendProps) {
  const places = precision + 2;
  const items: { id: string; color: string; text: string; zone?: boolean }[] = [
    { id: 'ema-fast', color: theme.emaFast, text: `EMA${strategy.emaFast} ${fixed(lastOf(lines.emaFast), places)}` },
    { id: 'ema-slow', color: theme.emaSlow, text: `EMA${strategy.emaSlow} ${fixed(lastOf(lines.emaSlow), places)}` },
  ];
  if (daily) items.push({ id: 'buy-zone', color: theme.buyLine, zone: true, text: `Buy zone: close ≤ EMA${strategy.emaSlow} × ${strategy.buyThreshold} = ${fixed(lastOf(lines.buyLine), places)}, shaded while EMA${strategy.emaFast} ≥ EMA${strategy.emaSlow}` });
  if (toggles.ma) {
    items.push({ id: 'ma-fast', color: theme.maFast, text: `MA${strategy.emaFast} ${fixed(lastOf(lines.maFast), places)}` });
    items.push({ id: 'ma-slow', color: theme.maSlow, text: `MA${strategy.emaSlow} ${fixed(lastOf(lines.maSlow), places)}` });
  }
  if (markers.some((marker) => marker.paper)) items.push({ id: 'paper-fills', color: theme.paper, text: `P: the bot's paper fills (${markers.filter((m) => m.paper).reduce((n, m) => n + m.count, 0)})` });
  if (markers.some((marker) => !marker.paper)) items.push({ id: 'live-fills', color: theme.live, text: `L: the bot's live fills (${markers.filter((m) => !m.paper).reduce((n, m) => n + m.count, 0)})` });
  const { rsi, macd: macdSettings, williamsR } = INDICATOR_SETTINGS;
  if (toggles.rsi) items.push({ id: 'rsi', color: theme.emaSlow, text: `RSI(${rsi.window}) ${fixed(lastOf(lines.rsi), 1)} (lines at ${rsi.levels.join(' and ')})` });
  if (toggles.macd) {
    items.push({ id: 'macd', color: theme.emaFast, text: `MACD(${macdSettings.fast}/${macdSettings.slow}/${macdSettings.signal}) ${fixed(lastOf(lines.macd.macd), places)}` });
    items.push({ id: 'macd-signal', color: theme.maFast, text: `signal ${fixed(lastOf(lines.macd.signal), places)}` });
  }
  if (toggles.williamsR) items.push({ id: 'williams-r', color: theme.maFast, text: `Williams %R(${williamsR.window}) ${fixed(lastOf(lines.williamsR), 1)} (lines at ${williamsR.levels.join(' and ')})` });
  return (
    <ul className="chart-legend" data-testid="chart-legend">
      {items.map((item) => (
        <li key={item.id} data-series={item.id}>
          <span className={`swatch${item.zone ? ' zone' : ''}`} style={item.zone ? undefined : { background: item.color }} aria-hidden="true" />
          {item.text}
        </li>
      ))}
    </ul>
  );
}

/** The chart in one paragraph, for screen readers. */
function summaryText(candles: readonly Candle[], lines: ChartIndicators, strategy: StrategyLineParams, daily: boolean): string {
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) return 'No candles.';
  const low = candles.reduce((min, candle) => (Number(candle.low) < Number(min) ? candle.low : min), first.low);
  const high = candles.reduce((max, candle) => (Number(candle.high) > Number(max) ? candle.high : max), first.high);
  const line = lastOf(lines.buyLine);
  const zone = daily && line !== null ? ` The buy line (EMA${strategy.emaSlow} × ${strategy.buyThreshold}) is at ${line.toFixed(6)}; the last close is ${Number(last.close) <= line ? 'inside' : 'above'} the buy zone.` : '';
  return `${candles.length} candles from ${formatDate(first.time)} to ${formatDate(last.time)}. Last close ${formatDecimal(last.close)}; low ${formatDecimal(low)}, high ${formatDecimal(high)}.${zone}`;
}
