import { Decimal, type DecimalLike } from '../../../shared/decimal';
import { MEXC_MAX_OPEN_ORDERS } from '../../../shared/tradingSettings';
import type { MarketInfo } from './MarketInfo';
import type { OrderIntent } from './OrderIntent';

/**
 * What the exchange would refuse, refused here first (the original checked
 * none of it: defect 8 of the original bot, 7Spade/qrl). The intent is first normalized the way it
 * will be sent — price to the tick, amount cut to the step — and the normalized
 * order is what gets checked, so what passes is exactly what goes out.
 */
export const preTradeRejectionCodes = [
  'SYMBOL_MISMATCH',
  'MARKET_INACTIVE',
  'NOT_API_TRADEABLE',
  'SIDE_NOT_ALLOWED',
  'INVALID_ORDER',
  'PRICE_PRECISION',
  'AMOUNT_PRECISION',
  'BELOW_MIN_AMOUNT',
  'BELOW_MIN_COST',
  'ABOVE_MAX_COST',
  'INSUFFICIENT_BALANCE',
  'OPEN_ORDER_CAP',
] as const;
export type PreTradeRejectionCode = (typeof preTradeRejectionCodes)[number];

export interface PreTradeRejection {
  code: PreTradeRejectionCode;
  message: string;
}

export interface PreTradeContext {
  market: MarketInfo;
  /** free (not locked) balance per asset, e.g. { USDT: "120.5", QRL: "0" } */
  freeBalances: Readonly<Record<string, DecimalLike | undefined>>;
  /** this account's open orders right now */
  openOrderCount: number;
  /** the setting (RiskLimits.maxOpenOrders); MEXC's own cap of 500 applies on top */
  maxOpenOrders: number;
}

export type PreTradeResult =
  | { ok: true; order: OrderIntent; cost: string; adjustments: string[] }
  | { ok: false; rejections: PreTradeRejection[]; order: OrderIntent | null };

/**
 * Rounds a limit price to the tick on the passive side — a buy never pays more
 * than the strategy asked, a sell never sells for less — and cuts the amount
 * to the step (ccxt truncates amounts too). Both are then exact multiples of
 * the tick and step, so ccxt's own priceToPrecision/amountToPrecision leave
 * them as they are.
 */
export function normalizeOrder(intent: OrderIntent, market: MarketInfo): { order: OrderIntent; adjustments: string[] } {
  const price = Decimal.from(intent.price);
  const amount = Decimal.from(intent.amount);
  const normalizedPrice = price.roundToStep(market.priceTick, intent.side === 'buy' ? 'down' : 'up');
  const normalizedAmount = amount.roundToStep(market.amountStep, 'down');
  const adjustments: string[] = [];
  if (!normalizedPrice.eq(price)) adjustments.push(`price ${price.toString()} rounded to ${normalizedPrice.toString()} (tick ${market.priceTick})`);
  if (!normalizedAmount.eq(amount)) adjustments.push(`amount ${amount.toString()} cut to ${normalizedAmount.toString()} (step ${market.amountStep})`);
  return { order: { ...intent, price: normalizedPrice.toString(), amount: normalizedAmount.toString() }, adjustments };
}

export function checkPreTrade(intent: OrderIntent, context: PreTradeContext): PreTradeResult {
  const { market } = context;
  const rejections: PreTradeRejection[] = [];
  const reject = (code: PreTradeRejectionCode, message: string) => rejections.push({ code, message });

  if (intent.symbol !== market.symbol) reject('SYMBOL_MISMATCH', `The order is for ${intent.symbol} but the market info is for ${market.symbol}.`);
  if (!market.online) reject('MARKET_INACTIVE', `${market.symbol} is not trading on MEXC right now (paused or offline); try again when it reopens.`);
  if (!market.apiTradeable) reject('NOT_API_TRADEABLE', `MEXC does not allow ${market.symbol} to be traded through the API (isSpotTradingAllowed is false); it can only be traded on the website.`);
  const sideBlocked = market.sides === 'none' || (market.sides === 'buy-only' && intent.side === 'sell') || (market.sides === 'sell-only' && intent.side === 'buy');
  if (sideBlocked) reject('SIDE_NOT_ALLOWED', `MEXC accepts no ${intent.side} orders on ${market.symbol} at the moment (trade side: ${market.sides}).`);

  let price: Decimal;
  let amount: Decimal;
  try {
    price = Decimal.from(intent.price);
    amount = Decimal.from(intent.amount);
  } catch (error) {
    reject('INVALID_ORDER', `The order's price or amount is not a number: ${(error as Error).message}.`);
    return { ok: false, rejections, order: null };
  }
  if (!price.isPositive() || !amount.isPositive()) {
    reject('INVALID_ORDER', `Price and amount must be above 0 (price ${price.toString()}, amount ${amount.toString()}).`);
    return { ok: false, rejections, order: null };
  }

  const { order, adjustments } = normalizeOrder(intent, market);
  const normalizedPrice = Decimal.from(order.price);
  const normalizedAmount = Decimal.from(order.amount);
  const cost = normalizedPrice.mul(normalizedAmount);

  if (normalizedPrice.isZero()) reject('PRICE_PRECISION', `Price ${price.toString()} is below one tick (${market.priceTick}) of ${market.symbol}.`);
  if (normalizedAmount.isZero()) reject('AMOUNT_PRECISION', `Amount ${amount.toString()} is below one step (${market.amountStep}) of ${market.base}.`);

  if (!normalizedAmount.isZero() && market.minAmount !== null && normalizedAmount.lt(market.minAmount)) {
    reject('BELOW_MIN_AMOUNT', `Amount ${normalizedAmount.toString()} ${market.base} is below MEXC's minimum of ${market.minAmount} ${market.base}; raise the order size.`);
  }
  if (!cost.isZero() && market.minCost !== null && cost.lt(market.minCost)) {
    reject('BELOW_MIN_COST', `Order value ${cost.toString()} ${market.quote} is below MEXC's minimum of ${market.minCost} ${market.quote}; raise the order size.`);
  }
  if (market.maxCost !== null && cost.gt(market.maxCost)) {
    reject('ABOVE_MAX_COST', `Order value ${cost.toString()} ${market.quote} is above MEXC's maximum of ${market.maxCost} ${market.quote} for one order.`);
  }

  // A limit buy locks price × amount of the quote; a sell locks the amount (fees come out of what is received).
  const [asset, needed] = intent.side === 'buy' ? [market.quote, cost] : [market.base, normalizedAmount];
  const free = Decimal.from(context.freeBalances[asset] ?? 0);
  if (free.lt(needed)) {
    reject('INSUFFICIENT_BALANCE', `The order needs ${needed.toString()} ${asset} but only ${free.toString()} ${asset} is free.`);
  }

  const cap = Math.min(context.maxOpenOrders, MEXC_MAX_OPEN_ORDERS);
  if (context.openOrderCount + 1 > cap) {
    const whose = context.maxOpenOrders < MEXC_MAX_OPEN_ORDERS ? 'the open-order limit in settings' : "MEXC's limit";
    reject('OPEN_ORDER_CAP', `${context.openOrderCount} orders are already open and ${whose} is ${cap}; cancel one or wait for fills.`);
  }

  if (rejections.length > 0) return { ok: false, rejections, order };
  return { ok: true, order, cost: cost.toString(), adjustments };
}
