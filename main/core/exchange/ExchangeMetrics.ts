import type { ApiHealth } from '../../../shared/contract';

export type DataType = 'ticker' | 'tickers' | 'ohlcv' | 'orderBook' | 'deals' | 'balance' | 'markets' | 'orders' | 'trades' | 'listenKey';

interface Counters {
  hits: number;
  misses: number;
  upstreamCalls: number;
  errors: number;
  retries: number;
  fetchedAt: number | null;
}

/** Upper bounds (ms) of the latency histogram's buckets; the last bucket is everything above. */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000] as const;
const RECENT_SAMPLES = 1_024;

/** What the API health panel and the benchmark read: per data type counts and upstream latency. */
export class ExchangeMetrics {
  private readonly perType = new Map<DataType, Counters>();
  /** the newest upstream latencies, a ring, for p50/p99 */
  private readonly recent: number[] = [];
  private next = 0;
  /** p50/p99 of `recent`, worked out once per new sample: a snapshot is built on every market push, samples come per request */
  private percentiles: ApiHealth['latencyMs'] | null = null;
  /** every upstream latency since start, bucketed */
  readonly histogram: number[] = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  lastError: string | null = null;

  hit(type: DataType) {
    this.counters(type).hits++;
  }
  miss(type: DataType) {
    this.counters(type).misses++;
  }
  /** one request sent to MEXC for this data type (each retry is another) */
  upstream(type: DataType) {
    this.counters(type).upstreamCalls++;
  }
  /** fresh data of this type arrived */
  fetched(type: DataType, at: number) {
    this.counters(type).fetchedAt = Math.round(at);
  }
  /** how long one HTTP request to MEXC took */
  latency(latencyMs: number) {
    const latency = Math.max(0, latencyMs);
    if (this.recent.length < RECENT_SAMPLES) this.recent.push(latency);
    else this.recent[this.next] = latency;
    this.next = (this.next + 1) % RECENT_SAMPLES;
    this.percentiles = null;
    const bucket = LATENCY_BUCKETS_MS.findIndex((bound) => latency <= bound);
    this.histogram[bucket === -1 ? LATENCY_BUCKETS_MS.length : bucket]!++;
  }
  /** a request failed and is being retried: the fault stays visible even when the retry recovers */
  retried(type: DataType, message: string) {
    this.counters(type).retries++;
    this.lastError = message;
  }
  error(type: DataType, message: string) {
    this.counters(type).errors++;
    this.lastError = message;
  }

  /** a push stream's trouble: shown as the last error; reads fall back to REST meanwhile */
  streamError(message: string) {
    this.lastError = message;
  }

  totalUpstream(): number {
    return [...this.perType.values()].reduce((sum, c) => sum + c.upstreamCalls, 0);
  }

  snapshot(): Pick<ApiHealth, 'dataTypes' | 'latencyMs' | 'lastError'> {
    return {
      dataTypes: Object.fromEntries([...this.perType.entries()].map(([type, c]) => [type, { ...c }])),
      latencyMs: { ...(this.percentiles ??= this.latencyPercentiles()) },
      lastError: this.lastError,
    };
  }

  private latencyPercentiles(): ApiHealth['latencyMs'] {
    const sorted = Float64Array.from(this.recent).sort();
    const pick = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
    return { p50: pick(0.5), p99: pick(0.99), samples: sorted.length };
  }

  private counters(type: DataType): Counters {
    let c = this.perType.get(type);
    if (!c) {
      c = { hits: 0, misses: 0, upstreamCalls: 0, errors: 0, retries: 0, fetchedAt: null };
      this.perType.set(type, c);
    }
    return c;
  }
}
