/**
 * Contract data → charting-library data. The library plots floats; what the
 * page shows as text stays the contract's decimal strings.
 */
import type { Candle, Fill } from '../../shared/contract';

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

export interface FillMarker {
  /** the open time (s) of the candle the fill happened in */
  time: number;
  side: 'buy' | 'sell';
  paper: boolean;
  /** how many fills of this kind fall in that candle */
  count: number;
}

/**
 * The bot's fills as markers on the candles they happened in: the library
 * places a marker on a bar's time, so a fill is moved to the open of its
 * candle; fills of one kind in one candle become one marker with a count.
 * Fills before the first candle shown are left out.
 */
export function fillMarkers(fills: readonly Pick<Fill, 'time' | 'side' | 'paper'>[], candleTimes: readonly number[]): FillMarker[] {
  const markers = new Map<string, FillMarker>();
  for (const fill of fills) {
    const seconds = Math.floor(fill.time / 1000);
    const time = lastAtOrBefore(candleTimes, seconds);
    if (time === null) continue;
    const key = `${time}:${fill.side}:${fill.paper}`;
    const known = markers.get(key);
    if (known) known.count += 1;
    else markers.set(key, { time, side: fill.side, paper: fill.paper, count: 1 });
  }
  return [...markers.values()].sort((a, b) => a.time - b.time);
}

/** the largest of the ascending `times` that is ≤ `time`, or null */
function lastAtOrBefore(times: readonly number[], time: number): number | null {
  let low = 0;
  let high = times.length - 1;
  let found: number | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (times[middle]! <= time) {
      found = times[middle]!;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
