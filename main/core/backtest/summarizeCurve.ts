import { Decimal, type DecimalLike } from '../../../shared/decimal';
import { averageCost } from './averageCost';
import { maxDrawdownPercent } from './maxDrawdownPercent';

/** One way of spending the capital, day by day, and what it came to: the strategy, buy-and-hold or daily DCA. */
export interface CurveSummary {
  /** marked at each day's close: USDT + QRL × close */
  equity: { time: number; equityUsdt: string }[];
  finalEquityUsdt: string;
  pnlUsdt: string;
  /** percent, 2 places */
  maxDrawdownPercent: string;
  /** USDT paid for the QRL bought (fees are taken in QRL) */
  spentUsdt: string;
  /** QRL held at the end, after fees */
  baseAccumulated: string;
  /** spentUsdt / baseAccumulated; null when nothing was bought */
  averageCostUsdt: string | null;
  buys: number;
}

export interface CurveFacts {
  initialUsdt: DecimalLike;
  equity: { time: number; equityUsdt: string }[];
  spentUsdt: DecimalLike;
  baseAccumulated: DecimalLike;
  buys: number;
}

/** PnL, drawdown and average cost from a curve and what it bought: one rule for all three curves. */
export function summarizeCurve({ initialUsdt, equity, spentUsdt, baseAccumulated, buys }: CurveFacts): CurveSummary {
  const initial = Decimal.from(initialUsdt);
  const final = equity.length > 0 ? Decimal.from(equity[equity.length - 1]!.equityUsdt) : initial;
  return {
    equity,
    finalEquityUsdt: final.toString(),
    pnlUsdt: final.sub(initial).toString(),
    maxDrawdownPercent: maxDrawdownPercent(initial, equity.map((point) => point.equityUsdt)),
    spentUsdt: Decimal.from(spentUsdt).toString(),
    baseAccumulated: Decimal.from(baseAccumulated).toString(),
    averageCostUsdt: averageCost(spentUsdt, baseAccumulated),
    buys,
  };
}
