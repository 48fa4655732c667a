import { Decimal } from '../../../../shared/decimal';
import type { CandleValues, HeldCandles } from './HeldCandles';

/**
 * MEXC's 24 h statistics (GET /api/v3/ticker/24hr) are over a rolling
 * window "computed in 5-minute steps" (MEXC's Spot v3 docs, CN edition): it
 * opens at the 5-minute boundary at or before now − 24 h and runs to now.
 * The 5-minute candles from that boundary to now cover exactly that window,
 * so summing them (open of the first, extremes, volumes) gives MEXC's numbers.
 */
export const ROLLING_STEP_MS = 5 * 60_000;
export const ROLLING_WINDOW_MS = 24 * 3_600_000;
/** The 5-minute candles a seed needs: the window's 288 steps, the forming one, and one to spare. */
export const ROLLING_SEED_CANDLES = ROLLING_WINDOW_MS / ROLLING_STEP_MS + 2;

/** The 24 h window as one candle: openTime is the window's first moment, close the newest candle's close. */
export type Rolling24h = CandleValues;

export const rollingWindowStart = (now: number) => Math.floor((now - ROLLING_WINDOW_MS) / ROLLING_STEP_MS) * ROLLING_STEP_MS;

/**
 * The 24 h statistics from held 5-minute candles, or null when a window in
 * them is missing (the reader then reseeds from REST). Approximations, both
 * bounded by the push cadence (about a second at MEXC): a closed window keeps
 * the values of its last push, which may miss its final moments; and the
 * forming window may not have pushed yet right after it opened, so the
 * newest held window may be the one before it.
 */
export function rolling24h(candles: HeldCandles, now: number): Rolling24h | null {
  const start = rollingWindowStart(now);
  const forming = Math.floor(now / ROLLING_STEP_MS) * ROLLING_STEP_MS;
  const held = [];
  for (let open = start; open <= forming; open += ROLLING_STEP_MS) {
    const candle = candles.get(open);
    if (candle) held.push(candle);
    else if (open !== forming) return null;
  }
  const first = held[0];
  const last = held.at(-1);
  if (!first || !last) return null;
  return {
    openTime: start,
    open: first.open,
    high: Decimal.max(first.high, ...held.map((c) => c.high)).toString(),
    low: Decimal.min(first.low, ...held.map((c) => c.low)).toString(),
    close: last.close,
    volume: Decimal.sum(held.map((c) => c.volume)).toString(),
    quoteVolume: Decimal.sum(held.map((c) => c.quoteVolume)).toString(),
  };
}
