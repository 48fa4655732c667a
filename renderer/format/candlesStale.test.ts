import { describe, expect, it } from 'vitest';
import { candlesStale } from './candlesStale';

const fresh = { candlesStale: false, refreshFailed: false, marketStale: false, breaker: 'closed' as const };

describe('candlesStale: the chart badge is never "Live" while the exchange is out of reach', () => {
  it('is live only when the candles, the last refresh, the market data and the breaker are all fine', () => {
    expect(candlesStale(fresh)).toBe(false);
    expect(candlesStale({ ...fresh, breaker: null })).toBe(false);
  });

  it.each([
    ['the breaker is open', { breaker: 'open' as const }],
    ['the breaker is half-open (probing)', { breaker: 'half-open' as const }],
    ['the price is stale', { marketStale: true }],
    ['the last refresh failed', { refreshFailed: true }],
    ['the engine marked the candles stale', { candlesStale: true }],
  ])('is stale when %s', (_why, change) => {
    expect(candlesStale({ ...fresh, ...change })).toBe(true);
  });
});
