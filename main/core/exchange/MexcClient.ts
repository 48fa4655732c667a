// Longer than ~300 lines on purpose: every MEXC endpoint the app uses passes the same door here (cache,
// single-flight, weight, retry, breaker, scrubbed errors); splitting it would scatter that one policy across files.
import { createHash } from 'node:crypto';
import ccxt, { type Balances, type Market, type OHLCV, type Order, type OrderBook, type Ticker, type Tickers, type Trade } from 'ccxt';
import type { ApiHealth } from '../../../shared/contract';
import type { CacheTtl } from '../../../shared/settings';
import type { Cache } from '../cache/Cache';
import { EXCHANGE_INFO_TTL_S } from '../cache/cacheTtls';
import { candleSeriesExpiry } from '../cache/candleExpiry';
import { SingleFlight, type Flights } from '../cache/SingleFlight';
import { systemTimers, type Clock, type Timers } from '../clock';
import type { MarketDataSource } from '../market/MarketDataSource';
import { CircuitBreaker } from './CircuitBreaker';
import { classifyError } from './classifyError';
import { ExchangeMetrics, type DataType } from './ExchangeMetrics';
import { ExchangeRequestError } from './ExchangeRequestError';
import { weightOf } from './mexcWeights';
import { OrderOutcomeUnknownError } from './OrderOutcomeUnknownError';
import { RETRY_DEFAULTS, retryWithBackoff, type Sleep } from './retryWithBackoff';
import { describeExchangeError, sanitizeExchangeError } from './sanitizeExchangeError';
import type { HttpErrorDetails, SpotOnlyMexc } from './SpotOnlyMexc';
import type { WeightLimiter } from './WeightLimiter';
import { WeightRateLimiter } from './WeightRateLimiter';
import { candleFromRest } from './streams/HeldCandles';
import { applyAccountChange, liveTicker, rawTicker24h, streamBookToOrderBook, streamDealToTrade, withFormingCandle, type RawAccount } from './streams/fromStreams';
import { MexcStreams, STREAM_DEPTH_LEVELS, STREAM_KLINE_INTERVALS } from './streams/MexcStreams';
import { rolling24h, ROLLING_SEED_CANDLES, ROLLING_STEP_MS } from './streams/rolling24h';

/**
 * When the 24 h statistics cannot come from the 5-minute kline stream (it is
 * not acknowledged yet, or a window is missing even after a REST seed), they
 * come from REST this often under the live price: they move slowly, and the
 * change is recomputed from the live price on every read.
 */
export const STREAM_STATS_REFRESH_S = 15 * 60;
/** The kline interval the 24 h statistics are summed from: MEXC computes them in 5-minute steps. */
const ROLLING_INTERVAL = 'Min5';
/** the single-flight key of an exchangeInfo load (no cache key is like it) */
const MARKETS_FLIGHT = 'loadMarkets';

export interface MexcClientOptions {
  exchange: SpotOnlyMexc;
  cache: Cache;
  ttls: CacheTtl;
  clock: Clock;
  /** how waiting happens (backoff, rate limit): real timers in the app, the virtual clock in tests */
  sleep: Sleep;
  random?: () => number;
  /** a monotonic ms counter for request latency (performance.now by default) */
  stopwatch?: () => number;
  /** this process's own by default; a SharedWeightLimiter when instances share one budget through Redis */
  limiter?: WeightLimiter;
  /** single-flight: this process's by default; a RedisSingleFlight across instances */
  flights?: Flights;
  breaker?: CircuitBreaker;
  /** retries of a transient read failure after the first attempt */
  maxRetries?: number;
  /** the longest a read waits for one backoff or Retry-After before failing instead */
  maxWaitMs?: number;
  /** MEXC's WebSocket base: ticker, book, deals and balance then come pushed, REST only seeds them */
  streamUrl?: string | null;
  /** the streams' pings, reconnects and listenKey renewals */
  timers?: Timers;
  /** MEXC pushed an order change or a fill of this account (the user-data stream runs once the balance was read) */
  onAccountActivity?: () => void;
}

/**
 * A candle series and how current it is, as the contract's freshness says it
 * (shared/contract.ts): when its rows were fetched from MEXC or last pushed,
 * and whether they may have moved on since (issue 17).
 */
