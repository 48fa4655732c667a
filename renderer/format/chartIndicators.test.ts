import { describe, expect, it } from 'vitest';
import { lastEma } from '../../shared/indicators';
import type { ChartCandle } from './chartData';
import { fillMarkers } from './chartData';
import { chartIndicators } from './chartIndicators';

const DAY_S = 86_400;
const candles = (closes: number[]): ChartCandle[] => closes.map((close, i) => ({ time: i * DAY_S, open: close, high: close * 1.01, low: close * 0.99, close }));
const params = { emaFast: 20, emaSlow: 60, buyThreshold: 1.02, candleLimit: 120 };
const wave = (length: number) => Array.from({ length }, (_, i) => 0.4 + 0.05 * Math.sin(i / 9));

describe('chartIndicators: the lines the strategy acts on', () => {
  it("ends the daily EMA lines on the strategy's own values, over the strategy's window", () => {
    // 150 candles fetched, but the strategy reads the newest 120: its EMA seeds from the 31st.
    const closes = wave(150);
    const lines = chartIndicators(candles(closes), params, true);
    const window = closes.slice(-120);
    expect(lines.emaFast.at(-1)?.value).toBe(lastEma(window, 20));
    expect(lines.emaSlow.at(-1)?.value).toBe(lastEma(window, 60));
    expect(lines.buyLine.at(-1)?.value).toBe(lastEma(window, 60)! * 1.02);
    // The first EMA60 point is the 60th candle of the window.
    expect(lines.emaSlow[0]?.time).toBe((30 + 59) * DAY_S);
  });

  it('marks where the trend condition holds (EMA20 ≥ EMA60), so only that part of the zone is shaded', () => {
    const rising = chartIndicators(candles(Array.from({ length: 120 }, (_, i) => 0.3 + i * 0.001)), params, true);
    expect(rising.buyLine.every((point) => point.trendUp)).toBe(true);
    const falling = chartIndicators(candles(Array.from({ length: 120 }, (_, i) => 0.5 - i * 0.001)), params, true);
    expect(falling.buyLine.some((point) => point.trendUp)).toBe(false);
  });

  it('draws the buy zone only on daily candles, the timeframe the strategy reads', () => {
    expect(chartIndicators(candles(wave(120)), params, false).buyLine).toEqual([]);
  });

  it('leaves out the points an indicator has no value for yet', () => {
    const lines = chartIndicators(candles(wave(40)), params, true);
    expect(lines.emaSlow).toEqual([]);
    expect(lines.emaFast).toHaveLength(21);
    expect(lines.rsi).toHaveLength(40 - 13);
    expect(lines.macd.macd).toHaveLength(40 - 25);
    expect(lines.macd.signal).toHaveLength(40 - 33);
    expect(lines.williamsR).toHaveLength(40 - 13);
    expect(lines.maFast[0]?.value).toBeCloseTo(wave(20).reduce((a, b) => a + b) / 20, 12);
  });
});

describe('fillMarkers: fills on the candles they happened in', () => {
  const times = [0, 100, 200];
  it('moves a fill to the open of its candle and counts fills of one kind together', () => {
    const fills = [
      { time: 150_000, side: 'buy' as const, paper: true },
      { time: 199_000, side: 'buy' as const, paper: true },
      { time: 150_000, side: 'buy' as const, paper: false },
      { time: 250_000, side: 'buy' as const, paper: false },
    ];
    expect(fillMarkers(fills, times)).toEqual([
      { time: 100, side: 'buy', paper: true, count: 2 },
      { time: 100, side: 'buy', paper: false, count: 1 },
      { time: 200, side: 'buy', paper: false, count: 1 },
    ]);
  });

  it('leaves out fills older than the first candle shown', () => {
    expect(fillMarkers([{ time: -5_000, side: 'buy', paper: true }], times)).toEqual([]);
  });
});
