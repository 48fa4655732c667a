/**
 * What the chart draws over and under the candles, computed with the
 * strategy's own indicator module (shared/indicators.ts), so a line on the
 * chart and the number the strategy acted on are the same float.
 */
import { ema, macd, rsi, sma, williamsR } from '../../shared/indicators';
import type { ChartCandle } from './chartData';

/** The original dashboard's panes (7Spade/qrl): RSI(14) with 30/70 lines, MACD(12/26/9), Williams %R(14) with −20/−80 lines. */
export const INDICATOR_SETTINGS = {
  rsi: { window: 14, levels: [30, 70] },
  macd: { fast: 12, slow: 26, signal: 9 },
  williamsR: { window: 14, levels: [-80, -20] },
} as const;

export const indicatorToggleNames = ['ma', 'rsi', 'macd', 'williamsR'] as const;
export type IndicatorToggle = (typeof indicatorToggleNames)[number];
export type IndicatorToggles = Record<IndicatorToggle, boolean>;

/** The strategy settings the lines follow (shared/tradingSettings.ts). */
export interface StrategyLineParams {
  emaFast: number;
  emaSlow: number;
  buyThreshold: number;
  /** the strategy's window of daily candles: its EMAs seed from the first close in it */
  candleLimit: number;
}

export interface LinePoint {
  /** seconds, as the chart's candles */
  time: number;
  value: number;
}

export interface ZonePoint extends LinePoint {
  /** EMA fast ≥ EMA slow on that candle: the rule's second condition, so a close at or under the line would buy */
  trendUp: boolean;
}

export interface ChartIndicators {
  emaFast: LinePoint[];
  emaSlow: LinePoint[];
  maFast: LinePoint[];
  maSlow: LinePoint[];
  /** EMA slow × buyThreshold; the buy zone is at and under it. Daily candles only: the strategy's timeframe */
  buyLine: ZonePoint[];
  rsi: LinePoint[];
  macd: { macd: LinePoint[]; signal: LinePoint[]; histogram: LinePoint[] };
  williamsR: LinePoint[];
}

const points = (times: readonly number[], values: readonly number[]): LinePoint[] =>
  values.flatMap((value, i) => (Number.isFinite(value) ? [{ time: times[i]!, value }] : []));

/**
 * Every series the chart can show, for candles of one timeframe. On the daily
 * chart the EMAs run over the strategy's own window (the newest `candleLimit`
 * candles), so their newest values are exactly what the strategy compares.
 */
export function chartIndicators(candles: readonly ChartCandle[], params: StrategyLineParams, daily: boolean): ChartIndicators {
  const window = daily ? candles.slice(-params.candleLimit) : candles;
  const times = window.map((candle) => candle.time);
  const closes = window.map((candle) => candle.close);
  const fast = ema(closes, params.emaFast);
  const slow = ema(closes, params.emaSlow);
  const line = macd(closes, INDICATOR_SETTINGS.macd.fast, INDICATOR_SETTINGS.macd.slow, INDICATOR_SETTINGS.macd.signal);
  return {
    emaFast: points(times, fast),
    emaSlow: points(times, slow),
    maFast: points(times, sma(closes, params.emaFast)),
    maSlow: points(times, sma(closes, params.emaSlow)),
    // The same float product as the strategy: `emaSlow * params.buyThreshold`.
    buyLine: daily ? slow.flatMap((value, i) => (Number.isFinite(value) ? [{ time: times[i]!, value: value * params.buyThreshold, trendUp: fast[i]! >= value }] : [])) : [],
    rsi: points(times, rsi(closes, INDICATOR_SETTINGS.rsi.window)),
    macd: { macd: points(times, line.macd), signal: points(times, line.signal), histogram: points(times, line.histogram) },
    williamsR: points(times, williamsR(window.map((c) => c.high), window.map((c) => c.low), closes, INDICATOR_SETTINGS.williamsR.window)),
  };
}