export interface ServedOHLCV {
  rows: OHLCV[];
  /** ms: a REST answer's arrival (the cache keeps it with the rows), or the forming candle's newest push */
  fetchedAt: number;
  /** served from the cache while MEXC is failing (the stream, when there is one, is down too) */
  stale: boolean;
}

/** A cached value with the moment MEXC answered it, so a cache hit knows its real age. */
interface Dated<T> {
  value: T;
  fetchedAt: number;
}

export interface NewOrder {
  symbol: string;
  type: 'limit' | 'market';
  side: 'buy' | 'sell';
  /** as ccxt takes it; ccxt truncates to the market's precision */
  amount: number;
  price?: number;
  /** required: the key that finds the order again after an unknown outcome */
  clientOrderId: string;
}

/**
 * The one door to MEXC. Reads are cached per data type, coalesced
 * (single-flight), weighed against MEXC's limit, retried with backoff when
 * transient and cut off by the circuit breaker. Writes are never cached and
 * never retried: an order whose outcome is unknown surfaces as
 * OrderOutcomeUnknownError carrying its clientOrderId. No error that leaves
 * this class carries a URL, a signature, the API key or the secret.
 */
export class MexcClient implements MarketDataSource {
  readonly metrics = new ExchangeMetrics();
  readonly limiter: WeightLimiter;
  readonly breaker: CircuitBreaker;
  private readonly flights: Flights;
  private readonly accountKey: string;
  private readonly secrets: string[];
  private readonly stopwatch: () => number;
  /** when the markets last loaded (data clock); a reload is due a day later */
  private marketsLoadedAt: number | null = null;
  /** the last 24 h seed asked for per symbol: at most one per connection and 5-minute window */
  private readonly rollingSeeds = new Map<string, { generation: number; window: number }>();
  /** MEXC's push streams when a WebSocket URL is set; every read falls back to REST while they cannot vouch */
  readonly streams: MexcStreams | null;
  private readonly dealSeeds = new Map<string, { generation: number; asked: number; trades: Trade[] }>();
  private account: { generation: number; raw: RawAccount } | null = null;

  constructor(private readonly options: MexcClientOptions) {
    this.limiter = options.limiter ?? new WeightRateLimiter({ clock: options.clock, sleep: options.sleep });
    this.breaker = options.breaker ?? new CircuitBreaker({ clock: options.clock });
    this.flights = options.flights ?? new SingleFlight();
    this.stopwatch = options.stopwatch ?? (() => performance.now());
    const { apiKey, secret } = options.exchange;
    this.secrets = [apiKey, secret].filter((s): s is string => typeof s === 'string' && s.length > 0);
    // Cache keys name the account by a hash, never by the key itself.
    this.accountKey = createHash('sha256').update(apiKey ?? '').digest('hex').slice(0, 12);
    this.instrument(options.exchange);
    this.streams = options.streamUrl
      ? new MexcStreams({
          url: options.streamUrl,
          clock: options.clock,
          timers: options.timers ?? systemTimers,
          userData: this.hasCredentials ? this.userDataKeys() : undefined,
          onError: (message) => this.metrics.streamError(message),
          onAccountActivity: options.onAccountActivity,
        })
      : null;
  }

  /** Close the streams (a rebuilt client replaces this one). */
  close(): void {
    this.streams?.close();
  }

  get hasCredentials(): boolean {
    return Boolean(this.options.exchange.apiKey && this.options.exchange.secret);
  }

  // ── Reads (cached) ──────────────────────────────────────────────────────────

  /**
   * exchangeInfo once, then again a day later (EXCHANGE_INFO_TTL_S) in the
   * background: the loaded markets keep serving meanwhile, and a failed
   * reload is tried again on the next call without anyone waiting on it.
   */
  async loadMarkets(): Promise<Record<string, Market>> {
    const loadedAt = this.marketsLoadedAt;
    if (loadedAt !== null) {
      if (this.options.clock.now() - loadedAt >= EXCHANGE_INFO_TTL_S * 1000) {
        // Its failure is already counted in the API health; the markets loaded before stay.
        this.flights.run(MARKETS_FLIGHT, () => this.loadMarketsNow()).catch(() => undefined);
      }
      return this.options.exchange.markets!;
    }
    // One load at a time, shared by every caller; a failed one is forgotten, so the next call tries again.
    await this.flights.run(MARKETS_FLIGHT, () => this.loadMarketsNow());
    return this.options.exchange.markets!;
  }

