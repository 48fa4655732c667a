import type { ApiHealth } from '../../../shared/contract';

export type DataType = 'ticker' | 'tickers' | 'ohlcv' | 'orderBook' | 'deals' | 'balance' | 'markets' | 'orders' | 'trades';

interface Counters {
  hits: number;
  misses: number;
  upstreamCalls: number;
  errors: number;
  fetchedAt: number | null;
}

const LATENCY_SAMPLES = 512;

/** What the API health panel and the benchmark read: per data type counts and upstream latency. */
export class ExchangeMetrics {
  private readonly perType = new Map<DataType, Counters>();
  private readonly latencies: number[] = [];
  lastError: string | null = null;

  hit(type: DataType) {
    this.counters(type).hits++;
  }
  miss(type: DataType) {
    this.counters(type).misses++;
  }
  upstream(type: DataType, latencyMs: number, fetchedAt: number) {
    const c = this.counters(type);
    c.upstreamCalls++;
    c.fetchedAt = fetchedAt;
    this.latencies.push(latencyMs);
    if (this.latencies.length > LATENCY_SAMPLES) this.latencies.shift();
  }
  error(type: DataType, message: string) {
    this.counters(type).errors++;
    this.lastError = message;
  }

  totalUpstream(): number {
    return [...this.perType.values()].reduce((sum, c) => sum + c.upstreamCalls, 0);
  }

  snapshot(): Pick<ApiHealth, 'dataTypes' | 'latencyMs' | 'lastError'> {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const pick = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
    return {
      dataTypes: Object.fromEntries([...this.perType.entries()].map(([type, c]) => [type, { ...c }])),
      latencyMs: { p50: pick(0.5), p99: pick(0.99), samples: sorted.length },
      lastError: this.lastError,
    };
  }

  private counters(type: DataType): Counters {
    let c = this.perType.get(type);
    if (!c) {
      c = { hits: 0, misses: 0, upstreamCalls: 0, errors: 0, fetchedAt: null };
      this.perType.set(type, c);
    }
    return c;
  }
}
