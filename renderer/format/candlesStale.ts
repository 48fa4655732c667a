import type { BreakerState } from '../../shared/contract';

export interface CandlesStaleInput {
  /** the engine's verdict on the candles it answered with */
  candlesStale: boolean;
  /** when the engine answered with them */
  fetchedAt: number;
  /** the last refresh failed: what is drawn is no longer current */
  refreshFailed: boolean;
  /** the engine's market data (ticker) is stale: it cannot reach the exchange */
  marketStale: boolean;
  /** when the engine last heard from the exchange about the market, null before the first ticker */
  marketFetchedAt: number | null;
  breaker: BreakerState | null;
}

/**
 * Candles are no more live than the engine's link to the exchange: while its
 * breaker is open or its market data is stale, an answer may come from the
 * cache, so the chart is badged stale too, aged from the last time the
 * exchange answered (issue 17: the chart said "Live" while the breaker was open
 * and the price stale). A half-open breaker is probing and serves nothing new either.
 */
export function candlesStale({ candlesStale: stale, fetchedAt, refreshFailed, marketStale, marketFetchedAt, breaker }: CandlesStaleInput): { stale: boolean; fetchedAt: number } {
  const unreachable = marketStale || (breaker !== null && breaker !== 'closed');
  return {
    stale: stale || refreshFailed || unreachable,
    fetchedAt: unreachable && marketFetchedAt !== null ? Math.min(fetchedAt, marketFetchedAt) : fetchedAt,
  };
}