  private async loadMarketsNow(): Promise<void> {
    // reload=true: ccxt keeps a failed load's rejected promise and hands it back to every later call without a request,
    // so one 502 at start-up would leave the client without markets for good (issue M2).
    await this.guarded('markets', () => this.options.exchange.loadMarkets(true));
    this.marketsLoadedAt = this.options.clock.now();
  }

  async market(symbol: string): Promise<Market> {
    const markets = await this.loadMarkets();
    const market = markets[symbol];
    if (!market) throw new ExchangeRequestError('permanent', `MEXC does not list ${symbol}.`, 'BadSymbol');
    return market;
  }

  async fetchTicker(symbol: string): Promise<Ticker> {
    const id = this.streamedMarketId(symbol);
    // The 24 h statistics come from 5-minute klines: subscribed with the price, so they are ready when the book is.
    if (id) this.streams!.watchKlines(id, ROLLING_INTERVAL);
    const book = id ? this.streams!.bookTicker(id) : null;
    if (!id || !book) return this.read('ticker', tickerKey(symbol), () => this.expiresIn(this.options.ttls.ticker), () => this.options.exchange.fetchTicker(symbol));
    const stats =
      (await this.streamedStats(symbol, id)) ??
      (await this.read('ticker', `tickerStats:${symbol}`, () => this.expiresIn(STREAM_STATS_REFRESH_S), () => this.options.exchange.fetchTicker(symbol)));
    // Data age in API health counts from the newest push, as it does from the newest REST answer.
    this.metrics.fetched('ticker', book.receivedAt);
    return liveTicker(stats, book, this.streams!.dealsSince(id)?.at(-1), this.options.clock.now());
  }

  /**
   * Several tickers in one request (MEXC's ticker/24hr without a symbol,
   * weight 40, or weight 1 for a single symbol); each one is also cached for
   * fetchTicker, so a watch list and the tray share the same call.
   */
  async fetchTickers(symbols?: string[]): Promise<Tickers> {
    const key = `tickers:${symbols ? [...symbols].sort().join(',') : '*'}`;
    return this.read('tickers', key, () => this.expiresIn(this.options.ttls.ticker), async () => {
      const tickers = await this.options.exchange.fetchTickers(symbols);
      const expiresAt = this.expiresIn(this.options.ttls.ticker);
      await Promise.all(Object.entries(tickers).map(([symbol, ticker]) => this.options.cache.set(tickerKey(symbol), ticker, expiresAt)));
      return tickers;
    });
  }

  /**
   * Named arguments, never positional: the original bot passed its limit as
   * `since` (defect 1). The series expires at the close of its newest candle
   * (and sooner while that candle forms), never later than the OHLCV TTL.
   * On streams, the latest series (no `since`) is the closed candles from
   * REST, read once per close and per connection, with the forming candle
   * from MEXC's kline channel laid over it.
   */
  async fetchOHLCV(symbol: string, timeframe: string, { since, limit }: { since?: number; limit?: number } = {}): Promise<OHLCV[]> {
    return (await this.fetchOHLCVServed(symbol, timeframe, { since, limit })).rows;
  }

