import { Decimal, type DecimalLike } from '../../../shared/decimal';
import type { OHLCV } from '../trading/emaAccumulationStrategy';
import type { MarketInfo } from '../trading/MarketInfo';
import { marketBuyAtOpen } from './dailyCandleFills';
import { summarizeCurve, type CurveSummary } from './summarizeCurve';

const REPORT_PLACES = 8;

export interface AccumulateInput {
  /** the period's daily candles, oldest first */
  days: readonly OHLCV[];
  market: MarketInfo;
  initialUsdt: DecimalLike;
}

/**
 * A plan that only buys, at each day's open, as taker (dailyCandleFills.ts),
 * marked at each close. `spendOn(day, freeUsdt)` says how much USDT to spend
 * that day (null: nothing); a buy the free USDT cannot cover is skipped.
 */
export function accumulateAtOpen({ days, market, initialUsdt }: AccumulateInput, spendOn: (day: number, freeUsdt: Decimal) => DecimalLike | null): CurveSummary {
  const initial = Decimal.from(initialUsdt);
  let free = initial;
  let base = Decimal.ZERO;
  let spent = Decimal.ZERO;
  let buys = 0;
  const equity = days.map(([time, open, , , close], day) => {
    const usdt = spendOn(day, free);
    const buy = usdt === null ? null : marketBuyAtOpen(usdt, open, market);
    if (buy && buy.cost.lte(free)) {
      free = free.sub(buy.cost);
      base = base.add(buy.amount.sub(buy.fee));
      spent = spent.add(buy.cost);
      buys++;
    }
    return { time, equityUsdt: free.add(base.mul(close)).round(REPORT_PLACES, 'half-up').toString() };
  });
  return summarizeCurve({ initialUsdt: initial, equity, spentUsdt: spent, baseAccumulated: base, buys });
}
