import type { OrderBook, Ticker, Trade } from 'ccxt';
import type { AccountBody, BookTickerBody, DealBody } from './mexcPushProto';
import type { StreamBook } from './MexcStreams';

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