  /**
   * fetchOHLCV with how current its answer is (issue 17). Under a live kline
   * stream the forming candle vouches for the series: dated by its newest
   * push, never stale (closed candles do not change). Over REST the rows are
   * dated by MEXC's answer, and rows the cache serves while MEXC is failing
   * (breaker open, or a read failed since the last success) are stale.
   */
  async fetchOHLCVServed(symbol: string, timeframe: string, { since, limit }: { since?: number; limit?: number } = {}): Promise<ServedOHLCV> {
    const interval = since === undefined ? STREAM_KLINE_INTERVALS[timeframe] : undefined;
    const id = interval ? this.streamingMarketId(symbol) : null;
    if (id && interval) {
      this.streams!.watchKlines(id, interval);
      const forming = this.streams!.formingCandle(id, interval);
      if (forming) {
        const under = { streamGeneration: this.streams!.marketGeneration };
        let history = (await this.restOHLCV(symbol, timeframe, undefined, limit, under)).value;
        // Its newest candle closed since it was read (MEXC's clock ahead of ours): read the final values now, never serve them stale.
        if ((history.at(-1)?.[0] ?? Infinity) < forming.openTime) history = (await this.restOHLCV(symbol, timeframe, undefined, limit, { ...under, fresh: true })).value;
        // Data age counts from the push, as it does from a REST answer.
        this.metrics.fetched('ohlcv', forming.asOf);
        return { rows: withFormingCandle(history, forming, limit), fetchedAt: forming.asOf, stale: false };
      }
    }
    const askedAt = this.options.clock.now();
    const { value, fetchedAt } = await this.restOHLCV(symbol, timeframe, since, limit);
    // Rows MEXC answered during this read are current whatever another read met meanwhile; only older (cached) ones can be stale.
    return { rows: value, fetchedAt, stale: fetchedAt < askedAt && this.breaker.failing };
  }

  /**
   * A candle series over REST. Under a stream (`streamGeneration`) it is kept
   * until its newest candle closes, not refreshed while that one forms (the
   * stream brings it), and read again after a reconnect (or now: `fresh`).
   */
  private async restOHLCV(
    symbol: string,
    timeframe: string,
    since: number | undefined,
    limit: number | undefined,
    under?: { streamGeneration: number; fresh?: boolean },
  ): Promise<Dated<OHLCV[]>> {
    const timeframeMs = this.options.exchange.parseTimeframe(timeframe) * 1000;
    // `ohlcvAt:`, not `ohlcv:`: the entry holds the rows with their fetch time, so a shared Redis never hands an older shape to this one.
    const key = `ohlcvAt:${symbol}:${timeframe}:${since ?? ''}:${limit ?? ''}${under ? `:stream${under.streamGeneration}` : ''}`;
    if (under?.fresh) await this.options.cache.delete(key);
    const formingRefreshMs = under ? timeframeMs : undefined;
    return this.read(
      'ohlcv',
      key,
      ({ value: candles }: Dated<OHLCV[]>) =>
        candleSeriesExpiry(this.options.clock.now(), candles.at(-1)?.[0] ?? undefined, timeframeMs, this.options.ttls.ohlcv * 1000, formingRefreshMs),
      async () => {
        const value = await this.options.exchange.fetchOHLCV(symbol, timeframe, since, limit);
        return { value, fetchedAt: this.options.clock.now() };
      },
    );
  }

  async fetchOrderBook(symbol: string, limit = 20): Promise<OrderBook> {
    const id = limit <= STREAM_DEPTH_LEVELS ? this.streamedMarketId(symbol) : null;
    const pushed = id ? this.streams!.depth(id) : null;
    if (pushed) {
      this.metrics.hit('orderBook');
      this.metrics.fetched('orderBook', pushed.receivedAt);
      return streamBookToOrderBook(symbol, pushed, limit);
    }
    return this.read('orderBook', `orderbook:${symbol}:${limit}`, () => this.expiresIn(this.options.ttls.orderBook), async () => {
      // ccxt returns a class instance; a plain copy survives the cache (and Redis) unchanged.
      const book = await this.options.exchange.fetchOrderBook(symbol, limit);
      return { ...book } as OrderBook;
    });
  }

