import { createHash } from 'node:crypto';
import ccxt, { type Balances, type Market, type OHLCV, type Order, type OrderBook, type Ticker, type Tickers, type Trade } from 'ccxt';
import type { ApiHealth } from '../../../shared/contract';
import type { CacheTtl } from '../../../shared/settings';
import type { Cache } from '../cache/Cache';
import { candleSeriesExpiry } from '../cache/candleExpiry';
import { SingleFlight } from '../cache/SingleFlight';
import type { Clock } from '../clock';
import type { MarketDataSource } from '../market/MarketDataSource';
import { CircuitBreaker } from './CircuitBreaker';
import { classifyError, describeExchangeError, ExchangeReadError, OrderOutcomeUnknownError } from './classifyError';
import { ExchangeMetrics, type DataType } from './ExchangeMetrics';
import { weightOf } from './mexcWeights';
import { retryWithBackoff } from './retryWithBackoff';
import type { SpotOnlyMexc } from './SpotOnlyMexc';
import { WeightRateLimiter, type Sleep } from './WeightRateLimiter';

export interface MexcClientOptions {
  exchange: SpotOnlyMexc;
  cache: Cache;
  ttls: CacheTtl;
  clock: Clock;
  sleep: Sleep;
  random?: () => number;
  limiter?: WeightRateLimiter;
  breaker?: CircuitBreaker;
  maxRetries?: number;
}

export interface NewOrder {
  symbol: string;
  type: 'limit' | 'market';
  side: 'buy' | 'sell';
  amount: number;
  price?: number;
  clientOrderId: string;
}

const TIMEFRAME_MS: Record<string, number> = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000, '1w': 604_800_000 };

/**
 * The one door to MEXC. Reads are cached per data type, coalesced, weighed
 * against MEXC's limit, retried with backoff when transient and cut off by
 * the circuit breaker; writes are never cached and an order is never retried.
 */
export class MexcClient implements MarketDataSource {
  readonly metrics = new ExchangeMetrics();
  readonly limiter: WeightRateLimiter;
  readonly breaker: CircuitBreaker;
  private readonly flights = new SingleFlight();
  private readonly accountKey: string;
  private marketsLoaded: Promise<unknown> | null = null;

  constructor(private readonly options: MexcClientOptions) {
    this.limiter = options.limiter ?? new WeightRateLimiter({ clock: options.clock, sleep: options.sleep });
    this.breaker = options.breaker ?? new CircuitBreaker({ clock: options.clock });
    // Cache keys name the account by a hash, never by the key itself.
    this.accountKey = createHash('sha256').update(options.exchange.apiKey ?? '').digest('hex').slice(0, 12);
    this.instrument(options.exchange);
  }

  get hasCredentials(): boolean {
    return Boolean(this.options.exchange.apiKey && this.options.exchange.secret);
  }

  async loadMarkets(): Promise<Record<string, Market>> {
    this.marketsLoaded ??= this.guarded('markets', () => this.options.exchange.loadMarkets()).catch((error) => {
      this.marketsLoaded = null;
      throw error;
    });
    await this.marketsLoaded;
    return this.options.exchange.markets!;
  }

  async market(symbol: string): Promise<Market> {
    const markets = await this.loadMarkets();
    const market = markets[symbol];
    if (!market) throw new ExchangeReadError('permanent', `MEXC does not list ${symbol}.`);
    return market;
  }

  fetchTicker(symbol: string): Promise<Ticker> {
    return this.read('ticker', `ticker:${symbol}`, () => this.expiresIn(this.options.ttls.ticker), () => this.options.exchange.fetchTicker(symbol));
  }

  /** All tickers in one call (weight 40), however many symbols are wanted. */
  fetchTickers(symbols?: string[]): Promise<Tickers> {
    return this.read('tickers', `tickers:${symbols?.join(',') ?? '*'}`, () => this.expiresIn(this.options.ttls.ticker), () => this.options.exchange.fetchTickers(symbols));
  }

  /** Named arguments, never positional: the original bot passed its limit as `since` (defect 1). */
  fetchOHLCV(symbol: string, timeframe: string, { since, limit }: { since?: number; limit?: number }): Promise<OHLCV[]> {
    const frame = TIMEFRAME_MS[timeframe] ?? 60_000;
    return this.read(
      'ohlcv',
      `ohlcv:${symbol}:${timeframe}:${since ?? ''}:${limit ?? ''}`,
      (candles: OHLCV[]) => candleSeriesExpiry(this.options.clock.now(), candles.at(-1)?.[0] ?? undefined, frame, this.options.ttls.ohlcv * 1000),
      () => this.options.exchange.fetchOHLCV(symbol, timeframe, since, limit),
    );
  }

  fetchOrderBook(symbol: string, limit = 20): Promise<OrderBook> {
    return this.read('orderBook', `orderbook:${symbol}:${limit}`, () => this.expiresIn(this.options.ttls.orderBook), async () => {
      const book = await this.options.exchange.fetchOrderBook(symbol, limit);
      return { ...book } as OrderBook;
    });
  }

  fetchTrades(symbol: string, limit = 50): Promise<Trade[]> {
    return this.read('deals', `deals:${symbol}:${limit}`, () => this.expiresIn(this.options.ttls.deals), () => this.options.exchange.fetchTrades(symbol, undefined, limit));
  }

  fetchBalance(): Promise<Balances> {
    this.requireKeys();
    return this.read('balance', `balance:${this.accountKey}`, () => this.expiresIn(this.options.ttls.balance), () => this.options.exchange.fetchBalance());
  }

