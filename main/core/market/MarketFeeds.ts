import type { OHLCV, OrderBook, Ticker } from 'ccxt';
import type { Clock, Timers } from '../clock';
import type { MarketDataSource } from './MarketDataSource';
import { PollingFeed } from './PollingFeed';

/** How often the engine wants each kind of market data (the client's cache absorbs the rest). */
export const FEED_INTERVALS_MS = {
  ticker: 5_000,
  orderBook: 5_000,
  dailyCandles: 60_000,
} as const;

export const ORDER_BOOK_DEPTH = 20;

export interface MarketFeedsOptions {
  symbol: string;
  source: () => MarketDataSource;
  clock: Clock;
  timers: Timers;
  /** the strategy's window (settings: candleLimit), read at each poll, so the chart, "why not yet" and a run see the same candles */
  dailyCandleLimit(): number;
  onChange(): void;
}

/**
 * The engine's live view of the market: one polling feed per data type, each
 * carrying its own age and staleness. The source is looked up on every poll,
 * so rebuilding the exchange client (new keys) needs no restart here.
 */
export class MarketFeeds {
  readonly ticker: PollingFeed<Ticker>;
  readonly orderBook: PollingFeed<OrderBook>;
  readonly dailyCandles: PollingFeed<OHLCV[]>;
  private readonly candleCloseListeners = new Set<(closedOpenTime: number) => void>();
  private newestOpenTime: number | null = null;

  constructor(private readonly options: MarketFeedsOptions) {
    const common = { clock: options.clock, timers: options.timers, onChange: options.onChange };
    this.ticker = new PollingFeed({ ...common, name: 'ticker', intervalMs: FEED_INTERVALS_MS.ticker, fetch: () => options.source().fetchTicker(options.symbol) });
    this.orderBook = new PollingFeed({
      ...common,
      name: 'orderBook',
      intervalMs: FEED_INTERVALS_MS.orderBook,
      fetch: () => options.source().fetchOrderBook(options.symbol, ORDER_BOOK_DEPTH),
    });
    this.dailyCandles = new PollingFeed({
      ...common,
      name: 'dailyCandles',
      intervalMs: FEED_INTERVALS_MS.dailyCandles,
      fetch: async () => {
        const candles = await options.source().fetchOHLCV(options.symbol, '1d', { limit: options.dailyCandleLimit() });
        this.noticeNewCandle(candles);
        return candles;
      },
    });
  }

  start(): void {
    this.ticker.start();
    this.orderBook.start();
    this.dailyCandles.start();
  }

  stop(): void {
    this.ticker.stop();
    this.orderBook.stop();
    this.dailyCandles.stop();
  }

  /** Fires when a daily candle has closed (a newer one appeared): the strategy's cue. */
  onCandleClose(listener: (closedOpenTime: number) => void): () => void {
    this.candleCloseListeners.add(listener);
    return () => this.candleCloseListeners.delete(listener);
  }

  private noticeNewCandle(candles: OHLCV[]) {
    const newest = candles.at(-1)?.[0];
    if (typeof newest !== 'number') return;
    const previous = this.newestOpenTime;
    this.newestOpenTime = newest;
    if (previous !== null && newest > previous) this.candleCloseListeners.forEach((listener) => listener(previous));
  }
}
