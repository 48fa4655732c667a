import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMexcExchange, type SpotOnlyMexc } from '../../main/core/exchange/SpotOnlyMexc';
import { startMexcSim, type MexcSim } from './index';
import { DAY } from './PricePath';
import { simClient } from './simClient';

const START = Date.UTC(2026, 10, 25, 1, 0, 0);

describe('real ccxt mexc against the simulator: public market data', () => {
  let sim: MexcSim;
  let ex: SpotOnlyMexc;
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: START });
    ex = createMexcExchange({ baseUrl: sim.url, clock: sim.clock });
    await ex.loadMarkets();
  });
  afterAll(() => sim.close());

  it('fetchTime and fetchStatus', async () => {
    expect(await ex.fetchTime()).toBe(START);
    expect(await ex.fetchStatus()).toMatchObject({ status: 'ok' });
  });

  it('loadMarkets: QRL/USDT with its precision, limits, fees and flags', () => {
    const qrl = ex.markets!['QRL/USDT']!;
    expect(qrl).toMatchObject({
      id: 'QRLUSDT', base: 'QRL', quote: 'USDT', spot: true, active: true,
      precision: { amount: 0.01, price: 0.0001 },
      limits: { amount: { min: 0.01 }, cost: { min: 1, max: 2000000 } },
      maker: 0, taker: 0.0005,
    });
    expect(ex.markets!['MX/USDT']!.active).toBe(false); // not API-tradeable
    expect(ex.markets!['DOGE/USDT']!.active).toBe(false); // status "2"
    expect(Object.keys(ex.markets!)).toHaveLength(5);
  });

  it('fetchTicker: last, bid/ask, 24 h window, percentage as ×100 of MEXC\'s fraction', async () => {
    const t = await ex.fetchTicker('QRL/USDT');
    expect(t.symbol).toBe('QRL/USDT');
    expect(t.timestamp).toBe(START);
    for (const field of ['last', 'bid', 'ask', 'open', 'high', 'low', 'baseVolume', 'quoteVolume', 'change', 'percentage'] as const) {
      expect(typeof t[field], field).toBe('number');
    }
    expect(t.bid!).toBeLessThan(t.ask!);
    expect(t.low!).toBeLessThanOrEqual(t.last!);
    expect(t.high!).toBeGreaterThanOrEqual(t.last!);
    expect(t.percentage).toBeCloseTo(Number(t.info.priceChangePercent) * 100, 6);
    expect(t.change).toBeCloseTo(t.last! - t.open!, 8);
  });

  it('fetchTickers: all in one call, or one symbol', async () => {
    const all = await ex.fetchTickers();
    expect(Object.keys(all).sort()).toEqual(['BTC/USDT', 'DOGE/USDT', 'ETH/USDT', 'MX/USDT', 'QRL/USDT']);
    const one = await ex.fetchTickers(['QRL/USDT']);
    expect(Object.keys(one)).toEqual(['QRL/USDT']);
  });

  it.each([
    ['1m', 60_000], ['5m', 300_000], ['15m', 900_000], ['30m', 1_800_000], ['1h', 3_600_000], ['4h', 14_400_000], ['1d', DAY], ['1w', 7 * DAY],
  ])('fetchOHLCV %s: aligned, contiguous, forming candle last', async (timeframe, length) => {
    const candles = await ex.fetchOHLCV('QRL/USDT', timeframe, undefined, 5);
    expect(candles).toHaveLength(5);
    for (let i = 1; i < candles.length; i++) expect(candles[i]![0]! - candles[i - 1]![0]!).toBe(length);
    const last = candles.at(-1)!;
    expect(last[0]!).toBeLessThanOrEqual(START);
    expect(last[0]! + length).toBeGreaterThan(START);
    for (const [, o, h, l, c, v] of candles) {
      expect(h!).toBeGreaterThanOrEqual(Math.max(o!, c!));
      expect(l!).toBeLessThanOrEqual(Math.min(o!, c!));
      expect(v!).toBeGreaterThanOrEqual(0);
    }
    // Closed candles hold trades; the forming one may not have had its first yet (it opened at START for the short frames).
    for (const [, , , , , v] of candles.slice(0, -1)) expect(v!).toBeGreaterThan(0);
  });

  it('fetchOHLCV 1M: calendar months', async () => {
    const months = await ex.fetchOHLCV('QRL/USDT', '1M', undefined, 3);
    expect(months.map((c) => new Date(c[0]!).toISOString().slice(0, 10))).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
  });

  it('fetchOHLCV with since: startTime/endTime semantics, years of daily history, max limit 1000', async () => {
    const since = START - 400 * DAY;
    const page = await ex.fetchOHLCV('QRL/USDT', '1d', since, 100);
    expect(page[0]![0]).toBeGreaterThanOrEqual(since);
    expect(page[0]![0]! - since).toBeLessThan(DAY);
    expect(page).toHaveLength(100);
    const raw = (await ex.spotPublicGetKlines({ symbol: 'QRLUSDT', interval: '1d', limit: 5000 })) as unknown[];
    expect(raw).toHaveLength(1000);
  });

  it('daily candles agree with the hourly ones inside them', async () => {
    const day = (await ex.fetchOHLCV('QRL/USDT', '1d', START - 3 * DAY, 1))[0]!;
    const hours = await ex.fetchOHLCV('QRL/USDT', '1h', day[0]!, 24);
    expect(hours[0]![1]).toBe(day[1]);
    expect(hours.at(-1)![4]).toBe(day[4]);
    expect(Math.max(...hours.map((h) => h[2]!))).toBe(day[2]);
    expect(Math.min(...hours.map((h) => h[3]!))).toBe(day[3]);
  });

  it('fetchOrderBook: sorted sides, best bid under best ask, nonce from lastUpdateId', async () => {
    const book = await ex.fetchOrderBook('QRL/USDT', 10);
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    expect(book.bids[0]![0]!).toBeLessThan(book.asks[0]![0]!);
    for (let i = 1; i < 10; i++) {
      expect(book.bids[i]![0]!).toBeLessThan(book.bids[i - 1]![0]!);
      expect(book.asks[i]![0]!).toBeGreaterThan(book.asks[i - 1]![0]!);
    }
    expect(typeof book.nonce).toBe('number');
  });

  it('fetchTrades: aggTrades by default, trades on request', async () => {
    const agg = await ex.fetchTrades('QRL/USDT', undefined, 20);
    expect(agg).toHaveLength(20);
    expect(agg[0]).toMatchObject({ symbol: 'QRL/USDT' });
    expect(['buy', 'sell']).toContain(agg[0]!.side);
    expect(agg.at(-1)!.timestamp!).toBeLessThanOrEqual(START);
    const plain = await ex.fetchTrades('QRL/USDT', undefined, 5, { method: 'spotPublicGetTrades' });
    expect(plain).toHaveLength(5);
    expect(plain[0]!.cost).toBeCloseTo(plain[0]!.price! * plain[0]!.amount!, 6);
  });

  it('refuses an unknown symbol with BadSymbol', async () => {
    await expect(ex.spotPublicGetTicker24hr({ symbol: 'NOPEUSDT' })).rejects.toBeInstanceOf(ccxt.BadSymbol);
  });
});

