import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMexcExchange } from '../../main/core/exchange/SpotOnlyMexc';
import { READ_ONLY, startMexcSim, type MexcSim } from './index';
import { simClient } from './simClient';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);

describe('every error path maps to the ccxt class that ccxt\'s mexc.js error map gives it', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START, enforceRateLimit: false });
  });
  afterEach(() => sim.close());

  async function ready(options: Parameters<typeof simClient>[1] = {}) {
    const client = simClient(sim, options);
    await client.exchange.loadMarkets();
    return client.exchange;
  }

  it('wrong secret → 700002 → AuthenticationError', async () => {
    const ex = await ready({ secret: 'not-the-secret-0000000000' });
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('unknown API key → 10072 → AuthenticationError', async () => {
    const ex = createMexcExchange({ baseUrl: sim.url, apiKey: 'mx0vNOBODY00000', secret: 'x'.repeat(32), clock: sim.clock });
    await ex.loadMarkets();
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('a timestamp more than 1 s ahead → 700003 → InvalidNonce; within 1 s is fine', async () => {
    const ex = await ready();
    sim.faults.inject({ kind: 'clock-skew', ms: -1_500 });
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    sim.faults.inject({ kind: 'clock-skew', ms: -900 });
    await expect(ex.fetchBalance()).resolves.toBeDefined();
  });

  it('a timestamp older than recvWindow → 700003; recvWindow over 60000 → 700005; both InvalidNonce', async () => {
    const ex = await ready();
    sim.faults.inject({ kind: 'clock-skew', ms: 5_001 });
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    sim.faults.clear();
    ex.options.recvWindow = 60_001;
    await expect(ex.fetchBalance()).rejects.toThrow('700005');
  });

  it('a read-only key is refused on order endpoints → 700007 → PermissionDenied', async () => {
    const ex = await ready({ permissions: READ_ONLY });
    await expect(ex.fetchBalance()).resolves.toBeDefined();
    await expect(ex.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.1)).rejects.toBeInstanceOf(ccxt.PermissionDenied);
  });

  it('not enough USDT → 30004, selling more QRL than held → 30005: both InsufficientFunds', async () => {
    const ex = await ready({ balances: { USDT: '5' } });
    await expect(ex.createOrder('QRL/USDT', 'limit', 'buy', 100, 0.3)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    await expect(ex.createOrder('QRL/USDT', 'limit', 'sell', 100, 0.3)).rejects.toThrow(/30005/);
    await expect(ex.createOrder('QRL/USDT', 'limit', 'sell', 100, 0.3)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('below the minimum notional → 30002 (with the minimum in the message) → InvalidOrder', async () => {
    const ex = await ready();
    await expect(ex.createOrder('QRL/USDT', 'limit', 'buy', 2, 0.3)).rejects.toThrow(/30002.*1USDT/);
    await expect(ex.createOrder('QRL/USDT', 'limit', 'buy', 2, 0.3)).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  it('too many decimals in the amount → 10096 → InvalidOrder', async () => {
    const ex = await ready();
    await expect(ex.spotPrivatePostOrder({ symbol: 'QRLUSDT', side: 'BUY', type: 'LIMIT', quantity: '10.123', price: '0.3' })).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  it('the 500-open-order cap → 30029 → InvalidOrder', async () => {
    const ex = await ready({ balances: { USDT: '100000' } });
    const account = sim.state.accounts.account(Object.keys(ex).length ? ex.apiKey : '');
    for (let i = 0; i < 500; i++) sim.state.engine.place(account, sim.state.paths.get('QRLUSDT')!.spec, { symbol: 'QRLUSDT', side: 'BUY', type: 'LIMIT', quantity: '10', price: '0.1' }, sim.clock.now());
    await expect(ex.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.1)).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  it('a market that is not API-tradeable → 10007 → BadSymbol; a paused one → 30000 → ExchangeError', async () => {
    const ex = await ready();
    await expect(ex.createOrder('MX/USDT', 'limit', 'buy', 10, 1)).rejects.toBeInstanceOf(ccxt.BadSymbol);
    await expect(ex.createOrder('DOGE/USDT', 'limit', 'buy', 100, 0.1)).rejects.toBeInstanceOf(ccxt.ExchangeError);
  });

  it('an unknown order → -2011 → OrderNotFound (ccxt maps it only with our extra codes)', async () => {
    const ex = await ready();
    await expect(ex.fetchOrder('does-not-exist', 'QRL/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });
});

describe('injected faults map to ccxt network errors', () => {
  let sim: MexcSim;
  beforeEach(async () => {
    sim = await startMexcSim({ startTime: START, enforceRateLimit: false });
  });
  afterEach(() => sim.close());

  it.each([
    ['5xx-before', ccxt.ExchangeNotAvailable],
    ['maintenance', ccxt.OnMaintenance],
    ['429-storm', ccxt.RateLimitExceeded],
    ['reset', ccxt.NetworkError],
  ] as const)('%s → %s', async (kind, errorClass) => {
    const { exchange } = simClient(sim);
    await exchange.loadMarkets();
    sim.faults.inject({ kind, path: '/api/v3/ticker/24hr' });
    await expect(exchange.fetchTicker('QRL/USDT')).rejects.toBeInstanceOf(errorClass);
    await expect(exchange.fetchTicker('QRL/USDT')).resolves.toBeDefined(); // one-shot
  });

  it('a hung request → RequestTimeout at the client timeout', async () => {
    const { exchange } = simClient(sim, { timeoutMs: 300 });
    await exchange.loadMarkets();
    sim.faults.inject({ kind: 'timeout', path: '/api/v3/ticker/24hr' });
    await expect(exchange.fetchTicker('QRL/USDT')).rejects.toBeInstanceOf(ccxt.RequestTimeout);
  });

  it('malformed JSON → ccxt fails with a plain TypeError (not a ccxt class: the client must classify it)', async () => {
    const { exchange } = simClient(sim);
    await exchange.loadMarkets();
    sim.faults.inject({ kind: 'malformed-json', path: '/api/v3/ticker/24hr' });
    const error = await exchange.fetchTicker('QRL/USDT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ccxt.BaseError);
    await expect(exchange.fetchTicker('QRL/USDT')).resolves.toBeDefined();
  });

  it('malformed JSON is malformed even where the answer is short: `{}` is never served whole', async () => {
    sim.faults.inject({ kind: 'malformed-json', path: '/api/v3/ping' });
    const body = await (await fetch(`${sim.url}/api/v3/ping`)).text();
    expect(() => JSON.parse(body)).toThrow(SyntaxError);
    expect(JSON.parse(await (await fetch(`${sim.url}/api/v3/ping`)).text())).toEqual({});
  });

  it('5xx after acceptance: the client sees RequestTimeout, yet the order exists (outcome unknown)', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    sim.faults.inject({ kind: '5xx-after-accept', path: '/api/v3/order', method: 'POST' });
    await expect(exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.1, { clientOrderId: 'unknown-1' })).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    const found = await exchange.fetchOrder('', 'QRL/USDT', { clientOrderId: 'unknown-1' });
    expect(found).toMatchObject({ clientOrderId: 'unknown-1', status: 'open' });
  });

  it('added latency delays the answer but keeps it correct', async () => {
    const { exchange } = simClient(sim);
    await exchange.loadMarkets();
    sim.faults.inject({ kind: 'latency', ms: 150, path: '/api/v3/time' });
    const started = Date.now();
    expect(await exchange.fetchTime()).toBe(START);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe("MEXC's rate limit: 500 weight per 10 s, 429 with Retry-After, then a 418 ban", () => {
  it('counts documented weights in one shared pool, answers 429 with Retry-After, and resets with the window', async () => {
    const sim = await startMexcSim({ startTime: START, banAfterViolations: 100 });
    const ex = createMexcExchange({ baseUrl: sim.url, clock: sim.clock });
    await ex.loadMarkets(); // time 1 + exchangeInfo 10
    for (let i = 0; i < 12; i++) await ex.fetchTickers(); // 40 each: 480, total 491
    await expect(ex.fetchTickers()).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    const limited = sim.requestLog.at(-1)!;
    expect(limited).toMatchObject({ status: 429, weight: 40 });
    await expect(ex.fetchOrderBook('QRL/USDT')).resolves.toBeDefined(); // weight 1 still fits: 492
    sim.clock.advance(10_000);
    await expect(ex.fetchTickers()).resolves.toBeDefined();
    await sim.close();
  });

  it('per-endpoint mode gives each endpoint its own budget', async () => {
    const sim = await startMexcSim({ startTime: START, rateLimitMode: 'per-endpoint' });
    const ex = createMexcExchange({ baseUrl: sim.url, clock: sim.clock });
    await ex.loadMarkets();
    for (let i = 0; i < 12; i++) await ex.fetchTickers();
    await expect(ex.fetchTickers()).rejects.toBeInstanceOf(ccxt.RateLimitExceeded);
    await expect(ex.fetchTime()).resolves.toBe(START);
    await sim.close();
  });

  it('bans an IP that keeps going after 429s (418, empty body, Retry-After) → DDoSProtection', async () => {
    const sim = await startMexcSim({ startTime: START, banAfterViolations: 3, banMs: 120_000 });
    const ex = createMexcExchange({ baseUrl: sim.url, clock: sim.clock });
    await ex.loadMarkets();
    const errors: string[] = [];
    for (let i = 0; i < 20; i++) await ex.fetchTickers().catch((error: Error) => errors.push(error.constructor.name));
    expect(errors).toContain('RateLimitExceeded');
    expect(errors.at(-1)).toBe('DDoSProtection');
    const ban = sim.requestLog.at(-1)!;
    expect(ban.status).toBe(418);
    sim.clock.advance(60_000);
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    sim.clock.advance(61_000);
    await expect(ex.fetchTime()).resolves.toBeDefined();
    await sim.close();
  });
});
