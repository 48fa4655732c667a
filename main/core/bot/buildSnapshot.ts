import type { OHLCV as CcxtOHLCV, Ticker, OrderBook } from 'ccxt';
import type { Alert, ApiHealth, BotStatus, MarketSummary, Snapshot } from '../../../shared/contract';
import type { Settings } from '../../../shared/settings';
import type { FeedState } from '../market/PollingFeed';
import { toOrderBookView, type DisplayPrecision } from '../market/toContract';
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
}

/** Everything the page shows, as one contract snapshot. */
export function buildSnapshot({ version, now, status, nextRunAt, market, ticker, book, precision, trading, alerts, apiHealth, dailyCandles, settings, whyNot }: SnapshotParts): Snapshot {
  const tradingParts = trading?.ready
    ? trading.view(market?.last ?? null, ticker.fetchedAt ?? now, ticker.stale)
    : { balances: null, openOrders: [], recentFills: [], pnl: null };
  return {
    version,
    time: now,
    status,
    nextRunAt,
    lastDecision: trading?.decision ?? null,
    market,
    orderBook: book.value && book.fetchedAt !== null ? toOrderBookView(book.value, precision, ORDER_BOOK_VIEW_DEPTH, book.fetchedAt, book.stale) : null,
    ...tradingParts,
    alerts,
    apiHealth,
    whyNot: whyNot.of({ now, status, nextRunAt, market, precision, trading, dailyCandles: dailyCandles.value, settings }),
  };
}
