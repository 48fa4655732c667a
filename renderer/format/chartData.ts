/**
 * Contract data → charting-library data. The library plots floats; what the
 * page shows as text stays the contract's decimal strings.
 */
import type { Candle } from '../../shared/contract';

/** The most fraction digits among the values, so the price axis shows them all (0.2143, not 0.21). */
export function decimalPrecision(values: readonly string[], fallback = 4): number {
  let digits = 0;
  for (const value of values) {
    const dot = value.indexOf('.');
    if (dot >= 0) digits = Math.max(digits, value.length - dot - 1);
  }
  return values.length ? Math.min(8, digits) : fallback;
}

export interface ChartCandle {
  /** seconds since epoch, UTC, as lightweight-charts wants */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export function toChartCandles(candles: readonly Candle[]): ChartCandle[] {
  const seen = new Set<number>();
  const out: ChartCandle[] = [];
  // The library requires strictly ascending, unique times.
  for (const candle of [...candles].sort((a, b) => a.time - b.time)) {
    const time = Math.floor(candle.time / 1000);
    if (seen.has(time)) continue;
    seen.add(time);
    out.push({ time, open: Number(candle.open), high: Number(candle.high), low: Number(candle.low), close: Number(candle.close) });
  }
  return out;
}

export function toChartLine(points: readonly { time: number; value: string }[]): { time: number; value: number }[] {
  const seen = new Set<number>();
  return [...points]
    .sort((a, b) => a.time - b.time)
    .filter((point) => {
      const time = Math.floor(point.time / 1000);
      if (seen.has(time)) return false;
      seen.add(time);
      return true;
    })
    .map((point) => ({ time: Math.floor(point.time / 1000), value: Number(point.value) }));
}
