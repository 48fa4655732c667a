import { Decimal, type DecimalLike } from '../../../shared/decimal';
import type { StrategyParams } from '../../../shared/tradingSettings';
import { lastEma } from '../../../shared/indicators';
import type { OrderIntent } from './OrderIntent';

/**
 * The original bot's one strategy, reproduced rule for rule
 * (7Spade/qrl src/strategies/ema_strategy.py, src/core/engine.py,
 * src/execution/order_manager.py):
 * - EMA fast/slow (20/60) over the closes of the last `candleLimit` (120) daily
 *   candles, the day still forming included (engine.py fetches limit=120 and
 *   uses every row; ema_strategy.py reads `df.iloc[-1]`);
 * - BUY when close ≤ EMA60 × 1.02 and EMA20 ≥ EMA60 (ema_strategy.py lines 75-80, commit 2b97023):
 *   a level condition, not a crossover;
 * - never sells (`should_sell=False`): it accumulates;
 * - the order: one LIMIT BUY at ticker.last × PRICE_OFFSET for
 *   BASE_ORDER_USDT / price (order_manager.py calculate_order_params).
 * Pure: no clock, no network. Rounding to the market's tick and step, and every
 * limit, are the pre-trade checks' and risk limits' job.
 */

/** [timestamp ms, open, high, low, close, volume], oldest first, as ccxt's fetchOHLCV returns */
export type OHLCV = readonly [timestamp: number, open: number, high: number, low: number, close: number, volume: number];

export interface StrategyTicker {
  /** ccxt symbol, e.g. "QRL/USDT" */
  symbol: string;
  /** last traded price */
  last: DecimalLike;
}

export interface StrategyPosition {
  /** base asset held (QRL) */
  amount: DecimalLike;
}

export interface StrategyIndicators {
  emaFast: number | null;
  emaSlow: number | null;
  /** emaSlow × buyThreshold: the highest close that still counts as "near support" */
  threshold: number | null;
  close: number | null;
}

export interface StrategyDecision {
  action: 'buy' | 'hold';
  reason: string;
  indicators: StrategyIndicators;
}

export interface StrategyResult {
  intents: OrderIntent[];
  decision: StrategyDecision;
}

/** Places an unrounded amount keeps: far finer than any exchange step, cut later by the pre-trade checks. */
const AMOUNT_PLACES = 12;

export function emaAccumulationStrategy(
  candles: readonly OHLCV[],
  ticker: StrategyTicker,
  // The original's rule never looks at the position: MAX_POSITION_USDT is a risk limit (riskLimits.ts).
  _position: StrategyPosition,
  params: StrategyParams,
): StrategyResult {
  const fast = `EMA${params.emaFast}`;
  const slow = `EMA${params.emaSlow}`;
  const none: StrategyIndicators = { emaFast: null, emaSlow: null, threshold: null, close: null };
  const hold = (reason: string, indicators: StrategyIndicators = none): StrategyResult => ({
    intents: [],
    decision: { action: 'hold', reason: `${reason}: hold`, indicators },
  });

  // The engine asks for `limit=120` and the EMA seeds from the first close it sees, so the window matters.
  const window = candles.slice(-params.candleLimit);
  if (window.length < params.emaSlow) {
    return hold(`Only ${window.length} daily candle${window.length === 1 ? '' : 's'}; ${slow} needs at least ${params.emaSlow}`);
  }
  for (let i = 1; i < window.length; i++) {
    if (!(window[i]![0] > window[i - 1]![0])) return hold(`Candles are not in time order at index ${i}; refusing to compute EMAs`);
  }
  const closes = window.map((candle) => candle[4]);
  if (!closes.every((close) => Number.isFinite(close) && close > 0)) return hold('A candle has no valid close price');

  const emaFast = lastEma(closes, params.emaFast)!;
  const emaSlow = lastEma(closes, params.emaSlow)!;
  const close = closes[closes.length - 1]!;
  // Float arithmetic on purpose, as pandas does it: `latest["close"] <= latest["ema_long"] * self.support_threshold`.
  const threshold = emaSlow * params.buyThreshold;
  const indicators: StrategyIndicators = { emaFast, emaSlow, threshold, close };

  const places = displayPlaces(close);
  const f = (value: number) => value.toFixed(places);
  const nearSupport = close <= threshold;
  const momentum = emaFast >= emaSlow;
  const supportText = `Close ${f(close)} ${nearSupport ? '≤' : '>'} ${slow}×${params.buyThreshold} = ${f(threshold)}`;
  const momentumText = `${fast} ${f(emaFast)} ${momentum ? '≥' : '<'} ${slow} ${f(emaSlow)}`;

  if (!nearSupport || !momentum) {
    const why = [!nearSupport ? `${supportText} (not near support)` : null, !momentum ? `${momentumText} (no upward momentum)` : null].filter(Boolean);
    return hold(why.join(' and '), indicators);
  }

  const last = Decimal.from(ticker.last);
  if (!last.isPositive()) return hold(`${supportText} and ${momentumText}, but the last price ${last.toString()} is not usable`, indicators);
  const price = last.mul(params.priceOffset);
  const amount = Decimal.from(params.baseOrderUsdt).div(price, AMOUNT_PLACES, 'down');
  const reason = `${supportText} and ${momentumText}: buy`;
  return {
    intents: [{ symbol: ticker.symbol, side: 'buy', type: 'limit', price: price.toString(), amount: amount.toString(), reason }],
    decision: { action: 'buy', reason, indicators },
  };
}

/** enough places to tell QRL's prices apart (at least 4), from the close's own digits */
function displayPlaces(close: number): number {
  const fraction = String(close).split('.')[1] ?? '';
  return Math.min(8, Math.max(4, fraction.length));
}
