import type { OrderBook, Ticker, Trade } from 'ccxt';
import type { MarketView, TapeTrade } from '../trading/PaperBroker';

/**
 * How many recent public trades each paper view reads: with the deals stream
 * they come pushed (no request); over REST, 100 aggTrades rows cover the
 * minutes between two views of a market as busy as QRL/USDT several times over.
 */
export const TAPE_TRADES = 100;

export interface PaperMarketViewInput {
  book: OrderBook;
  ticker: Ticker | null;
  /** the latest public trades (MexcClient.fetchTrades: the deals stream, else REST aggTrades through the cache); null when no paper order rests */
  readTrades: (() => Promise<Trade[]>) | null;
}

/**
 * The market view the paper broker fills against: the fresh book, the last
 * price, and the tape (PaperBroker's header gives the fill model). A tape that
 * cannot be read leaves `trades` undefined, so the broker falls back to its
 * through-the-price rule rather than taking a failed read for a quiet market.
 */
export async function paperMarketView({ book, ticker, readTrades }: PaperMarketViewInput): Promise<MarketView> {
  const view: MarketView = {
    bids: book.bids.map(([price, amount]) => [String(price), String(amount)] as const),
    asks: book.asks.map(([price, amount]) => [String(price), String(amount)] as const),
    last: ticker?.last != null ? String(ticker.last) : null,
  };
  if (!readTrades) return view;
  const trades = await readTrades().catch(() => null);
  return trades ? { ...view, trades: trades.flatMap(toTapeTrade) } : view;
}

/** ccxt's trade as the broker counts it; one without a price, amount or time cannot be placed on the tape. */
function toTapeTrade(trade: Trade): TapeTrade[] {
  if (typeof trade.price !== 'number' || typeof trade.amount !== 'number' || typeof trade.timestamp !== 'number') return [];
  return [{ price: String(trade.price), amount: String(trade.amount), timestamp: trade.timestamp, side: trade.side === 'buy' || trade.side === 'sell' ? trade.side : null }];
}
