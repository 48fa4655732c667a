import type { OHLCV as CcxtOHLCV, Ticker, OrderBook } from 'ccxt';
import type { Alert, ApiHealth, BotStatus, MarketSummary, Snapshot } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { FeedState } from '../market/PollingFeed';
import { toOrderBookView, type DisplayPrecision } from '../market/toContract';
import type { LastKnownMarket } from './LastSnapshotFile';
import type { TradingEngine } from './TradingEngine';
import type { LatestWhyNot } from './LatestWhyNot';

// Why a module of its own: the snapshot event is assembled from every part of the engine in one readable place.

const ORDER_BOOK_VIEW_DEPTH = 20;

export interface SnapshotParts {
  version: number;
  now: number;
  status: BotStatus;
  nextRunAt: number | null;
  /** the ticker as the contract shows it (computed once per market update) */
  market: MarketSummary | null;
  ticker: FeedState<Ticker>;
  book: FeedState<OrderBook>;
  precision: DisplayPrecision;
  /** null without a data folder */
  trading: TradingEngine | null;
  alerts: Alert[];
  apiHealth: ApiHealth;
  /** the strategy's daily candles and settings, for "why hasn't it bought?" */
  dailyCandles: FeedState<CcxtOHLCV[]>;
  settings: Settings;
  whyNot: LatestWhyNot;
  /** the market data saved by the last run, shown stale until the feeds have their own (issue 16) */
  lastKnown?: LastKnownMarket | null;
}

/** Everything the page shows, as one contract snapshot. */
export function buildSnapshot({ version, now, status, nextRunAt, market, ticker, book, precision, trading, alerts, apiHealth, dailyCandles, settings, whyNot, lastKnown }: SnapshotParts): Snapshot {
  const tradingParts = trading?.ready
    ? trading.view(market?.last ?? null, ticker.fetchedAt ?? now, ticker.stale)
    : { balances: null, openOrders: [], recentFills: [], pnl: null };
  return {
    version,
    time: now,
    status,
    nextRunAt,
    lastDecision: trading?.decision ?? null,
    market: market ?? lastKnown?.market ?? null,
    orderBook: book.value && book.fetchedAt !== null ? toOrderBookView(book.value, precision, ORDER_BOOK_VIEW_DEPTH, book.fetchedAt, book.stale) : (lastKnown?.orderBook ?? null),
    ...tradingParts,
    alerts,
    apiHealth,
    whyNot: whyNot.of({ now, status, nextRunAt, market, precision, trading, dailyCandles: dailyCandles.value, settings }),
  };
}
