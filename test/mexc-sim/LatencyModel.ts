import { SeededRandom } from './SeededRandom';

/** How long the simulator waits before it answers (issue #15: MEXC is not 2 ms away). */
export type LatencyDistribution =
  | { kind: 'none' }
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** median and log-standard deviation: most answers near the median, a long slow tail (capped at maxMs) */
  | { kind: 'lognormal'; medianMs: number; sigma: number; maxMs?: number };

export interface LatencyConfig {
  /** every endpoint without an entry of its own */
  default: LatencyDistribution;
  /** per endpoint, keyed 'POST /api/v3/order' or by path alone '/api/v3/depth' */
  endpoints?: Record<string, LatencyDistribution>;
}

/** Tests answer at once unless they ask for latency. */
export const NO_LATENCY: LatencyConfig = { default: { kind: 'none' } };

/** What `npm run sim` uses: public reads around 40 ms, orders and account reads slower, a slow tail. */
export const REALISTIC_LATENCY: LatencyConfig = {
  default: { kind: 'lognormal', medianMs: 40, sigma: 0.35, maxMs: 3_000 },
  endpoints: {
    'POST /api/v3/order': { kind: 'lognormal', medianMs: 90, sigma: 0.5, maxMs: 5_000 },
    'DELETE /api/v3/order': { kind: 'lognormal', medianMs: 80, sigma: 0.5, maxMs: 5_000 },
    'GET /api/v3/account': { kind: 'lognormal', medianMs: 60, sigma: 0.4, maxMs: 3_000 },
    '/api/v3/klines': { kind: 'lognormal', medianMs: 70, sigma: 0.4, maxMs: 3_000 },
  },
};

const LATENCY_STREAM = 0x1a7e;

/** Draws each answer's delay from its endpoint's distribution, seeded: the same run of requests waits the same. */
export class LatencyModel {
  private readonly random: SeededRandom;

  constructor(
    private readonly config: LatencyConfig,
    seed: number,
  ) {
    this.random = new SeededRandom(seed, LATENCY_STREAM);
  }

  /** The distribution that applies to a request. */
  distributionFor(method: string, path: string): LatencyDistribution {
    return this.config.endpoints?.[`${method} ${path}`] ?? this.config.endpoints?.[path] ?? this.config.default;
  }

  /** Milliseconds to wait before answering this request. */
  delayFor(method: string, path: string): number {
    const distribution = this.distributionFor(method, path);
    switch (distribution.kind) {
      case 'none':
        return 0;
      case 'fixed':
        return distribution.ms;
      case 'uniform':
        return distribution.minMs + (distribution.maxMs - distribution.minMs) * this.random.unit();
      case 'lognormal':
        return Math.min(distribution.maxMs ?? Infinity, distribution.medianMs * Math.exp(distribution.sigma * this.random.normal()));
    }
  }
}