describe('real ccxt mexc against the simulator: account and orders', () => {
  let sim: MexcSim;
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: START, enforceRateLimit: false });
  });
  afterAll(() => sim.close());

  it('fetchBalance: free, used and total per asset', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000', QRL: '250.5' } });
    const balance = await exchange.fetchBalance();
    expect(balance.USDT).toEqual({ free: 1000, used: 0, total: 1000 });
    expect(balance.QRL).toEqual({ free: 250.5, used: 0, total: 250.5 });
  });

  it('LIMIT buy below the market rests, locks its cost, shows as open, fills when the price crosses', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    const last = (await exchange.fetchTicker('QRL/USDT')).last!;
    const price = Number((last * 0.9).toFixed(4));
    const placed = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 100, price, { clientOrderId: 'conf-limit-1' });
    expect(placed).toMatchObject({ symbol: 'QRL/USDT', type: 'limit', side: 'buy', price, amount: 100 });
    const open = await exchange.fetchOrder(placed.id!, 'QRL/USDT');
    expect(open).toMatchObject({ status: 'open', filled: 0, remaining: 100, clientOrderId: 'conf-limit-1', timeInForce: 'GTC' });
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ used: Number((100 * price).toFixed(4)) });
    expect((await exchange.fetchOpenOrders('QRL/USDT')).map((o) => o.id)).toEqual([placed.id]);

    sim.state.paths.get('QRLUSDT')!.force(price - 0.001, sim.clock.now() + 60_000);
    sim.clock.advance(120_000);
    const filled = await exchange.fetchOrder('', 'QRL/USDT', { clientOrderId: 'conf-limit-1' });
    expect(filled).toMatchObject({ id: placed.id, status: 'closed', filled: 100, remaining: 0 });
    const trades = await exchange.fetchMyTrades('QRL/USDT');
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ order: placed.id, side: 'buy', price, amount: 100, takerOrMaker: 'maker', fee: { cost: 0, currency: 'QRL' } });
    expect((await exchange.fetchBalance()).QRL).toMatchObject({ free: 100 });
    sim.state.paths.get('QRLUSDT')!.force(null, 0);
  });

  it('MARKET buy by amount and by cost, MARKET sell: filled at once against the book with taker fees', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000', QRL: '50' } });
    await exchange.loadMarkets();
    const byAmount = await exchange.createOrder('QRL/USDT', 'market', 'buy', 20);
    expect(await exchange.fetchOrder(byAmount.id!, 'QRL/USDT')).toMatchObject({ status: 'closed', filled: 20, type: 'market' });
    const byCost = await exchange.createMarketBuyOrderWithCost('QRL/USDT', 5);
    const costOrder = await exchange.fetchOrder(byCost.id!, 'QRL/USDT');
    expect(costOrder.status).toBe('closed');
    expect(costOrder.cost!).toBeLessThanOrEqual(5);
    expect(costOrder.cost!).toBeGreaterThan(4.9);
    const sell = await exchange.createOrder('QRL/USDT', 'market', 'sell', 10);
    const trades = (await exchange.fetchMyTrades('QRL/USDT')).filter((t) => t.order === sell.id);
    expect(trades[0]).toMatchObject({ side: 'sell', takerOrMaker: 'taker', fee: { currency: 'USDT' } });
    // The commission is exact to MEXC's 8 decimals, cut (not rounded) there: within one unit of the 8th place.
    expect(Math.abs(trades[0]!.fee!.cost! - trades[0]!.cost! * 0.0005)).toBeLessThan(1e-8);
  });

  it('LIMIT_MAKER (postOnly) rests when it would not cross and is refused when it would', async () => {
    const { exchange } = simClient(sim);
    await exchange.loadMarkets();
    const { bid, ask } = await exchange.fetchTicker('QRL/USDT');
    const maker = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, bid! - 0.001, { postOnly: true });
    expect(maker.info.type).toBe('LIMIT_MAKER');
    await expect(exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, ask! + 0.001, { postOnly: true })).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  it('IOC fills what crosses now and cancels the rest; FOK fills all or nothing', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '100000' } });
    await exchange.loadMarkets();
    const { ask } = await exchange.fetchTicker('QRL/USDT');
    const ioc = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 5000, ask!, { timeInForce: 'IOC' });
    const iocState = await exchange.fetchOrder(ioc.id!, 'QRL/USDT');
    expect(iocState.status).toBe('canceled'); // PARTIALLY_CANCELED parses as canceled
    expect(iocState.info.status).toBe('PARTIALLY_CANCELED');
    expect(iocState.filled!).toBeGreaterThan(0);
    expect(iocState.filled!).toBeLessThan(5000);
    const fok = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 5000, ask!, { timeInForce: 'FOK' });
    expect(await exchange.fetchOrder(fok.id!, 'QRL/USDT')).toMatchObject({ status: 'canceled', filled: 0 });
    expect((await exchange.fetchOrder(fok.id!, 'QRL/USDT')).info.status).toBe('CANCELED');
  });

  it('cancelOrder and cancelAllOrders release the locked funds', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    const a = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.1);
    await exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.11);
    const canceled = await exchange.cancelOrder(a.id!, 'QRL/USDT');
    expect(canceled).toMatchObject({ id: a.id, status: 'canceled' });
    await exchange.cancelAllOrders('QRL/USDT');
    expect(await exchange.fetchOpenOrders('QRL/USDT')).toEqual([]);
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ free: 1000, used: 0 });
    await expect(exchange.cancelOrder(a.id!, 'QRL/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('fetchOrders (allOrders) lists the last 24 h of every status', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    await exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.1);
    await exchange.createOrder('QRL/USDT', 'market', 'buy', 10);
    const orders = await exchange.fetchOrders('QRL/USDT');
    expect(orders.map((o) => o.status).sort()).toEqual(['closed', 'open']);
  });

  it('order/test validates without placing', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    expect(await exchange.spotPrivatePostOrderTest({ symbol: 'QRLUSDT', side: 'BUY', type: 'LIMIT', quantity: '10', price: '0.1' })).toEqual({});
    expect(await exchange.fetchOpenOrders('QRL/USDT')).toEqual([]);
    await expect(exchange.spotPrivatePostOrderTest({ symbol: 'QRLUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: '0.1' })).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  it('a reused newClientOrderId is refused and places nothing', async () => {
    const { exchange } = simClient(sim, { balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    await exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.1, { clientOrderId: 'dup-1' });
    await expect(exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, 0.1, { clientOrderId: 'dup-1' })).rejects.toThrow('duplicate newClientOrderId');
    expect(await exchange.fetchOpenOrders('QRL/USDT')).toHaveLength(1);
  });

  it('tradeFee, capital config and user data stream keys', async () => {
    const { exchange } = simClient(sim);
    expect(await exchange.spotPrivateGetTradeFee({ symbol: 'QRLUSDT' })).toMatchObject({ data: { makerCommission: 0, takerCommission: 0.0005 }, code: 0 });
    const coins = (await exchange.spotPrivateGetCapitalConfigGetall()) as { coin: string }[];
    expect(coins.map((c) => c.coin).sort()).toEqual(['BTC', 'DOGE', 'ETH', 'MX', 'QRL', 'USDT']);
    const { listenKey } = (await exchange.spotPrivatePostUserDataStream()) as { listenKey: string };
    expect(listenKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await exchange.spotPrivatePutUserDataStream({ listenKey })).toEqual({ listenKey });
    expect(await exchange.spotPrivateDeleteUserDataStream({ listenKey })).toEqual({ listenKey });
    await expect(exchange.spotPrivatePutUserDataStream({ listenKey })).rejects.toThrow('listenKey does not exist');
  });
});
