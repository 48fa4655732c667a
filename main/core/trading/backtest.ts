import { Decimal, type DecimalLike } from '../../../shared/decimal';
import type { RiskLimits, StrategyParams } from '../../../shared/tradingSettings';
import { emaAccumulationStrategy, type OHLCV } from './emaAccumulationStrategy';
import type { MarketInfo } from './MarketInfo';
import { checkPreTrade } from './preTradeChecks';
import { checkRiskLimits } from './riskLimits';
import type { TradeAmounts } from './TradeAmounts';
import { limitBuyFills } from '../backtest/dailyCandleFills';
import { summarizeCurve, type CurveSummary } from '../backtest/summarizeCurve';

/**
 * The strategy replayed day by day over historical daily candles, with exact
 * decimals and no clock or randomness: the same input gives the same report,
 * to the last digit.
 *
 * When the strategy runs (decided here, stated once): at each day's OPEN.
 * The original runs at 09:00 Asia/Taipei, shortly after the daily candle opens,
 * on a candle still forming. Daily candles cannot show 09:00, so day d's run
 * sees every candle before d (closed) plus day d as the forming candle with
 * open = high = low = close = d's open, and ticker.last = d's open. It never
 * sees anything of day d past its open: no look-ahead.
 *
 * Orders and fills (the daily-candle approximation of paper trading,
 * main/core/backtest/dailyCandleFills.ts):
 * - a buy passes the same pre-trade checks (tick, step, minimums, free USDT,
 *   open-order cap) and risk limits (max position incl. open buys, max order
 *   value, orders per day) as live trading; the daily loss cap and the kill
 *   switch are not simulated (no loss can have happened at the open);
 * - it rests like the original's (never canceled) and fills in full at its
 *   limit price, as maker, on the first day from d on whose low is strictly
 *   below that price (a touch is not a fill: queue position is unknown);
 * - the maker fee comes out of the QRL received, as on MEXC.
 * Equity is marked at each day's close: USDT (free + locked) + QRL × close.
 */

export interface BacktestInput {
  /** daily candles, oldest first; the last may be today's (it is read like the others) */
  candles: readonly OHLCV[];
  params: StrategyParams;
  risk: RiskLimits;
  market: MarketInfo;
  initialUsdt: DecimalLike;
  /** ms epoch of the first day to trade and report; earlier candles only warm the EMAs up. Default: the first candle */
  startAt?: number;
  /** default: derived from the candles, so it is deterministic too */
  runId?: string;
  /** called after each simulated day */
  onProgress?: (done: number, total: number) => void;
}

export interface BacktestTrade extends TradeAmounts {
  /** open time of the day the fill happened */
  time: number;
  reason: string;
}

export interface BacktestDecision {
  time: number;
  action: 'buy' | 'hold' | 'rejected';
  reason: string;
}

export interface BacktestReport {
  runId: string;
  from: number;
  to: number;
  trades: BacktestTrade[];
  decisions: BacktestDecision[];
  initialUsdt: string;
  finalEquityUsdt: string;
  pnlUsdt: string;
  /** the largest peak-to-trough fall of equity, in percent, 2 places */
  maxDrawdownPercent: string;
  equity: { time: number; equityUsdt: string }[];
  /** where the run ended */
  finalUsdt: string;
  finalBase: string;
  openOrders: number;
  /** USDT paid for the QRL bought, and per QRL held (null: nothing bought) */
  spentUsdt: string;
  averageCostUsdt: string | null;
}

const REPORT_PLACES = 8;

interface SimOrder {
  price: Decimal;
  amount: Decimal;
  reason: string;
}

