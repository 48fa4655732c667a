import { describe, expect, it } from 'vitest';
import { candlesStale } from './candlesStale';

const fresh = { candlesStale: false, fetchedAt: 5_000, refreshFailed: false, marketStale: false, marketFetchedAt: 4_000, breaker: 'closed' as const };

describe('candlesStale: the chart badge is never "Live" while the exchange is out of reach', () => {
  it('is live only when the candles, the last refresh, the market data and the breaker are all fine', () => {
    expect(candlesStale(fresh)).toEqual({ stale: false, fetchedAt: 5_000 });
    expect(candlesStale({ ...fresh, breaker: null }).stale).toBe(false);
  });

  it.each([
    ['the breaker is open', { breaker: 'open' as const }],
    ['the breaker is half-open (probing)', { breaker: 'half-open' as const }],
    ['the price is stale', { marketStale: true }],
    ['the last refresh failed', { refreshFailed: true }],
    ['the engine marked the candles stale', { candlesStale: true }],
  ])('is stale when %s', (_why, change) => {
    expect(candlesStale({ ...fresh, ...change }).stale).toBe(true);
  });

  it('ages candles served while the exchange is unreachable from the last time it answered, not from the cached answer', () => {
    expect(candlesStale({ ...fresh, breaker: 'open', fetchedAt: 90_000, marketFetchedAt: 30_000 }).fetchedAt).toBe(30_000);
    expect(candlesStale({ ...fresh, refreshFailed: true, fetchedAt: 90_000, marketFetchedAt: 30_000 }).fetchedAt).toBe(90_000);
  });
});