  /** Drop a cached read after a write changed it (a fill moves the balance). */
  async invalidateBalance(): Promise<void> {
    await this.options.cache.delete(`balance:${this.accountKey}`);
  }

  /** Sent once. A transient failure means the outcome is unknown: reconcile by clientOrderId, never resend. */
  async createOrder(order: NewOrder): Promise<Order> {
    this.requireKeys();
    await this.loadMarkets();
    if (!this.breaker.allow()) throw new ExchangeReadError('circuit-open', 'MEXC is failing; no order is sent until it recovers.');
    try {
      const placed = await this.options.exchange.createOrder(order.symbol, order.type, order.side, order.amount, order.price, { clientOrderId: order.clientOrderId });
      this.breaker.success();
      await this.invalidateBalance();
      return placed;
    } catch (error) {
      const { kind } = classifyError(error);
      this.metrics.error('orders', describeExchangeError(error));
      if (kind === 'transient') {
        this.breaker.failure();
        throw new OrderOutcomeUnknownError(order.clientOrderId, describeExchangeError(error));
      }
      this.breaker.neutral();
      throw error;
    }
  }

  cancelOrder(id: string, symbol: string): Promise<Order> {
    return this.write(() => this.options.exchange.cancelOrder(id, symbol) as Promise<Order>);
  }

  cancelAllOrders(symbol: string): Promise<unknown> {
    return this.write(() => this.options.exchange.cancelAllOrders(symbol));
  }

  /** Order lookups feed reconciliation: always fresh, retried when transient (a read is safe to repeat). */
  fetchOrderByClientId(clientOrderId: string, symbol: string): Promise<Order | null> {
    return this.guarded('orders', async () => {
      try {
        return await this.options.exchange.fetchOrder('', symbol, { clientOrderId });
      } catch (error) {
        if (error instanceof ccxt.OrderNotFound) return null;
        throw error;
      }
    });
  }

  fetchOrder(id: string, symbol: string): Promise<Order> {
    return this.guarded('orders', () => this.options.exchange.fetchOrder(id, symbol));
  }

  fetchOpenOrders(symbol: string): Promise<Order[]> {
    this.requireKeys();
    return this.guarded('orders', () => this.options.exchange.fetchOpenOrders(symbol));
  }

  fetchMyTrades(symbol: string, since?: number): Promise<Trade[]> {
    this.requireKeys();
    return this.guarded('trades', () => this.options.exchange.fetchMyTrades(symbol, since));
  }

  health(cacheStatus: ApiHealth['cache'] = this.options.cache.status): ApiHealth {
    return { breaker: this.breaker.state, cache: cacheStatus, weight: this.limiter.usage(), ...this.metrics.snapshot() };
  }

  private requireKeys() {
    if (!this.hasCredentials) throw new ExchangeReadError('permanent', 'No API keys saved: add them in Settings to read your account.');
  }

  private expiresIn(seconds: number) {
    return this.options.clock.now() + seconds * 1000;
  }

  private async read<T>(type: DataType, key: string, expiry: (value: T) => number, fetch: () => Promise<T>): Promise<T> {
    const cached = await this.options.cache.get<T>(key);
    if (cached !== undefined) {
      this.metrics.hit(type);
      return cached;
    }
    this.metrics.miss(type);
    return this.flights.run(key, async () => {
      const value = await this.guarded(type, fetch);
      await this.options.cache.set(key, value, expiry(value));
      return value;
    });
  }

  /** Breaker, retries with backoff, metrics and a clean error for one logical read. */
  private async guarded<T>(type: DataType, fetch: () => Promise<T>): Promise<T> {
    if (!this.breaker.allow()) throw new ExchangeReadError('circuit-open', 'MEXC is failing; reads pause briefly before a retry.');
    try {
      const value = await retryWithBackoff(
        async () => {
          const started = this.options.clock.now();
          const result = await fetch();
          this.metrics.upstream(type, this.options.clock.now() - started, this.options.clock.now());
          return result;
        },
        { sleep: this.options.sleep, random: this.options.random ?? Math.random, maxRetries: this.options.maxRetries ?? 3 },
      );
      this.breaker.success();
      return value;
    } catch (error) {
      const { kind } = classifyError(error);
      const message = describeExchangeError(error);
      this.metrics.error(type, message);
      if (kind === 'transient') this.breaker.failure();
      else this.breaker.neutral();
      throw new ExchangeReadError(kind, message);
    }
  }

  private async write<T>(work: () => Promise<T>): Promise<T> {
    this.requireKeys();
    await this.loadMarkets();
    try {
      const result = await work();
      await this.invalidateBalance();
      return result;
    } catch (error) {
      this.metrics.error('orders', describeExchangeError(error));
      throw error;
    }
  }

  /** Every HTTP request ccxt makes is weighed against MEXC's limit first, and Retry-After is obeyed. */
  private instrument(exchange: SpotOnlyMexc) {
    const original = exchange.fetch2.bind(exchange);
    exchange.fetch2 = async (path: string, api: unknown, method = 'GET', params: Record<string, unknown> = {}, ...rest: unknown[]) => {
      await this.limiter.acquire(weightOf(method, path, params));
      try {
        return await (original as (...args: unknown[]) => Promise<unknown>)(path, api, method, params, ...rest);
      } catch (error) {
        const headers = (exchange.last_response_headers ?? {}) as Record<string, string>;
        const retryAfter = Number(headers['Retry-After'] ?? headers['retry-after']);
        if ((error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) && Number.isFinite(retryAfter)) {
          this.limiter.pauseFor(retryAfter * 1000);
        }
        throw error;
      }
    };
  }
}
