import type { Account, Accounts } from './Accounts';
import { dec, div, floorTo, hasAtMostPlaces, min, mul, plain, str, type Dec } from './Decimal';
import { MexcError } from './errors';
import type { BookSnapshot, OrderBookModel } from './OrderBookModel';
import type { PricePath } from './PricePath';
import type { SymbolSpec } from './symbols';

export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'PARTIALLY_CANCELED';
export type OrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL';

export interface SimOrder {
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: 'BUY' | 'SELL';
  type: OrderType;
  price: Dec | null;
  origQty: Dec;
  origQuoteOrderQty: Dec;
  executedQty: Dec;
  cummulativeQuoteQty: Dec;
  status: OrderStatus;
  time: number;
  updateTime: number;
  /** funds still locked for the unfilled part (quote for a buy, base for a sell) */
  locked: Dec;
}

export interface SimTrade {
  id: string;
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  price: Dec;
  qty: Dec;
  quoteQty: Dec;
  commission: Dec;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

export interface NewOrderParams {
  symbol: string;
  side?: string;
  type?: string;
  quantity?: string;
  quoteOrderQty?: string;
  price?: string;
  newClientOrderId?: string;
}

export const OPEN_ORDER_CAP = 500;
/** How deep a crossing order may walk the book. */
export const BOOK_LEVELS = 5000;

const OPEN: OrderStatus[] = ['NEW', 'PARTIALLY_FILLED'];
export const isOpen = (order: SimOrder) => OPEN.includes(order.status);

/**
 * Orders against the seeded market. A crossing order takes liquidity from the
 * book at once (taker fee), and its fills print on the public tape and dent
 * the book, which refills; the rest of a LIMIT order rests and fills at its own
 * price when the path trades through it (maker fee). Balances move exactly
 * (BigInt decimals) between free and locked.
 */
export class MatchingEngine {
  private sequence = 0;
  private tradeSequence = 0;

  constructor(
    private readonly accounts: Accounts,
    private readonly paths: Map<string, PricePath>,
    private readonly books: Map<string, OrderBookModel>,
    private readonly seed: number,
  ) {}

  /** The symbol's book at `now` (OrderBookModel): varying spread and depth, dented by recent prints. */
  book(spec: SymbolSpec, now: number, limit: number): BookSnapshot {
    return this.books.get(spec.symbol)!.book(now, limit);
  }

  place(account: Account, spec: SymbolSpec, params: NewOrderParams, now: number, dryRun = false): SimOrder {
    const order = this.validate(account, spec, params, now);
    if (dryRun) return order;
    if (order.clientOrderId) account.ordersByClientId.set(order.clientOrderId, order);
    account.orders.set(order.orderId, order);
    this.lock(account, spec, order);
    this.take(account, spec, order, now);
    this.settleTimeInForce(account, spec, order, now);
    return order;
  }

  cancel(account: Account, spec: SymbolSpec, order: SimOrder, now: number): SimOrder {
    if (!isOpen(order)) throw MexcError.of('unknownOrder');
    order.status = order.executedQty > 0n ? 'PARTIALLY_CANCELED' : 'CANCELED';
    order.updateTime = now;
    this.release(account, spec, order);
    return order;
  }

  /** Resting orders fill when the path trades through their price in (from, to]. */
  onTimeMoved(from: number, to: number): void {
    if (to <= from) return;
    for (const account of this.accounts.allAccounts()) {
      for (const order of account.orders.values()) {
        if (!isOpen(order) || order.price === null) continue;
        const path = this.paths.get(order.symbol)!;
        const { low, high } = path.range(from + 1, to + 1);
        const price = Number(str(order.price));
        const crossed = order.side === 'BUY' ? low <= price : high >= price;
        if (!crossed) continue;
        const remaining = order.origQty - order.executedQty;
        this.fill(account, path.spec, order, order.price, remaining, true, to);
        order.status = 'FILLED';
        this.release(account, path.spec, order);
      }
    }
  }

