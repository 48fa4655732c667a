import { Decimal, type DecimalLike } from '../../../shared/decimal';
import type { RiskLimits } from '../../../shared/tradingSettings';
import type { OrderIntent } from './OrderIntent';

/**
 * The user's limits, checked after the pre-trade checks and before any broker
 * sees an order. The original's RiskManager.can_place_order (src/risk/manager.py)
 * checked, in order, position + order ≤ MAX_POSITION_USDT, order ≤ max order,
 * and orders today < 10 — the last never ran because the engine passed no
 * count, and the position grew when an order was placed rather than filled
 * (defect 2 of the original bot, 7Spade/qrl). Here every check runs, on facts the caller measured:
 * filled cost, open buys, the journal's count, the day's PnL.
 */
export const riskRejectionCodes = ['KILL_SWITCH', 'MAX_POSITION', 'MAX_ORDER_VALUE', 'DAILY_LOSS_CAP', 'MAX_ORDERS_PER_DAY'] as const;
export type RiskRejectionCode = (typeof riskRejectionCodes)[number];

export interface RiskRejection {
  code: RiskRejectionCode;
  message: string;
}

export interface RiskContext {
  limits: RiskLimits;
  /**
   * USDT in the position: the cost of filled buys still held (TradeHistory's
   * costBasis). The original's MAX_POSITION_USDT is a budget of USDT spent, so
   * cost, not market value: a falling price must not free more budget.
   */
  positionUsdt: DecimalLike;
  /** value of what open buy orders may still buy: Σ price × remaining */
  openBuyOrdersUsdt: DecimalLike;
  /** orders sent since local midnight (Journal.ordersPlacedSince) */
  ordersToday: number;
  /** realized + unrealized PnL since local midnight, negative for a loss (TradeHistory.pnlSince) */
  pnlTodayUsdt: DecimalLike;
  /** true while the user's kill switch is engaged: nothing new goes out */
  killSwitch: boolean;
}

export type RiskResult = { ok: true } | { ok: false; rejections: RiskRejection[] };

export function checkRiskLimits(order: OrderIntent, context: RiskContext): RiskResult {
  const { limits } = context;
  const rejections: RiskRejection[] = [];
  const reject = (code: RiskRejectionCode, message: string) => rejections.push({ code, message });
  const value = Decimal.from(order.price).mul(order.amount);
  const usdt = (amount: Decimal) => `${amount.toFixed(2)} USDT`;

  if (context.killSwitch) reject('KILL_SWITCH', 'The kill switch is on: no new orders until you turn it off.');

  if (order.side === 'buy') {
    const position = Decimal.from(context.positionUsdt);
    const openBuys = Decimal.from(context.openBuyOrdersUsdt);
    const total = position.add(openBuys).add(value);
    if (total.gt(limits.maxPositionUsdt)) {
      reject(
        'MAX_POSITION',
        `Position ${usdt(position)} + open buys ${usdt(openBuys)} + this order ${usdt(value)} = ${usdt(total)} would exceed the maximum position of ${usdt(Decimal.from(limits.maxPositionUsdt))}.`,
      );
    }
  }

  if (value.gt(limits.maxOrderUsdt)) {
    reject('MAX_ORDER_VALUE', `This order is worth ${usdt(value)}, above the maximum of ${usdt(Decimal.from(limits.maxOrderUsdt))} for one order.`);
  }

  // A loss cap stops new risk: it blocks buys; a sell only reduces the position.
  const pnlToday = Decimal.from(context.pnlTodayUsdt);
  if (order.side === 'buy' && pnlToday.neg().gte(limits.dailyLossCapUsdt)) {
    reject('DAILY_LOSS_CAP', `Today's loss of ${usdt(pnlToday.neg())} has reached the daily cap of ${usdt(Decimal.from(limits.dailyLossCapUsdt))}; buying resumes after local midnight.`);
  }

  if (context.ordersToday >= limits.maxOrdersPerDay) {
    reject('MAX_ORDERS_PER_DAY', `${context.ordersToday} orders were already sent today, the daily maximum is ${limits.maxOrdersPerDay}.`);
  }

  return rejections.length === 0 ? { ok: true } : { ok: false, rejections };
}
