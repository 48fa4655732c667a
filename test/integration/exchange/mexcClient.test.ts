import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiHealthSchema } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/settings';
import { ExchangeRequestError } from '../../../main/core/exchange/ExchangeRequestError';
import { OrderOutcomeUnknownError } from '../../../main/core/exchange/OrderOutcomeUnknownError';
import { startMexcSim, READ_ONLY, type MexcSim } from '../../mexc-sim/index';
import { NullCache } from '../../support/NullCache';
import { clientOnSim, TEST_KEYS as keys, upstream } from './clientOnSim';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const DAY = 86_400_000;
const order = (clientOrderId: string, amount = 10, price = 0.1) => ({ symbol: 'QRL/USDT', type: 'limit' as const, side: 'buy' as const, amount, price, clientOrderId });
const ordersPosted = (sim: MexcSim) => upstream(sim, '/api/v3/order', 'POST');

describe('MexcClient against the simulator', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
    sim.accounts.addApiKey({ ...keys, balances: { USDT: '1000', QRL: '100' } });
  });
  afterEach(() => sim.close());

  describe('spot only, pointed at a configurable base URL', () => {
    it('loads markets from exchangeInfo alone: no contract API, no signed currencies call', async () => {
      const { client } = clientOnSim(sim);
      const markets = await client.loadMarkets();
      expect(markets['QRL/USDT']).toMatchObject({ spot: true, active: true });
      expect(Object.values(markets).every((m) => m?.spot)).toBe(true);
      expect(sim.requestLog.map((r) => r.path).sort()).toEqual(['/api/v3/exchangeInfo', '/api/v3/time']);
    });

    it('tries a failed market load again instead of remembering the failure (one 502 at start-up)', async () => {
      // ccxt keeps a failed load's rejected promise; without a fresh load the client would never get markets.
      sim.faults.inject({ kind: '5xx-before', path: '/api/v3/time', times: 10 });
      const { client } = clientOnSim(sim);
      await expect(client.loadMarkets()).rejects.toThrow();
      const failedRequests = sim.requestLog.length;
      sim.faults.clear();
      const markets = await client.loadMarkets();
      expect(markets['QRL/USDT']).toBeDefined();
      expect(sim.requestLog.length).toBeGreaterThan(failedRequests);
    });
  });

  describe('cache', () => {
    it('serves a ticker from cache until its TTL (30 s) passes', async () => {
      const { client } = clientOnSim(sim);
      await client.fetchTicker('QRL/USDT');
      sim.clock.advance(29_000);
      await client.fetchTicker('QRL/USDT');
      expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(1);
      sim.clock.advance(1_000);
      await client.fetchTicker('QRL/USDT');
      expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(2);
      expect(client.metrics.snapshot().dataTypes.ticker).toMatchObject({ hits: 1, misses: 2, upstreamCalls: 2, fetchedAt: START + 30_000 });
    });

    it('uses each data type its own TTL (order book 5 s, trades 10 s, balance 10 s)', async () => {
      const { client } = clientOnSim(sim);
      const readAll = () => Promise.all([client.fetchOrderBook('QRL/USDT'), client.fetchTrades('QRL/USDT'), client.fetchBalance()]);
      await readAll();
      sim.clock.advance(5_000);
      await readAll();
      expect([upstream(sim, '/api/v3/depth'), upstream(sim, '/api/v3/aggTrades'), upstream(sim, '/api/v3/account')]).toEqual([2, 1, 1]);
      sim.clock.advance(5_000);
      await readAll();
      expect([upstream(sim, '/api/v3/depth'), upstream(sim, '/api/v3/aggTrades'), upstream(sim, '/api/v3/account')]).toEqual([3, 2, 2]);
    });

    it('follows overridden TTLs', async () => {
      const { client } = clientOnSim(sim, { ttls: { ...defaultSettings().cacheTtl, ticker: 2 } });
      await client.fetchTicker('QRL/USDT');
      sim.clock.advance(2_000);
      await client.fetchTicker('QRL/USDT');
      expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(2);
    });

    it('answers 50 concurrent identical reads with one upstream call', async () => {
      const { client } = clientOnSim(sim);
      const results = await Promise.all(Array.from({ length: 50 }, () => client.fetchOrderBook('QRL/USDT', 20)));
      expect(upstream(sim, '/api/v3/depth')).toBe(1);
      expect(new Set(results.map((book) => book.nonce)).size).toBe(1);
    });

    it('shares one failure among concurrent readers instead of fanning it out', async () => {
      const { client } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind: '5xx-before', path: '/api/v3/depth', times: 100 });
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.fetchOrderBook('QRL/USDT', 20)));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect(upstream(sim, '/api/v3/depth')).toBe(4); // one read: the first attempt and three retries
    });

    it('refetches a daily series when a new candle opens, not a day later', async () => {
      const { client } = clientOnSim(sim);
      const first = await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
      const todayOpen = first.at(-1)![0]!;
      sim.clock.set(todayOpen + DAY + 1_000); // just after midnight UTC
      const next = await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
      expect(next.at(-1)![0]).toBe(todayOpen + DAY);
      expect(next.at(-2)![0]).toBe(todayOpen); // yesterday, now closed, with its final values
      expect(upstream(sim, '/api/v3/klines')).toBe(2);
    });

    it('keeps the forming daily candle at most 15 minutes old', async () => {
      const { client } = clientOnSim(sim);
      await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
      sim.clock.advance(14 * 60_000);
      await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
      expect(upstream(sim, '/api/v3/klines')).toBe(1);
      sim.clock.advance(60_000);
      await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
      expect(upstream(sim, '/api/v3/klines')).toBe(2);
    });

    it('passes since and limit to MEXC by name (the original passed its limit as since)', async () => {
      const { client } = clientOnSim(sim);
      const candles = await client.fetchOHLCV('QRL/USDT', '1h', { limit: 24 });
      expect(candles).toHaveLength(24);
      const since = candles[0]![0]!;
      const later = await client.fetchOHLCV('QRL/USDT', '1h', { since, limit: 5 });
      expect(later.map((c) => c[0])).toEqual(candles.slice(0, 5).map((c) => c[0]));
    });

    it('never caches writes, and a write drops the cached balance', async () => {
      const { client } = clientOnSim(sim);
      await client.fetchBalance();
      await client.createOrder(order('w-1'));
      const after = await client.fetchBalance();
      expect(after.USDT).toMatchObject({ used: 1 });
      expect(upstream(sim, '/api/v3/account')).toBe(2);
      await client.cancelOrder(String((await client.fetchOrderByClientId('w-1', 'QRL/USDT'))!.id), 'QRL/USDT');
      await client.cancelOrder(String((await client.createOrder(order('w-2'))).id), 'QRL/USDT');
      expect(ordersPosted(sim)).toBe(2);
      expect(upstream(sim, '/api/v3/order', 'DELETE')).toBe(2);
    });
  });

  describe('batching', () => {
    it('fetches several tickers in one call, and each then serves fetchTicker from cache', async () => {
      const { client } = clientOnSim(sim);
      const tickers = await client.fetchTickers(['QRL/USDT', 'BTC/USDT', 'ETH/USDT']);
      expect(Object.keys(tickers).sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'QRL/USDT']);
      expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(1);
      await expect(client.fetchTicker('BTC/USDT')).resolves.toMatchObject({ symbol: 'BTC/USDT' });
      expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(1);
    });
  });

  describe('rate limit', () => {
    it("stays inside MEXC's limit by waiting, where a burst would earn 429s", async () => {
      const { client } = clientOnSim(sim, { cache: new NullCache() });
      // 30 × weight 40 = 1200: more than two windows' worth.
      for (let i = 0; i < 30; i++) await client.fetchTickers();
      expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(30);
      expect(sim.requestLog.filter((r) => r.status === 429)).toEqual([]);
      expect(client.limiter.peakShare).toBeLessThanOrEqual(0.9);
      expect(client.health().weight.limit).toBe(500);
    });

    it('honours Retry-After: after a 429 nothing is sent until it has passed', async () => {
      const { client, sleeps } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind: '429-storm', path: '/api/v3/depth' }); // Retry-After: 2
      const limitedAt = sim.clock.now();
      await expect(client.fetchOrderBook('QRL/USDT')).resolves.toBeDefined();
      const depth = sim.requestLog.filter((r) => r.path === '/api/v3/depth');
      expect(depth.map((r) => r.status)).toEqual([429, 200]);
      expect(depth[1]!.time - limitedAt).toBeGreaterThanOrEqual(2_000);
      expect(sleeps[0]).toBeGreaterThanOrEqual(2_000);
    });

    it('fails fast during a long ban (418) without sending, and sends again once it is over', async () => {
      const { client } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind: 'ban', path: '/api/v3/depth', ms: 120_000 });
      await expect(client.fetchOrderBook('QRL/USDT')).rejects.toMatchObject({ kind: 'transient', ccxtClass: 'DDoSProtection' });
      const sent = sim.requestLog.length;
      await expect(client.fetchTicker('QRL/USDT')).rejects.toMatchObject({ kind: 'transient' });
      expect(sim.requestLog.length).toBe(sent);
      expect(client.breaker.state).toBe('closed'); // our pace, not MEXC's health
      sim.clock.advance(120_000);
      await expect(client.fetchTicker('QRL/USDT')).resolves.toBeDefined();
    });
  });

  describe('errors', () => {
    it('retries transient failures with growing backoff and succeeds', async () => {
      const { client, sleeps } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind: '5xx-before', path: '/api/v3/depth', times: 2 });
      await expect(client.fetchOrderBook('QRL/USDT')).resolves.toBeDefined();
      expect(sleeps).toEqual([500, 1_000]); // full jitter at random 0.5 of 1 s, 2 s
      // Recovered, yet not hidden: the health panel counts both retries and names the fault.
      const health = client.metrics.snapshot();
      expect(health.dataTypes.orderBook).toMatchObject({ upstreamCalls: 3, errors: 0, retries: 2 });
      expect(health.lastError).toMatch(/5\d\d|unavailable|server/i);
    });

    it.each(['reset', 'maintenance', 'malformed-json'] as const)('retries a read after %s', async (kind) => {
      const { client } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind, path: '/api/v3/ticker/24hr' });
      await expect(client.fetchTicker('QRL/USDT')).resolves.toMatchObject({ symbol: 'QRL/USDT' });
      expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(2);
    });

    it('retries a read that timed out', async () => {
      const { client } = clientOnSim(sim, { timeoutMs: 300 });
      await client.loadMarkets();
      sim.faults.inject({ kind: 'timeout', path: '/api/v3/ticker/24hr' });
      await expect(client.fetchTicker('QRL/USDT')).resolves.toBeDefined();
    });

    it('resyncs its clock after a timestamp error and the retry goes through', async () => {
      const { client } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind: 'clock-skew', ms: 8_000 });
      await expect(client.fetchBalance()).resolves.toBeDefined();
      expect(sim.requestLog.filter((r) => r.path === '/api/v3/account').map((r) => r.status)).toEqual([400, 200]);
    });

    it('never retries a permanent error (wrong secret)', async () => {
      const { client } = clientOnSim(sim, { keys: { apiKey: keys.apiKey, secret: 'wrong-secret-000000000000000' } });
      await expect(client.fetchBalance()).rejects.toMatchObject({ kind: 'permanent', ccxtClass: 'AuthenticationError' });
      expect(upstream(sim, '/api/v3/account')).toBe(1);
    });

    it('never retries a missing permission', async () => {
      sim.accounts.addApiKey({ apiKey: 'mx0vREADONLY00001', secret: 'readonly-secret-0123456789', permissions: READ_ONLY, balances: { USDT: '100' } });
      const { client } = clientOnSim(sim, { keys: { apiKey: 'mx0vREADONLY00001', secret: 'readonly-secret-0123456789' } });
      await expect(client.createOrder(order('ro-1'))).rejects.toBeInstanceOf(ccxt.PermissionDenied);
      expect(ordersPosted(sim)).toBe(1);
    });

    it('refuses account reads without keys, without a request', async () => {
      const { client } = clientOnSim(sim, { keys: null });
      await expect(client.fetchBalance()).rejects.toBeInstanceOf(ExchangeRequestError);
      expect(sim.requestLog).toEqual([]);
    });

    it('opens the breaker after repeated failures, fails fast, then half-opens and closes on a good probe', async () => {
      const { client } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind: '5xx-before', path: '/api/v3/depth', times: 100 });
      for (let i = 0; i < 5; i++) await expect(client.fetchOrderBook('QRL/USDT', 5 + i)).rejects.toBeInstanceOf(ExchangeRequestError);
      expect(client.breaker.state).toBe('open');
      expect(client.health().breaker).toBe('open');
      const before = sim.requestLog.length;
      await expect(client.fetchOrderBook('QRL/USDT', 50)).rejects.toMatchObject({ kind: 'circuit-open' });
      await expect(client.createOrder(order('while-open'))).rejects.toMatchObject({ kind: 'circuit-open' });
      expect(sim.requestLog.length).toBe(before);
      sim.faults.clear();
      sim.clock.advance(30_000);
      expect(client.breaker.state).toBe('half-open');
      await expect(client.fetchOrderBook('QRL/USDT', 50)).resolves.toBeDefined();
      expect(client.breaker.state).toBe('closed');
    });

    it('keeps keys and signatures out of error messages', async () => {
      const { client } = clientOnSim(sim, { keys: { apiKey: keys.apiKey, secret: 'wrong-secret-000000000000000' } });
      const error = (await client.fetchBalance().catch((e: unknown) => e)) as Error;
      expect(error.message).toContain('700002');
      expect(error.message).not.toContain(keys.apiKey);
      expect(error.message).not.toMatch(/signature=[0-9a-f]/);
      expect(client.metrics.lastError).not.toContain(keys.apiKey);
    });

    it('keeps the signed URL out of a timed-out account read', async () => {
      const { client } = clientOnSim(sim, { timeoutMs: 200 });
      await client.loadMarkets();
      sim.faults.inject({ kind: 'timeout', path: '/api/v3/account', times: 10 });
      const error = (await client.fetchBalance().catch((e: unknown) => e)) as ExchangeRequestError;
      expect(error).toMatchObject({ kind: 'transient', ccxtClass: 'RequestTimeout' });
      expect(error.message).toContain('/api/v3/account');
      expect(error.message).not.toMatch(/signature|timestamp=|127\.0\.0\.1/);
    });
  });

  describe('orders', () => {
    it('never sends an order twice: a 5xx after acceptance is an unknown outcome, found again by clientOrderId', async () => {
      const { client } = clientOnSim(sim);
      sim.faults.inject({ kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' });
      const error = await client.createOrder(order('qtb-unknown-1')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(error).toMatchObject({ clientOrderId: 'qtb-unknown-1' });
      expect(ordersPosted(sim)).toBe(1);
      expect(await client.fetchOrderByClientId('qtb-unknown-1', 'QRL/USDT')).toMatchObject({ clientOrderId: 'qtb-unknown-1', status: 'open' });
      expect(await client.fetchOrderByClientId('qtb-never-sent', 'QRL/USDT')).toBeNull();
    });

    it.each(['5xx-before', 'reset', 'timeout'] as const)('never retries an order after %s: outcome unknown, sent once', async (kind) => {
      const { client } = clientOnSim(sim, { timeoutMs: 300 });
      await client.loadMarkets();
      sim.faults.inject({ kind, path: '/api/v3/order', method: 'POST' });
      const error = (await client.createOrder(order(`unk-${kind}`)).catch((e: unknown) => e)) as OrderOutcomeUnknownError;
      expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(error.clientOrderId).toBe(`unk-${kind}`);
      expect(error.message).not.toMatch(/signature|127\.0\.0\.1/);
      expect(ordersPosted(sim)).toBe(1);
    });

    it('reports an order refused with 429 as refused (its ccxt class), not as unknown, and does not resend it', async () => {
      const { client } = clientOnSim(sim);
      await client.loadMarkets();
      sim.faults.inject({ kind: '429-storm', path: '/api/v3/order', method: 'POST' });
      await expect(client.createOrder(order('limited-1'))).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
      expect(ordersPosted(sim)).toBe(1);
      expect(await client.fetchOrderByClientId('limited-1', 'QRL/USDT')).toBeNull();
    });

    it('passes permanent order errors through as their ccxt class, unretried', async () => {
      const { client } = clientOnSim(sim);
      await expect(client.createOrder(order('too-big', 100_000, 0.3))).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
      expect(ordersPosted(sim)).toBe(1);
    });

    it('finds orders by id and by client order id, lists open ones and the account trades', async () => {
      const { client } = clientOnSim(sim);
      const placed = await client.createOrder(order('find-me'));
      expect(await client.fetchOrder(String(placed.id), 'QRL/USDT')).toMatchObject({ id: placed.id, clientOrderId: 'find-me' });
      expect((await client.fetchOpenOrders('QRL/USDT')).map((o) => o.clientOrderId)).toContain('find-me');
      await expect(client.fetchMyTrades('QRL/USDT')).resolves.toBeInstanceOf(Array);
      await expect(client.cancelOrder('999999999', 'QRL/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
    });
  });

  describe('health', () => {
    it('publishes hits, misses, upstream calls, weight, latency and breaker state as a valid ApiHealth', async () => {
      const { client } = clientOnSim(sim);
      await client.fetchTicker('QRL/USDT');
      await client.fetchTicker('QRL/USDT');
      await client.fetchOrderBook('QRL/USDT');
      const health = client.health();
      expect(ApiHealthSchema.parse(health)).toEqual(health);
      expect(health).toMatchObject({ breaker: 'closed', cache: 'memory', lastError: null });
      expect(health.dataTypes.ticker).toMatchObject({ hits: 1, misses: 1, upstreamCalls: 1 });
      expect(health.weight.ip).toBe(1 + 10 + 1 + 1); // time, exchangeInfo, ticker, depth
      expect(health.latencyMs.samples).toBe(4);
      expect(health.latencyMs.p99).toBeGreaterThan(0);
    });
  });
});
