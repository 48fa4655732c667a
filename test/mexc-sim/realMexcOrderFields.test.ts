import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRADING_AND_WITHDRAW } from './Accounts';
import { startMexcSim, type MexcSim } from './index';
import { MINUTE } from './PricePath';
import { simClient } from './simClient';

const START = Date.UTC(2026, 10, 25, 1, 0, 30);

/** What ccxt makes of the simulator's answers is what it makes of real MEXC's (issue #15, ccxt's recorded mexc.json). */
describe("real ccxt parses the simulator's orders, coins and candles as it parses real MEXC's", () => {
  let sim: MexcSim;
  let exchange: ReturnType<typeof simClient>['exchange'];
  beforeAll(async () => {
    sim = await startMexcSim({ startTime: START, enforceRateLimit: false });
    ({ exchange } = simClient(sim, { balances: { USDT: '1000', QRL: '100' }, permissions: TRADING_AND_WITHDRAW }));
    await exchange.loadMarkets();
  });
  afterAll(() => sim.close());

  it('a MARKET order: no trigger price, IOC, a reference price, origQuoteOrderQty = price × origQty, isWorking once filled', async () => {
    const sell = await exchange.createOrder('QRL/USDT', 'market', 'sell', 12);
    expect(sell.timeInForce).toBe('IOC');
    expect(sell.price!).toBeGreaterThan(0);
    const order = await exchange.fetchOrder(sell.id!, 'QRL/USDT');
    expect(order).toMatchObject({ status: 'closed', type: 'market', timeInForce: 'IOC', filled: 12 });
    expect(order.triggerPrice).toBeUndefined();
    expect(order.stopPrice).toBeUndefined();
    const last = (await exchange.fetchTicker('QRL/USDT')).last!;
    expect(order.price).toBe(last);
    expect(order.info).toMatchObject({ timeInForce: null, stopPrice: null, icebergQty: null, isWorking: true });
    expect(Number(order.info.origQuoteOrderQty)).toBeCloseTo(12 * last, 8);
  });

  it('a LIMIT order: GTC, origQuoteOrderQty = price × origQty; canceled, it still says isWorking', async () => {
    const placed = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 25, 0.3);
    const open = await exchange.fetchOrder(placed.id!, 'QRL/USDT');
    expect(open).toMatchObject({ status: 'open', timeInForce: 'GTC', price: 0.3 });
    expect(open.triggerPrice).toBeUndefined();
    expect(open.info.origQuoteOrderQty).toBe('7.5');
    await exchange.cancelOrder(placed.id!, 'QRL/USDT');
    expect((await exchange.fetchOrder(placed.id!, 'QRL/USDT')).info).toMatchObject({ status: 'CANCELED', isWorking: true });
  });

  it('a LIMIT_MAKER order parses as post-only, IOC and FOK as theirs', async () => {
    const { bid, ask } = await exchange.fetchTicker('QRL/USDT');
    const maker = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 10, bid! - 0.001, { postOnly: true });
    // ccxt's mexc maps the raw type LIMIT_MAKER to 'POST_ONLY' when MEXC leaves timeInForce null.
    expect((await exchange.fetchOrder(maker.id!, 'QRL/USDT')).timeInForce).toBe('POST_ONLY');
    const ioc = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 5, ask!, { timeInForce: 'IOC' });
    expect((await exchange.fetchOrder(ioc.id!, 'QRL/USDT')).timeInForce).toBe('IOC');
    const fok = await exchange.createOrder('QRL/USDT', 'limit', 'buy', 5, ask!, { timeInForce: 'FOK' });
    expect((await exchange.fetchOrder(fok.id!, 'QRL/USDT')).timeInForce).toBe('FOK');
  });

  it('fetchCurrencies lists every asset with its networks; fetchDepositAddress picks the asked network', async () => {
    const currencies = await exchange.fetchCurrencies();
    expect(Object.keys(currencies).sort()).toEqual(['BTC', 'DOGE', 'ETH', 'MX', 'QRL', 'USDT']);
    expect(currencies.QRL).toMatchObject({ id: 'QRL', name: 'Quantum Resistant Ledger' });
    // The recorded getall answer names a network only by its title (no `netWork` id), so ccxt keeps unknown titles as they are.
    expect(Object.keys(currencies.USDT!.networks).sort()).toEqual(['BSC', 'ERC20', 'Tron(TRC20)']);
    const address = await exchange.fetchDepositAddress('USDT', { network: 'TRC20' });
    expect(address).toMatchObject({ currency: 'USDT', network: 'TRC20' });
  });

  it("klines: closeTime is the next candle's open time, for closed, forming and calendar-month candles; the ticker closes now", async () => {
    for (const [interval, length] of [['1m', MINUTE], ['60m', 60 * MINUTE]] as const) {
      const rows = (await exchange.spotPublicGetKlines({ symbol: 'QRLUSDT', interval, limit: 3 })) as number[][];
      for (const row of rows) expect(row[6]! - row[0]!).toBe(length);
      expect(rows.at(-1)![0]!).toBeLessThanOrEqual(START);
      expect(rows.at(-1)![6]!).toBeGreaterThan(START); // the forming candle
    }
    const months = (await exchange.spotPublicGetKlines({ symbol: 'QRLUSDT', interval: '1M', limit: 2 })) as number[][];
    expect(months.map((row) => [new Date(row[0]!).toISOString(), new Date(row[6]!).toISOString()])).toEqual([
      ['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
      ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ]);
    const ticker = (await exchange.spotPublicGetTicker24hr({ symbol: 'QRLUSDT' })) as { closeTime: number; openTime: number };
    expect(ticker.closeTime).toBe(START);
    expect(ticker.openTime % (5 * MINUTE)).toBe(0);
  });
});
