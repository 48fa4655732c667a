import { describe, expect, it } from 'vitest';
import type { ApiHealth } from '../../shared/contract';
import { cacheHitRatePercent, newestFetch, weightUsage } from './formatHealth';

const health = (dataTypes: ApiHealth['dataTypes']): ApiHealth => ({
  breaker: 'closed',
  cache: 'memory',
  weight: { ip: 420, account: 30, limit: 500, windowMs: 10_000 },
  dataTypes,
  latencyMs: { p50: 1, p99: 2, samples: 3 },
  lastError: null,
});

describe('API health figures', () => {
  it('computes the cache hit rate over every data type', () => {
    const value = health({
      ticker: { hits: 9, misses: 1, upstreamCalls: 1, errors: 0, retries: 0, fetchedAt: 5 },
      ohlcv: { hits: 1, misses: 9, upstreamCalls: 9, errors: 0, retries: 0, fetchedAt: 9 },
    });
    expect(cacheHitRatePercent(value)).toBe(50);
    expect(newestFetch(value)).toBe(9);
  });

  it('has no hit rate before the first read', () => {
    expect(cacheHitRatePercent(health({}))).toBeNull();
    expect(newestFetch(health({}))).toBeNull();
  });

  it('measures weight by the busier scope against the limit', () => {
    expect(weightUsage(health({}))).toEqual({ used: 420, limit: 500, ratio: 0.84 });
  });
});
