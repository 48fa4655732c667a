import type { Ticker } from 'ccxt';
import type { MarketSummary } from '../../../shared/contract';
import type { FeedState } from './PollingFeed';
import { toMarketSummary, type DisplayPrecision } from './toContract';

// Why a module of its own: the snapshot and the price alerts read the same summary; it is computed once per market update (issue 18).

/** The ticker as the contract shows it, recomputed only when the ticker, its age, its staleness or the precision changed. */
export class LatestMarketSummary {
  private key: { value: Ticker | null; fetchedAt: number | null; stale: boolean; precision: DisplayPrecision } | null = null;
  private summary: MarketSummary | null = null;

  of(ticker: FeedState<Ticker>, precision: DisplayPrecision): MarketSummary | null {
    const key = this.key;
    if (key && key.value === ticker.value && key.fetchedAt === ticker.fetchedAt && key.stale === ticker.stale && key.precision === precision) return this.summary;
    this.key = { value: ticker.value, fetchedAt: ticker.fetchedAt, stale: ticker.stale, precision };
    this.summary = ticker.value && ticker.fetchedAt !== null ? toMarketSummary(ticker.value, precision, ticker.fetchedAt, ticker.stale) : null;
    return this.summary;
  }
}
