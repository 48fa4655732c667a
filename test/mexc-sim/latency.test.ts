import { describe, expect, it } from 'vitest';
import { startMexcSim } from './index';
import { LatencyModel, type LatencyConfig } from './LatencyModel';

// Issue #15: answers take a configurable, per-endpoint, seeded time.
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;

describe('latency model', () => {
  const config: LatencyConfig = {
    default: { kind: 'uniform', minMs: 10, maxMs: 20 },
    endpoints: {
      'POST /api/v3/order': { kind: 'lognormal', medianMs: 50, sigma: 0.5, maxMs: 400 },
      '/api/v3/order': { kind: 'fixed', ms: 7 },
    },
  };

  it('picks the endpoint by method and path first, then by path, then the default', () => {
    const model = new LatencyModel(config, 1);
    expect(model.distributionFor('POST', '/api/v3/order').kind).toBe('lognormal');
    expect(model.delayFor('GET', '/api/v3/order')).toBe(7);
    expect(model.distributionFor('GET', '/api/v3/depth').kind).toBe('uniform');
  });

  it('draws a log-normal with the configured median and tail, capped', () => {
    const model = new LatencyModel(config, 1);
    const samples = Array.from({ length: 4000 }, () => model.delayFor('POST', '/api/v3/order'));
    expect(quantile(samples, 0.5)).toBeGreaterThan(46);
    expect(quantile(samples, 0.5)).toBeLessThan(54);
    // 90th percentile of a log-normal: median · exp(1.2816 σ) ≈ 95 ms
    expect(quantile(samples, 0.9)).toBeGreaterThan(85);
    expect(quantile(samples, 0.9)).toBeLessThan(105);
    expect(Math.max(...samples)).toBeLessThanOrEqual(400);
  });

  it('draws a uniform inside its bounds, centred', () => {
    const model = new LatencyModel(config, 1);
    const samples = Array.from({ length: 4000 }, () => model.delayFor('GET', '/api/v3/klines'));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...samples)).toBeLessThan(20);
    expect(samples.reduce((a, b) => a + b, 0) / samples.length).toBeCloseTo(15, 0);
  });

  it('is seeded: the same seed waits the same, another seed differently', () => {
    const draw = (seed: number) => {
      const model = new LatencyModel(config, seed);
      return Array.from({ length: 20 }, () => model.delayFor('POST', '/api/v3/order'));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(4)).not.toEqual(draw(3));
  });

  it('the server waits the configured time before it answers that endpoint', async () => {
    const sim = await startMexcSim({ latency: { default: { kind: 'none' }, endpoints: { '/api/v3/depth': { kind: 'fixed', ms: 150 } } } });
    try {
      const started = performance.now();
      const response = await fetch(`${sim.url}/api/v3/depth?symbol=QRLUSDT&limit=5`);
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(149);
    } finally {
      await sim.close();
    }
  });
});