export function runBacktest(input: BacktestInput): BacktestReport {
  const { candles, params, risk, market } = input;
  for (let i = 1; i < candles.length; i++) {
    if (!(candles[i]![0] > candles[i - 1]![0])) throw new RangeError(`candles must be in time order, oldest first (index ${i})`);
  }
  const initialUsdt = Decimal.from(input.initialUsdt);
  if (!initialUsdt.isPositive()) throw new RangeError('initialUsdt must be above 0');
  const first = input.startAt === undefined ? 0 : candles.findIndex((candle) => candle[0] >= input.startAt!);
  const days = first < 0 ? [] : candles.slice(first);

  let freeUsdt = initialUsdt;
  let lockedUsdt = Decimal.ZERO;
  let base = Decimal.ZERO;
  let positionCost = Decimal.ZERO; // USDT spent on QRL held: the max-position measure
  const open: SimOrder[] = [];
  const trades: BacktestTrade[] = [];
  const decisions: BacktestDecision[] = [];
  const equity: { time: number; equityUsdt: string }[] = [];
  const makerFee = Decimal.from(market.makerFee);

  days.forEach((day, offset) => {
    const index = first + offset;
    const [time, openPrice, , low, close] = day;
    const dayOpen = Decimal.from(openPrice);

    // 1. The run at the day's open.
    const forming: OHLCV = [time, openPrice, openPrice, openPrice, openPrice, 0];
    const seen = [...candles.slice(Math.max(0, index - params.candleLimit + 1), index), forming];
    const { intents, decision } = emaAccumulationStrategy(seen, { symbol: market.symbol, last: dayOpen }, { amount: base }, params);
    const intent = intents[0];
    if (!intent) {
      decisions.push({ time, action: 'hold', reason: decision.reason });
    } else {
      const pre = checkPreTrade(intent, {
        market,
        freeBalances: { [market.quote]: freeUsdt, [market.base]: base },
        openOrderCount: open.length,
        maxOpenOrders: risk.maxOpenOrders,
      });
      if (!pre.ok) {
        decisions.push({ time, action: 'rejected', reason: `${decision.reason}; refused: ${pre.rejections.map((r) => r.message).join(' ')}` });
      } else {
        const openBuys = Decimal.sum(open.map((order) => order.price.mul(order.amount)));
        const checked = checkRiskLimits(pre.order, { limits: risk, positionUsdt: positionCost, openBuyOrdersUsdt: openBuys, ordersToday: 0, pnlTodayUsdt: 0, killSwitch: false });
        if (!checked.ok) {
          decisions.push({ time, action: 'rejected', reason: `${decision.reason}; refused: ${checked.rejections.map((r) => r.message).join(' ')}` });
        } else {
          const price = Decimal.from(pre.order.price);
          const amount = Decimal.from(pre.order.amount);
          const cost = price.mul(amount);
          freeUsdt = freeUsdt.sub(cost);
          lockedUsdt = lockedUsdt.add(cost);
          open.push({ price, amount, reason: decision.reason });
          decisions.push({ time, action: 'buy', reason: `${decision.reason}: limit ${amount.toString()} @ ${price.toString()}` });
        }
      }
    }

    // 2. The day's trading: resting buys fill when the low goes below them.
    const dayLow = Decimal.from(low);
    for (let i = 0; i < open.length; ) {
      const order = open[i]!;
      if (!limitBuyFills(dayLow, order.price)) {
        i++;
        continue;
      }
      const cost = order.price.mul(order.amount);
      const fee = order.amount.mul(makerFee);
      lockedUsdt = lockedUsdt.sub(cost);
      base = base.add(order.amount.sub(fee));
      positionCost = positionCost.add(cost);
      trades.push({ time, side: 'buy', price: order.price.toString(), amount: order.amount.toString(), cost: cost.toString(), fee: fee.toString(), feeCurrency: market.base, reason: order.reason });
      open.splice(i, 1);
    }

    // 3. Marked to the close.
    const value = freeUsdt.add(lockedUsdt).add(base.mul(close));
    equity.push({ time, equityUsdt: value.round(REPORT_PLACES, 'half-up').toString() });
    input.onProgress?.(offset + 1, days.length);
  });

  const curve: CurveSummary = summarizeCurve({ initialUsdt, equity, spentUsdt: positionCost, baseAccumulated: base, buys: trades.length });
  const from = days[0]?.[0] ?? 0;
  const to = days[days.length - 1]?.[0] ?? 0;
  return {
    runId: input.runId ?? `bt-${from}-${to}`,
    from,
    to,
    trades,
    decisions,
    initialUsdt: initialUsdt.toString(),
    finalEquityUsdt: curve.finalEquityUsdt,
    pnlUsdt: curve.pnlUsdt,
    maxDrawdownPercent: curve.maxDrawdownPercent,
    equity,
    finalUsdt: freeUsdt.add(lockedUsdt).round(REPORT_PLACES, 'half-up').toString(),
    finalBase: base.round(REPORT_PLACES, 'half-up').toString(),
    openOrders: open.length,
    spentUsdt: curve.spentUsdt,
    averageCostUsdt: curve.averageCostUsdt,
  };
}
