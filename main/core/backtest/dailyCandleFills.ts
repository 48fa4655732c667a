import { Decimal, amountToPrecision, type DecimalLike } from '../../../shared/decimal';
import type { MarketInfo } from '../trading/MarketInfo';

/**
 * How the backtests fill orders on daily candles: the paper broker's rules
 * (main/core/trading/PaperBroker.ts) as far as one open/high/low/close a day
 * allows (issue #17, "Honest backtests"). Kept here, not in PaperBroker.ts: the
 * live paper fills are moving to the tape (queue position, partial fills), which
 * daily candles cannot show. The sentence is what the UI and README say.
 */
export const DAILY_CANDLE_FILL_MODEL =
  "Daily-candle approximation of paper trading: the strategy's limit buy is placed at the day's open and rests (never canceled); " +
  'it fills in full at its limit price, as maker, on the first day whose low goes strictly below it (a touch is not a fill: the queue is unknown). ' +
  "Buy-and-hold and daily DCA buy at the day's open as taker. Fees are the market's maker/taker rates, taken from the QRL received. " +
  'No partial fills, no slippage beyond the open, no queue position.';

/** A resting limit buy at `price` fills on a day whose low goes strictly below it. */
export function limitBuyFills(dayLow: DecimalLike, price: DecimalLike): boolean {
  return Decimal.from(dayLow).lt(price);
}

export interface MarketBuy {
  /** QRL bought, before the fee */
  amount: Decimal;
  /** USDT paid */
  cost: Decimal;
  /** QRL kept back as the taker fee */
  fee: Decimal;
}

/**
 * A market buy of up to `usdt` at the day's open, as taker: the amount cut to
 * the market's step; null when it is under the market's minimum amount or cost
 * (MEXC would refuse it, code 30002).
 */
export function marketBuyAtOpen(usdt: DecimalLike, open: DecimalLike, market: MarketInfo): MarketBuy | null {
  const price = Decimal.from(open);
  if (!price.isPositive()) return null;
  const amount = amountToPrecision(Decimal.from(usdt).div(price, 18, 'down'), market.amountStep);
  const cost = amount.mul(price);
  if (!amount.isPositive()) return null;
  if (market.minAmount !== null && amount.lt(market.minAmount)) return null;
  if (market.minCost !== null && cost.lt(market.minCost)) return null;
  return { amount, cost, fee: amount.mul(market.takerFee) };
}
