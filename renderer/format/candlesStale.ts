import type { BreakerState } from '../../shared/contract';

export interface CandlesStaleInput {
  /** the engine's verdict on the candles it answered with */
  candlesStale: boolean;
  /** the last refresh failed: what is drawn is no longer current */
  refreshFailed: boolean;
  /** the engine's market data (ticker) is stale: it cannot reach the exchange */
  marketStale: boolean;
  breaker: BreakerState | null;
}

/**
 * Candles are no more live than the engine's link to the exchange: while its
 * breaker is open or its market data is stale, an answer may come from the
 * cache, so the chart is badged stale too (issue 17: the chart said "Live"
 * while the breaker was open and the price stale). A half-open breaker is
 * probing and serves nothing new either.
 */
export function candlesStale({ candlesStale: stale, refreshFailed, marketStale, breaker }: CandlesStaleInput): boolean {
  return stale || refreshFailed || marketStale || (breaker !== null && breaker !== 'closed');
}