  async fetchTrades(symbol: string, limit = 50): Promise<Trade[]> {
    const id = this.streamedMarketId(symbol);
    const pushed = id ? this.streams!.dealsSince(id) : null;
    if (!id || !pushed) {
      return this.read('deals', `deals:${symbol}:${limit}`, () => this.expiresIn(this.options.ttls.deals), () => this.options.exchange.fetchTrades(symbol, undefined, limit));
    }
    // The stream brings only deals after the subscription: one REST read per connection supplies the ones before.
    const generation = this.streams!.marketGeneration;
    let seed = this.dealSeeds.get(symbol);
    // Keyed by how many were asked, not how many came: a quiet market's short answer is still complete.
    if (!seed || seed.generation !== generation || seed.asked < limit) {
      this.metrics.miss('deals');
      const asked = Math.max(limit, 100);
      const trades = await this.flights.run(`dealSeed:${symbol}:${asked}`, () => this.guarded('deals', () => this.options.exchange.fetchTrades(symbol, undefined, asked)));
      seed = { generation, asked, trades };
      this.dealSeeds.set(symbol, seed);
    } else this.metrics.hit('deals');
    const seen = new Set(seed.trades.map(tradeKey));
    const fresh = pushed.map((deal) => streamDealToTrade(symbol, deal)).filter((trade) => !seen.has(tradeKey(trade)));
    return [...seed.trades, ...fresh].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0)).slice(-limit);
  }

  async fetchBalance(): Promise<Balances> {
    this.requireKeys();
    const streams = this.streams;
    if (streams) {
      streams.watchAccount();
      await streams.renewListenKeyIfDue();
    }
    if (!streams?.accountLive) {
      return this.read('balance', `balance:${this.accountKey}`, () => this.expiresIn(this.options.ttls.balance), () => this.options.exchange.fetchBalance());
    }
    const generation = streams.accountGeneration;
    if (!this.account || this.account.generation !== generation) {
      this.metrics.miss('balance');
      const balance = await this.flights.run(`balanceSeed:${this.accountKey}`, () => this.guarded('balance', () => this.options.exchange.fetchBalance()));
      // Changes pushed while the snapshot was on its way are already in it.
      streams.takeAccountChanges();
      this.account = { generation, raw: structuredClone(balance.info) as RawAccount };
    } else this.metrics.hit('balance');
    for (const change of streams.takeAccountChanges()) applyAccountChange(this.account.raw, change);
    // ccxt's own spot parser (the one fetchBalance uses), so a streamed balance has the REST shape exactly.
    return this.options.exchange.customParseBalance(structuredClone(this.account.raw), 'spot') as Balances;
  }

  /** Drop the held balance after a write changed it (a placed order locks funds): the next read asks MEXC. */
  async invalidateBalance(): Promise<void> {
    this.account = null;
    await this.options.cache.delete(`balance:${this.accountKey}`);
  }

  // ── Account state for reconciliation (always fresh, retried: a read is safe to repeat) ──

  /** The order with this id, or (reconciling an unknown outcome) with this client order id: null when MEXC has none. */
  fetchOrderByClientId(clientOrderId: string, symbol: string): Promise<Order | null> {
    this.requireKeys();
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
    this.requireKeys();
    return this.guarded('orders', () => this.options.exchange.fetchOrder(id, symbol));
  }

  fetchOpenOrders(symbol: string): Promise<Order[]> {
    this.requireKeys();
    return this.guarded('orders', () => this.options.exchange.fetchOpenOrders(symbol));
  }

  fetchMyTrades(symbol: string, since?: number, limit?: number): Promise<Trade[]> {
    this.requireKeys();
    return this.guarded('trades', () => this.options.exchange.fetchMyTrades(symbol, since, limit));
  }

  // ── Writes (never cached, never retried) ─────────────────────────────────────

  /**
   * Sent exactly once. A rejection (funds, precision, auth, 429) comes back as
   * its ccxt class, scrubbed; a 5xx, timeout or reset leaves the outcome
   * unknown and throws OrderOutcomeUnknownError: look the order up by its
   * clientOrderId before anything else, never resend blind.
   */
  async createOrder(order: NewOrder): Promise<Order> {
    this.requireKeys();
    await this.loadMarkets();
    if (!this.breaker.allow()) throw new ExchangeRequestError('circuit-open', 'MEXC is failing; no order is sent until it recovers.');
    try {
      const placed = await this.options.exchange.createOrder(order.symbol, order.type, order.side, order.amount, order.price, { clientOrderId: order.clientOrderId });
      this.breaker.success();
      await this.invalidateBalance();
      return placed;
    } catch (error) {
      const { kind, clockSkew } = classifyError(error, { write: true });
      const message = describeExchangeError(error, this.secrets);
      this.metrics.error('orders', message);
      if (kind === 'unknown-outcome') {
        this.breaker.failure();
        await this.invalidateBalance();
        throw new OrderOutcomeUnknownError(order.clientOrderId, message);
      }
      this.breaker.neutral();
      if (clockSkew) await this.resyncClock();
      throw sanitizeExchangeError(error, this.secrets);
    }
  }

  cancelOrder(id: string, symbol: string): Promise<Order> {
    return this.write(() => this.options.exchange.cancelOrder(id, symbol) as Promise<Order>);
  }

  cancelAllOrders(symbol: string): Promise<unknown> {
    return this.write(() => this.options.exchange.cancelAllOrders(symbol));
  }

  // ── Health ──────────────────────────────────────────────────────────────────

  /** What the API health panel shows; parses with ApiHealthSchema. */
  health(cacheStatus: ApiHealth['cache'] = this.options.cache.status): ApiHealth {
    return { breaker: this.breaker.state, cache: cacheStatus, weight: this.limiter.usage(), ...this.metrics.snapshot() };
  }

  // ── Internals ───────────────────────────────────────────────────────────────

  private requireKeys() {
    if (!this.hasCredentials) throw new ExchangeRequestError('permanent', 'No API keys saved: add them in Settings to read your account.');
  }

  /** The market's id when streams are on (subscribing to its public channels), else null: markets load on the first REST read. */
  private streamedMarketId(symbol: string): string | null {
    const id = this.streamingMarketId(symbol);
    if (id) this.streams!.watch(id);
    return id;
  }

  /** The market's id when streams are on and markets are loaded, subscribing to nothing. */
  private streamingMarketId(symbol: string): string | null {
    return (this.streams ? this.options.exchange.markets?.[symbol]?.id : undefined) ?? null;
  }

  /**
   * The 24 h statistics from the 5-minute kline stream (rolling24h.ts), as
   * ccxt parses MEXC's ticker/24hr: one REST seed of the last 24 h of
   * 5-minute candles per connection, pushes after it. Null while the stream
   * cannot vouch (not acknowledged yet, or a window missing after a seed).
   */
  private async streamedStats(symbol: string, id: string): Promise<Ticker | null> {
    const streams = this.streams!;
    const now = this.options.clock.now();
    const held = streams.heldCandles(id, ROLLING_INTERVAL);
    if (!held) return null;
    let stats = rolling24h(held, now);
    const generation = streams.marketGeneration;
    const window = Math.floor(now / ROLLING_STEP_MS);
    const seeded = this.rollingSeeds.get(symbol);
    if (!stats && (!seeded || seeded.generation !== generation || seeded.window !== window)) {
      this.rollingSeeds.set(symbol, { generation, window });
      this.metrics.miss('ticker');
      const rows = (await this.flights.run(`rollingSeed:${symbol}`, () =>
        this.guarded('ticker', () => this.options.exchange.spotPublicGetKlines({ symbol: id, interval: '5m', limit: ROLLING_SEED_CANDLES })),
      )) as unknown[][];
      const asOf = this.options.clock.now();
      streams.seedCandles(id, ROLLING_INTERVAL, rows.map((row) => candleFromRest(row, asOf)), generation);
      const reseeded = streams.heldCandles(id, ROLLING_INTERVAL);
      stats = reseeded ? rolling24h(reseeded, now) : null;
    } else if (stats) this.metrics.hit('ticker');
    if (!stats) return null;
    return this.options.exchange.parseTicker(rawTicker24h(id, stats, now), this.options.exchange.markets![symbol]);
  }

  /** listenKeys for the user-data stream, through the same weighed, retried, counted path as every read. */
  private userDataKeys() {
    const exchange = this.options.exchange;
    return {
      create: async () => ((await this.guarded('listenKey', () => exchange.spotPrivatePostUserDataStream())) as { listenKey: string }).listenKey,
      renew: async (listenKey: string) => void (await this.guarded('listenKey', () => exchange.spotPrivatePutUserDataStream({ listenKey }))),
    };
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
    // Another instance fetching the same key stores its answer in the shared cache: waiters reuse it.
    return this.flights.run(
      key,
      async () => {
        const value = await this.guarded(type, fetch);
        await this.options.cache.set(key, value, expiry(value));
        return value;
      },
      () => this.options.cache.get<T>(key),
    );
  }

  /** Breaker, retries with backoff, metrics and a clean error for one logical read. */
  private async guarded<T>(type: DataType, fetch: () => Promise<T>): Promise<T> {
    if (!this.breaker.allow()) throw new ExchangeRequestError('circuit-open', 'MEXC is failing; reads pause briefly before a retry.');
    try {
      const value = await retryWithBackoff(
        async () => {
          this.metrics.upstream(type);
          return fetch();
        },
        {
          sleep: this.options.sleep,
          random: this.options.random ?? Math.random,
          maxRetries: this.options.maxRetries ?? RETRY_DEFAULTS.maxRetries,
          capMs: this.options.maxWaitMs ?? RETRY_DEFAULTS.capMs,
          onRetry: async (_attempt, _delay, error) => {
            this.metrics.retried(type, describeExchangeError(error, this.secrets));
            if (classifyError(error).clockSkew) await this.resyncClock();
          },
        },
      );
      this.metrics.fetched(type, this.options.clock.now());
      this.breaker.success();
      return value;
    } catch (error) {
      const { kind, rateLimited } = classifyError(error);
      const message = describeExchangeError(error, this.secrets);
      this.metrics.error(type, message);
      // A 429 is about our pace, not MEXC's health: the limiter's pause deals with it.
      if (kind === 'transient' && !rateLimited) this.breaker.failure();
      else this.breaker.neutral();
      if (error instanceof ExchangeRequestError) throw error;
      throw new ExchangeRequestError(kind === 'permanent' ? 'permanent' : 'transient', message, error instanceof ccxt.BaseError ? error.constructor.name : null);
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
      this.metrics.error('orders', describeExchangeError(error, this.secrets));
      throw sanitizeExchangeError(error, this.secrets);
    }
  }

  /** After a timestamp error (700003), measure MEXC's clock offset again before the next signed request. */
  private async resyncClock(): Promise<void> {
    await this.options.exchange.loadTimeDifference().catch(() => undefined);
  }

  /**
   * Every HTTP request ccxt makes is weighed against MEXC's limit first; a
   * 429/418 pauses all requests for its Retry-After (or a whole window when
   * MEXC sent none); a pause longer than a read may wait fails fast without
   * sending; a 2xx body that is not JSON is an error, never data.
   */
  private instrument(exchange: SpotOnlyMexc) {
    const original = exchange.fetch2.bind(exchange) as (...args: unknown[]) => Promise<unknown>;
    const maxWaitMs = this.options.maxWaitMs ?? RETRY_DEFAULTS.capMs;
    exchange.fetch2 = async (path: string, api: unknown, method = 'GET', params: Record<string, unknown> = {}, ...rest: unknown[]) => {
      const pausedUntil = this.limiter.pausedUntilMs;
      if (pausedUntil - this.options.clock.now() > maxWaitMs) {
        const error = new ccxt.DDoSProtection(`MEXC asked for a pause until ${new Date(pausedUntil).toISOString()}; nothing is sent before then.`) as InstanceType<typeof ccxt.DDoSProtection> & HttpErrorDetails;
        error.retryAfterMs = pausedUntil - this.options.clock.now();
        throw error;
      }
      const settle = await this.limiter.acquire(weightOf(method, path, params));
      const started = this.stopwatch();
      try {
        const result = await original(path, api, method, params, ...rest);
        if (typeof result === 'string') throw new ccxt.BadResponse(`mexc ${method} ${path}: the answer is not JSON`);
        return result;
      } catch (error) {
        const { rateLimited, retryAfterMs } = classifyError(error);
        if (rateLimited) this.limiter.pauseFor(retryAfterMs ?? this.limiter.windowMs);
        throw error;
      } finally {
        settle();
        this.metrics.latency(this.stopwatch() - started);
      }
    };
  }
}

const tickerKey = (symbol: string) => `ticker:${symbol}`;
const tradeKey = (trade: Trade) => `${trade.timestamp}:${trade.price}:${trade.amount}`;
