import { describe, expect, it } from 'vitest';
import { ApiHealthSchema } from '../../../shared/contract';
import { ExchangeMetrics, LATENCY_BUCKETS_MS } from './ExchangeMetrics';

describe('ExchangeMetrics', () => {
  it('counts hits, misses, upstream calls, retries and errors per data type', () => {
    const m = new ExchangeMetrics();
    m.miss('ticker');
    m.upstream('ticker');
    m.fetched('ticker', 1_000.4);
    m.hit('ticker');
    m.hit('ticker');
    m.retried('orderBook', 'ExchangeNotAvailable: 503');
    m.error('orderBook', 'RequestTimeout: mexc GET /api/v3/depth request timed out');
    expect(m.snapshot().dataTypes).toEqual({
      ticker: { hits: 2, misses: 1, upstreamCalls: 1, errors: 0, retries: 0, fetchedAt: 1_000 },
      orderBook: { hits: 0, misses: 0, upstreamCalls: 0, errors: 1, retries: 1, fetchedAt: null },
    });
    expect(m.lastError).toContain('RequestTimeout');
    expect(m.totalUpstream()).toBe(1);
  });

  it('reports p50 and p99 of upstream latency, and buckets every sample', () => {
    const m = new ExchangeMetrics();
    for (let i = 1; i <= 100; i++) m.latency(i);
    expect(m.snapshot().latencyMs).toEqual({ p50: 51, p99: 100, samples: 100 });
    expect(m.histogram.reduce((a, b) => a + b, 0)).toBe(100);
    expect(m.histogram[LATENCY_BUCKETS_MS.indexOf(1)]).toBe(1);
    expect(m.histogram[LATENCY_BUCKETS_MS.indexOf(100)]).toBe(50);
  });

  it('percentiles read between samples follow every new sample, and a snapshot handed out is not changed afterwards', () => {
    const m = new ExchangeMetrics();
    m.latency(10);
    const first = m.snapshot().latencyMs;
    expect(first).toEqual({ p50: 10, p99: 10, samples: 1 });
    m.latency(30);
    m.latency(20);
    expect(m.snapshot().latencyMs).toEqual({ p50: 20, p99: 30, samples: 3 });
    expect(first).toEqual({ p50: 10, p99: 10, samples: 1 });
  });

  it('keeps only the newest samples for percentiles', () => {
    const m = new ExchangeMetrics();
    for (let i = 0; i < 3_000; i++) m.latency(i < 1_000 ? 1_000 : 1);
    expect(m.snapshot().latencyMs.p99).toBe(1);
  });

  it('produces what the API health panel parses', () => {
    const m = new ExchangeMetrics();
    m.latency(3.5);
    m.miss('ohlcv');
    const health = { breaker: 'closed', cache: 'memory', weight: { ip: 3, account: 0, limit: 500, windowMs: 10_000 }, ...m.snapshot() };
    expect(ApiHealthSchema.safeParse(health).success).toBe(true);
  });
});
