import type { OHLCV, OrderBook, Ticker } from 'ccxt';
import type { ApiHealth } from '../../../shared/contract';

/** What the engine reads from the exchange client: cached, rate-limited reads and their health. */
export interface MarketDataSource {
  fetchTicker(symbol: string): Promise<Ticker>;
  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook>;
  fetchOHLCV(symbol: string, timeframe: string, options: { limit?: number; since?: number }): Promise<OHLCV[]>;
  health(): ApiHealth;
}
