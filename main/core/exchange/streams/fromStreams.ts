import type { OHLCV, OrderBook, Ticker, Trade } from 'ccxt';
import { Decimal } from '../../../../shared/decimal';
import type { StreamCandle } from './HeldCandles';
import type { AccountBody, BookTickerBody, DealBody } from './mexcPushProto';
import type { StreamBook } from './MexcStreams';
import type { Rolling24h } from './rolling24h';

/** GET /api/v3/account as MEXC sends it: the exact strings LiveBroker reads. */
export interface RawAccount {
  balances?: { asset: string; free: string; locked: string }[];
  [key: string]: unknown;
}

/**
 * A ticker whose price and book are live from the stream, over 24 h
 * statistics from REST. The change is recomputed from the live price against
 * the 24 h open; it is for display, no decision uses it.
 */
export function liveTicker(stats: Ticker, book: BookTickerBody, lastDeal: DealBody | undefined, now: number): Ticker {
  const last = lastDeal ? Number(lastDeal.price) : stats.last;
  const open = stats.open;
  const change = last !== undefined && open ? last - open : stats.change;
  return {
    ...stats,
    timestamp: now,
    datetime: new Date(now).toISOString(),
    bid: Number(book.bidPrice),
    bidVolume: Number(book.bidQuantity),
    ask: Number(book.askPrice),
    askVolume: Number(book.askQuantity),
    last,
    close: last,
    change,
    percentage: open && change !== undefined ? (change / open) * 100 : stats.percentage,
  };
}

export function streamBookToOrderBook(symbol: string, book: StreamBook, limit: number): OrderBook {
  const side = (levels: [string, string][]) => levels.slice(0, limit).map(([price, quantity]) => [Number(price), Number(quantity)]);
  return {
    symbol,
    bids: side(book.bids),
    asks: side(book.asks),
    timestamp: book.receivedAt,
    datetime: new Date(book.receivedAt).toISOString(),
    nonce: Number(book.version),
  } as OrderBook;
}

/** A public deal as ccxt's fetchTrades gives one (MEXC's aggTrades carry no id either). */
export function streamDealToTrade(symbol: string, deal: DealBody): Trade {
  const price = Number(deal.price);
  const amount = Number(deal.quantity);
  return {
    info: deal,
    id: undefined,
    timestamp: deal.time,
    datetime: new Date(deal.time).toISOString(),
    symbol,
    order: undefined,
    type: undefined,
    side: deal.tradeType === 1 ? 'buy' : 'sell',
    takerOrMaker: undefined,
    price,
    amount,
    cost: price * amount,
    fee: undefined,
    fees: [],
  } as unknown as Trade;
}

/** Apply one pushed change: MEXC pushes the asset's absolute available and frozen amounts. */
export function applyAccountChange(account: RawAccount, change: AccountBody): void {
  const balances = (account.balances ??= []);
  const entry = balances.find((b) => b.asset === change.vcoinName);
  if (entry) {
    entry.free = change.balanceAmount;
    entry.locked = change.frozenAmount;
  } else balances.push({ asset: change.vcoinName, free: change.balanceAmount, locked: change.frozenAmount });
}

/**
 * A REST series with the pushed forming candle laid over its newest candle
 * (the same window), or after it (a window REST has not shown yet). A push
 * older than the series' newest candle changes nothing: REST knows more.
 */
export function withFormingCandle(history: OHLCV[], forming: StreamCandle, limit: number | undefined): OHLCV[] {
  const newest = history.at(-1)?.[0];
  if (newest === undefined || newest === null || forming.openTime < newest) return history;
  const closed = forming.openTime === newest ? history.slice(0, -1) : history;
  return [...closed, candleToOHLCV(forming)].slice(-(limit ?? Infinity));
}

/** A candle as ccxt's fetchOHLCV gives one: [openTime, open, high, low, close, volume]. */
export function candleToOHLCV(candle: StreamCandle): OHLCV {
  return [candle.openTime, Number(candle.open), Number(candle.high), Number(candle.low), Number(candle.close), Number(candle.volume)];
}

/**
 * The 24 h statistics from streams as GET /api/v3/ticker/24hr prints them
 * (book fields empty: liveTicker lays the pushed book over them), so ccxt's
 * own parser turns them into the same Ticker a REST read gives.
 */
export function rawTicker24h(marketId: string, stats: Rolling24h, now: number): Record<string, unknown> {
  const change = Decimal.from(stats.close).sub(stats.open);
  const open = Decimal.from(stats.open);
  return {
    symbol: marketId,
    priceChange: change.toString(),
    // A fraction, as MEXC sends it.
    priceChangePercent: open.isZero() ? '0' : change.div(open, 8).toString(),
    prevClosePrice: stats.open,
    lastPrice: stats.close,
    openPrice: stats.open,
    highPrice: stats.high,
    lowPrice: stats.low,
    volume: stats.volume,
    quoteVolume: stats.quoteVolume,
    openTime: stats.openTime,
    closeTime: now,
    count: null,
  };
}