  private validate(account: Account, spec: SymbolSpec, params: NewOrderParams, now: number): SimOrder {
    if (spec.status !== '1') throw MexcError.of('symbolSuspended');
    if (!spec.isSpotTradingAllowed) throw MexcError.of('symbolNotApiTradeable');
    if (!params.side || !params.type) throw MexcError.of('missingParam');
    if (params.side !== 'BUY' && params.side !== 'SELL') throw MexcError.of('badParam');
    const type = params.type as OrderType;
    if (!['LIMIT', 'MARKET', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'].includes(type)) throw MexcError.of('badParam');
    if (!spec.orderTypes.includes(type)) throw MexcError.of('orderTypeNotAllowed');
    if (params.newClientOrderId !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(params.newClientOrderId)) throw MexcError.of('illegalCharacters');
    if (params.newClientOrderId && account.ordersByClientId.has(params.newClientOrderId)) {
      // Undocumented at MEXC; the simulator refuses a reused client id (see README).
      throw new MexcError(400, 33333, `param is error: duplicate newClientOrderId ${params.newClientOrderId}`);
    }

    const quantity = parseDecimalParam(params.quantity);
    const quoteOrderQty = parseDecimalParam(params.quoteOrderQty);
    const price = parseDecimalParam(params.price);
    const needsPrice = type !== 'MARKET';
    if (needsPrice && (quantity === null || price === null)) throw MexcError.of('missingParam');
    if (!needsPrice && quantity === null && quoteOrderQty === null) throw MexcError.of('missingParam');
    if (quantity !== null && !hasAtMostPlaces(quantity, spec.baseAssetPrecision)) throw MexcError.of('amountPrecision');
    if (price !== null && !hasAtMostPlaces(price, spec.quoteAssetPrecision)) throw new MexcError(400, 30010, 'price decimal places is too long');
    if (quantity !== null && quantity < dec(spec.baseSizePrecision)) {
      throw MexcError.of('belowMinNotional', `${spec.baseSizePrecision}${spec.baseAsset}`);
    }
    const reference = price ?? dec(this.paths.get(spec.symbol)!.priceAt(now).toFixed(spec.quoteAssetPrecision));
    const notional = quoteOrderQty ?? mul(quantity!, reference);
    if (notional < dec(spec.quoteAmountPrecision)) throw MexcError.of('belowMinNotional', `${spec.quoteAmountPrecision}${spec.quoteAsset}`);
    if (notional > dec(spec.maxQuoteAmount)) throw MexcError.of('aboveMaxNotional', `${spec.maxQuoteAmount}${spec.quoteAsset}`);
    const open = [...account.orders.values()].filter(isOpen).length;
    if (open >= OPEN_ORDER_CAP) throw MexcError.of('openOrderLimit');

    if (params.side === 'BUY') {
      if (this.accounts.asset(account, spec.quoteAsset).free < notional) throw MexcError.of('insufficientBalance');
    } else if (quantity !== null && this.accounts.asset(account, spec.baseAsset).free < quantity) {
      throw MexcError.of('oversold');
    }
    if (type === 'LIMIT_MAKER' && this.wouldCross(spec, params.side, price!, now)) {
      throw new MexcError(400, 30041, 'current order type can not place order: LIMIT_MAKER would match immediately');
    }

    const orderId = this.nextOrderId(now);
    return {
      orderId,
      clientOrderId: params.newClientOrderId ?? null,
      symbol: spec.symbol,
      side: params.side,
      type,
      price,
      origQty: quantity ?? 0n,
      origQuoteOrderQty: quoteOrderQty ?? 0n,
      executedQty: 0n,
      cummulativeQuoteQty: 0n,
      status: 'NEW',
      time: now,
      updateTime: now,
      locked: 0n,
    };
  }

  private wouldCross(spec: SymbolSpec, side: 'BUY' | 'SELL', price: Dec, now: number): boolean {
    const { bids, asks } = this.book(spec, now, 1);
    return side === 'BUY' ? price >= asks[0]![0] : price <= bids[0]![0];
  }

  private lock(account: Account, spec: SymbolSpec, order: SimOrder) {
    if (order.side === 'BUY') {
      const quote = this.accounts.asset(account, spec.quoteAsset);
      const amount = order.price !== null ? mul(order.origQty, order.price) : order.origQuoteOrderQty > 0n ? order.origQuoteOrderQty : quote.free;
      order.locked = min(amount, quote.free);
      quote.free -= order.locked;
      quote.locked += order.locked;
    } else {
      const base = this.accounts.asset(account, spec.baseAsset);
      order.locked = order.origQty > 0n ? order.origQty : 0n;
      base.free -= order.locked;
      base.locked += order.locked;
    }
  }

  private release(account: Account, spec: SymbolSpec, order: SimOrder) {
    const asset = this.accounts.asset(account, order.side === 'BUY' ? spec.quoteAsset : spec.baseAsset);
    asset.locked -= order.locked;
    asset.free += order.locked;
    order.locked = 0n;
  }

  /** Take liquidity from the book for the crossing part of the order. */
  private take(account: Account, spec: SymbolSpec, order: SimOrder, now: number) {
    const { bids, asks } = this.book(spec, now, BOOK_LEVELS);
    const levels = order.side === 'BUY' ? asks : bids;
    if (order.type === 'FILL_OR_KILL') {
      // FOK checks the whole book first: all or nothing.
      const available = levels.filter(([p]) => (order.side === 'BUY' ? p <= order.price! : p >= order.price!)).reduce((sum, [, q]) => sum + q, 0n);
      if (available < order.origQty) return;
    }
    const step = 10n ** BigInt(8 - spec.baseAssetPrecision);
    for (const [levelPrice, levelQty] of levels) {
      if (order.price !== null && (order.side === 'BUY' ? levelPrice > order.price : levelPrice < order.price)) break;
      let qty: Dec;
      if (order.type === 'MARKET' && order.origQty === 0n) {
        const budget = order.origQuoteOrderQty - order.cummulativeQuoteQty;
        qty = min(levelQty, floorTo(div(budget, levelPrice), spec.baseAssetPrecision));
      } else {
        qty = min(levelQty, order.origQty - order.executedQty);
      }
      if (qty < step) break;
      if (order.type === 'MARKET' && order.side === 'BUY' && order.price === null && order.origQuoteOrderQty === 0n) {
        // Market buy by quantity: stop where the locked quote runs out.
        const affordable = floorTo(div(order.locked, levelPrice), spec.baseAssetPrecision);
        qty = min(qty, affordable);
        if (qty < step) break;
      }
      this.fill(account, spec, order, levelPrice, qty, false, now);
    }
  }

  private settleTimeInForce(account: Account, spec: SymbolSpec, order: SimOrder, now: number) {
    const target = order.origQty > 0n ? order.origQty : null;
    const complete = target !== null ? order.executedQty >= target : order.cummulativeQuoteQty > 0n;
    if (complete) {
      order.status = 'FILLED';
    } else if (order.type === 'LIMIT' || order.type === 'LIMIT_MAKER') {
      order.status = order.executedQty > 0n ? 'PARTIALLY_FILLED' : 'NEW';
      return; // rests: keep the lock
    } else {
      order.status = order.executedQty > 0n ? 'PARTIALLY_CANCELED' : 'CANCELED';
    }
    order.updateTime = now;
    this.release(account, spec, order);
  }

  private fill(account: Account, spec: SymbolSpec, order: SimOrder, price: Dec, qty: Dec, isMaker: boolean, now: number) {
    const quoteQty = mul(price, qty);
    const rate = dec(isMaker ? spec.makerCommission : spec.takerCommission);
    const quote = this.accounts.asset(account, spec.quoteAsset);
    const base = this.accounts.asset(account, spec.baseAsset);
    let commission: Dec;
    let commissionAsset: string;
    if (order.side === 'BUY') {
      commission = mul(qty, rate);
      commissionAsset = spec.baseAsset;
      const spend = min(quoteQty, order.locked);
      order.locked -= spend;
      quote.locked -= spend;
      base.free += qty - commission;
    } else {
      commission = mul(quoteQty, rate);
      commissionAsset = spec.quoteAsset;
      if (order.locked >= qty) {
        order.locked -= qty;
        base.locked -= qty;
      } else {
        base.free -= qty; // market sell by quote amount: nothing was locked
      }
      quote.free += quoteQty - commission;
    }
    order.executedQty += qty;
    order.cummulativeQuoteQty += quoteQty;
    order.updateTime = now;
    if (order.status === 'NEW') order.status = 'PARTIALLY_FILLED';
    account.trades.push({
      id: `${order.orderId.slice(0, 20)}X${++this.tradeSequence}`,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      symbol: spec.symbol,
      price,
      qty,
      quoteQty,
      commission,
      commissionAsset,
      time: now,
      isBuyer: order.side === 'BUY',
      isMaker,
    });
    // The fill prints on the public tape (and so dents the book): the buyer was the maker when a resting buy filled or a sell took.
    this.paths.get(spec.symbol)!.recordOwnFill({ time: now, price: Number(str(price)), qty: Number(str(qty)), buyerMaker: (order.side === 'BUY') === isMaker });
  }

  private nextOrderId(now: number): string {
    // Hex-like string ids, as MEXC's REST API returns them.
    const n = ++this.sequence;
    return (now.toString(16) + n.toString(16).padStart(8, '0') + (this.seed >>> 0).toString(16)).padEnd(32, '0').slice(0, 32);
  }
}

function parseDecimalParam(value: string | undefined): Dec | null {
  if (value === undefined || value === '') return null;
  if (!/^\d+(\.\d+)?$/.test(value)) throw MexcError.of('badParam');
  let parsed: Dec;
  try {
    parsed = dec(value);
  } catch {
    throw MexcError.of('amountPrecision');
  }
  if (parsed <= 0n) throw new MexcError(400, 10102, 'amount cannot be zero or negative');
  return parsed;
}

export { plain, str };
