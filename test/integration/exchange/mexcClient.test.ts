import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeReadError, OrderOutcomeUnknownError } from '../../../main/core/exchange/classifyError';
import { startMexcSim, type MexcSim } from '../../mexc-sim/index';
import { createSimMexcClient } from '../../support/createSimMexcClient';
import { NullCache } from '../../support/NullCache';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);
const upstream = (sim: MexcSim, path: string) => sim.requestLog.filter((r) => r.path === path).length;

describe('MexcClient against the simulator', () => {
  let sim: MexcSim;
  const keys = { apiKey: 'mx0vCLIENTKEY0001', secret: 'client-secret-0123456789abcdef' };
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START });
    sim.accounts.addApiKey({ ...keys, balances: { USDT: '1000' } });
  });
  afterEach(() => sim.close());

  it('serves a ticker from cache until its TTL (30 s) passes', async () => {
    const { client } = createSimMexcClient(sim);
    await client.fetchTicker('QRL/USDT');
    sim.clock.advance(29_000);
    await client.fetchTicker('QRL/USDT');
    expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(1);
    sim.clock.advance(1_000);
    await client.fetchTicker('QRL/USDT');
    expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(2);
    expect(client.metrics.snapshot().dataTypes.ticker).toMatchObject({ hits: 1, misses: 2, upstreamCalls: 2 });
  });

  it('answers 50 concurrent identical reads with one upstream call', async () => {
    const { client } = createSimMexcClient(sim);
    const results = await Promise.all(Array.from({ length: 50 }, () => client.fetchOrderBook('QRL/USDT', 20)));
    expect(upstream(sim, '/api/v3/depth')).toBe(1);
    expect(new Set(results.map((book) => book.nonce)).size).toBe(1);
  });

  it('refetches a daily series when a new candle opens, not a day later', async () => {
    const { client } = createSimMexcClient(sim);
    const first = await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
    const todayOpen = first.at(-1)![0]!;
    sim.clock.set(todayOpen + 86_400_000 + 1_000); // just after midnight UTC
    const next = await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
    expect(next.at(-1)![0]).toBe(todayOpen + 86_400_000);
    expect(next.at(-2)![4]).not.toBeUndefined(); // yesterday's final close is in
    expect(upstream(sim, '/api/v3/klines')).toBe(2);
  });

  it('keeps the forming daily candle at most 15 minutes old', async () => {
    const { client } = createSimMexcClient(sim);
    await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
    sim.clock.advance(14 * 60_000);
    await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
    expect(upstream(sim, '/api/v3/klines')).toBe(1);
    sim.clock.advance(60_000);
    await client.fetchOHLCV('QRL/USDT', '1d', { limit: 120 });
    expect(upstream(sim, '/api/v3/klines')).toBe(2);
  });

  it('fetches every ticker in one call', async () => {
    const { client } = createSimMexcClient(sim);
    const tickers = await client.fetchTickers(['QRL/USDT', 'BTC/USDT', 'ETH/USDT']);
    expect(Object.keys(tickers).sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'QRL/USDT']);
    expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(1);
  });

  it('retries transient failures with growing backoff and succeeds', async () => {
    const { client, sleeps } = createSimMexcClient(sim);
    sim.faults.inject({ kind: '5xx-before', path: '/api/v3/depth', times: 2 });
    await expect(client.fetchOrderBook('QRL/USDT')).resolves.toBeDefined();
    expect(sleeps).toEqual([500, 1_000]); // full jitter at random 0.5 of 1 s, 2 s
  });

  it('never retries a permanent error', async () => {
    const { client } = createSimMexcClient(sim, { keys: { apiKey: keys.apiKey, secret: 'wrong-secret-000000000000000' } });
    await expect(client.fetchBalance()).rejects.toMatchObject({ kind: 'permanent' });
    expect(upstream(sim, '/api/v3/account')).toBe(1);
  });

  it('opens the breaker after repeated failures, fails fast, then half-opens and closes on a good probe', async () => {
    const { client } = createSimMexcClient(sim);
    sim.faults.inject({ kind: '5xx-before', path: '/api/v3/depth', times: 100 });
    for (let i = 0; i < 5; i++) await expect(client.fetchOrderBook('QRL/USDT', 5 + i)).rejects.toBeInstanceOf(ExchangeReadError);
    expect(client.breaker.state).toBe('open');
    const before = sim.requestLog.length;
    await expect(client.fetchOrderBook('QRL/USDT', 50)).rejects.toMatchObject({ kind: 'circuit-open' });
    expect(sim.requestLog.length).toBe(before);
    sim.faults.clear();
    sim.clock.advance(30_000);
    expect(client.breaker.state).toBe('half-open');
    await expect(client.fetchOrderBook('QRL/USDT', 50)).resolves.toBeDefined();
    expect(client.breaker.state).toBe('closed');
  });

  it('never sends an order twice: a 5xx after acceptance is an unknown outcome, found again by clientOrderId', async () => {
    const { client } = createSimMexcClient(sim, { keys });
    sim.faults.inject({ kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' });
    const error = await client.createOrder({ symbol: 'QRL/USDT', type: 'limit', side: 'buy', amount: 10, price: 0.1, clientOrderId: 'qtb-unknown-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(sim.requestLog.filter((r) => r.path === '/api/v3/order' && r.method === 'POST')).toHaveLength(1);
    expect(await client.fetchOrderByClientId('qtb-unknown-1', 'QRL/USDT')).toMatchObject({ clientOrderId: 'qtb-unknown-1', status: 'open' });
    expect(await client.fetchOrderByClientId('qtb-never-sent', 'QRL/USDT')).toBeNull();
  });

  it('passes permanent order errors through as their ccxt class, unretried', async () => {
    const { client } = createSimMexcClient(sim, { keys });
    await expect(client.createOrder({ symbol: 'QRL/USDT', type: 'limit', side: 'buy', amount: 100_000, price: 0.3, clientOrderId: 'too-big' })).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('never caches writes, and a write drops the cached balance', async () => {
    const { client } = createSimMexcClient(sim, { keys });
    await client.fetchBalance();
    await client.createOrder({ symbol: 'QRL/USDT', type: 'limit', side: 'buy', amount: 10, price: 0.1, clientOrderId: 'w-1' });
    const after = await client.fetchBalance();
    expect(after.USDT).toMatchObject({ used: 1 });
    expect(upstream(sim, '/api/v3/account')).toBe(2);
  });

  it('keeps keys and signatures out of error messages', async () => {
    const { client } = createSimMexcClient(sim, { keys: { apiKey: keys.apiKey, secret: 'wrong-secret-000000000000000' } });
    const error = (await client.fetchBalance().catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('700002');
    expect(error.message).not.toContain(keys.apiKey);
    expect(error.message).not.toMatch(/signature=[0-9a-f]/);
    expect(client.metrics.lastError).not.toContain(keys.apiKey);
  });

  it('stays inside MEXC\'s limit by waiting, where a burst would earn 429s', async () => {
    const { client } = createSimMexcClient(sim, { cache: new NullCache() });
    // 30 × weight 40 = 1200: more than two windows' worth.
    for (let i = 0; i < 30; i++) await client.fetchTickers();
    expect(upstream(sim, '/api/v3/ticker/24hr')).toBe(30);
    expect(sim.requestLog.filter((r) => r.status === 429)).toEqual([]);
    expect(client.limiter.peakShare).toBeLessThanOrEqual(0.9);
  });
});
